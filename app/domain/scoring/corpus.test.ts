import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadPacks, PRODUCT_MINIMUMS } from "../content/load";
import { PARAM_REGISTRY } from "../content/param-registry";
import { lexiconFromFiles } from "../text/concepts";
import { CorpusFileSchema, corpusCases, evaluateCorpus, GOALS, siteDraft, staleQuotes } from "./corpus";
import { scoreAttempt } from "./index";

const root = path.resolve("content");
function files(dir: string): { path: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [{ path: path.relative(root, path.join(dir, e.name)).split(path.sep).join("/"), text: fs.readFileSync(path.join(dir, e.name), "utf8") }],
  );
}
const { packs } = loadPacks(files(root), PRODUCT_MINIMUMS, { params: PARAM_REGISTRY });
const corpusDir = path.resolve("tests/fixtures/explanations");
const corpus = fs.readdirSync(corpusDir).filter((f) => f.endsWith(".yaml")).map((f) => CorpusFileSchema.parse(parse(fs.readFileSync(path.join(corpusDir, f), "utf8"))));
const cases = corpusCases(corpus, packs);
const lexicon = lexiconFromFiles([{ path: "concepts.yaml", text: fs.readFileSync(path.join(root, "concepts.yaml"), "utf8") }], parse).lexicon;

/** Coverage as scoring computes it: one finding exactly on the flaw, right category. */
const scored = (c: (typeof cases)[number]) =>
  scoreAttempt({
    flawedText: c.draft.flawedText,
    brief: c.draft.brief,
    lexicon,
    answerKey: [c.flaw],
    findings: [{ id: "g", lines: c.flaw.lines, category: c.flaw.category, confidence: 1, explanation: c.text }],
  }).flaws[0].keyPointsCovered;

describe("explanation corpus", () => {
  it("has at least 200 labelled explanations across the four packs and every kind", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((c) => c.site.split("/")[0]))).toEqual(new Set(["data", "finance", "legal", "software"]));
    expect(new Set(cases.map((c) => c.kind)).size).toBe(6);
  });

  it("every entry quotes only figures and names its draft shows (drafts are parametric; an entry names them as {{param}})", () => {
    const stale = cases.flatMap((c) => staleQuotes(c).map((q) => `${c.site} (${c.kind}): ${q}`));
    expect(stale).toEqual([]);
  });

  it("a stale quote is caught: a figure, a code name, a name or a quoted span the draft no longer shows", () => {
    const c = cases.find((x) => x.site === "software/git-history/limit-lower" && x.kind === "good")!;
    const max = String(siteDraft(packs, c.site).params.max);
    expect(staleQuotes(c)).toEqual([]);
    const other = String(Number(max) * 2);
    const stale = { ...c, text: `${c.text} The brief says ${other} items, see pageHistoryOld, as Quillfeather asked: "git log --max-count=${other}"` };
    expect(staleQuotes(stale)).toEqual([`git log --max-count=${other}`, other, "pageHistoryOld", "Quillfeather"]);
    // The trainee's own proposal is listed as such and passes.
    expect(staleQuotes({ ...stale, own: [other, "pageHistoryOld", "Quillfeather", `git log --max-count=${other}`] })).toEqual([]);
  });

  it("meets the key-point precision and recall goals and gives copied, vague and negated text little credit", () => {
    const f = evaluateCorpus(cases, scored);
    expect(f.precision).toBeGreaterThanOrEqual(GOALS.precision);
    expect(f.recall).toBeGreaterThanOrEqual(GOALS.recall);
    for (const [kind, max] of Object.entries(GOALS.maxCredit)) {
      expect(f.byKind[kind as keyof typeof f.byKind].meanCredit, kind).toBeLessThanOrEqual(max!);
    }
  });
});
