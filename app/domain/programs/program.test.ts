import { describe, expect, it } from "vitest";
import { dueAt, parseStartDate, rawFromSpec, rawProgramFromForm, validateProgram, type RawModule } from "./program";
import { evaluatePassRule, programProgress, type ModuleAttempt } from "./progress";

const catalog = { categories: { data: ["missing-where", "wrong-join"], legal: ["cap-removed", "party-swap"] }, draftDomains: { d1: "data", l1: "legal" } };
let n = 0;
const key = () => `k${++n}`;
const mod = (over: Partial<RawModule> = {}): RawModule => ({ title: "SQL basics", domains: ["data"], difficultyMin: "1", difficultyMax: "3", drafts: "5", minMeanScore: "70", lastN: "3", ...over });

describe("program validation", () => {
  it("accepts a two-module program and fills keys", () => {
    const r = validateProgram({ name: "Onboarding", modules: [mod({ dueDays: "14" }), mod({ title: "Contracts", domains: ["legal"], focus: "cap-removed", minHitRate: "60", dueDays: "21", signOff: true, assigned: "l1" })] }, catalog, key);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.modules.map((m) => m.key)).toEqual(["k1", "k2"]);
    expect(r.spec.modules[1]).toMatchObject({ focusCategories: ["cap-removed"], passRule: { minMeanScore: 70, lastN: 3, minHitRate: 60 }, signOff: true, assignedDraftIds: ["l1"], dueDays: 21 });
  });

  it("names the module and field of rules that could never pass", () => {
    const r = validateProgram(
      { name: "X", modules: [mod({ minMeanScore: "120" }), mod({ title: "Zero", drafts: "0" }), mod({ title: "Focus", focus: "cap-removed" })] },
      catalog,
      key,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.name).toMatch(/Program name/);
    expect(r.errors["modules.0.minMeanScore"]).toBe("Module 1 “SQL basics”, pass score: 120 is outside 0–100 — scores run from 0 to 100, so the rule could never pass.");
    expect(r.errors["modules.1.drafts"]).toMatch(/Module 2 “Zero”, number of drafts: 0 is outside 1–100/);
    expect(r.errors["modules.2.focus"]).toMatch(/“cap-removed” is not a category of data/);
  });

  it("refuses due dates before the start or before the previous module, and drafts of another domain", () => {
    const r = validateProgram({ name: "Plan", modules: [mod({ dueDays: "-2" }), mod({ title: "Two", dueDays: "10" }), mod({ title: "Three", dueDays: "5", assigned: "l1" })] }, catalog, key);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors["modules.0.dueDays"]).toMatch(/cannot be due before the program starts/);
    expect(r.errors["modules.2.dueDays"]).toMatch(/day 5 is before the previous module “Two” \(day 10\)/);
    expect(r.errors["modules.2.assigned"]).toMatch(/draft “l1” is a legal draft/);
  });

  it("reads the editor form, skipping the blank add-row and removed modules; round-trips a spec", () => {
    const raw = rawProgramFromForm([
      ["name", "Pr"],
      ["m0.key", "a"], ["m0.title", "One"], ["m0.domains", "data"], ["m0.domains", "legal"], ["m0.drafts", "2"], ["m0.minMeanScore", "50"], ["m0.difficultyMin", "1"], ["m0.difficultyMax", "2"], ["m0.signOff", "on"],
      ["m1.key", "b"], ["m1.title", "Gone"], ["m1.remove", "on"],
      ["m2.title", ""], ["m2.drafts", "3"],
    ]);
    expect(raw.removed).toEqual(["b"]);
    expect(raw.modules).toHaveLength(1);
    const r = validateProgram(raw, catalog, key);
    expect(r.ok && r.spec.modules[0]).toMatchObject({ key: "a", domains: ["data", "legal"], signOff: true, passRule: { lastN: 2 } });
    if (r.ok) expect(validateProgram(rawFromSpec(r.spec), catalog, key)).toEqual(r);
  });

  it("parses start dates and puts due at the end of the due day", () => {
    expect(parseStartDate("2026-02-30")).toBeNull();
    expect(parseStartDate("next week")).toBeNull();
    expect(parseStartDate("2026-03-01")).toBe("2026-03-01");
    expect(dueAt("2026-03-01", 14)).toBe("2026-03-15T23:59:59.999Z");
  });
});

const att = (day: number, total: number, flaws: { category: string; credit: number }[] = []): ModuleAttempt => ({ submittedAt: `2026-03-${String(day).padStart(2, "0")}T10:00:00.000Z`, total, flaws });

describe("pass rules and module states", () => {
  const spec = (() => {
    const r = validateProgram({ name: "Plan", modules: [mod({ key: "m1", drafts: "3", lastN: "2", minMeanScore: "70", dueDays: "7" }), mod({ key: "m2", title: "Contracts", domains: ["legal"], focus: "cap-removed", minMeanScore: "", minHitRate: "50", drafts: "2", lastN: "2", signOff: true, dueDays: "14" })] }, catalog, key);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.spec;
  })();

  it("needs the module's number of drafts and the mean of the last N", () => {
    const m = spec.modules[0];
    expect(evaluatePassRule(m, [att(2, 90), att(3, 90)]).met).toBe(false); // only 2 of 3 drafts
    expect(evaluatePassRule(m, [att(2, 90), att(3, 90), att(4, 40)]).met).toBe(false); // last 2 mean 65
    const ok = evaluatePassRule(m, [att(2, 20), att(3, 70), att(4, 80)]);
    expect(ok).toMatchObject({ met: true, mean: 75, submitted: 3 });
  });

  it("hit rate per focus category counts only that category's flaws", () => {
    const m = spec.modules[1];
    const none = evaluatePassRule(m, [att(2, 90, [{ category: "party-swap", credit: 1 }]), att(3, 90)]);
    expect(none.met).toBe(false);
    expect(none.summary).toContain("hit rate not measured yet: your recent drafts had no such flaw (pass at");
    // The trainee reads category names, not ids.
    const named = evaluatePassRule(m, [att(2, 90)], (c) => (c === "cap-removed" ? "Liability cap removed" : c));
    expect(named.summary).toContain("Liability cap removed hit rate");
    expect(named.summary).not.toContain("cap-removed hit rate");
    expect(evaluatePassRule(m, [att(2, 10, [{ category: "cap-removed", credit: 1 }, { category: "party-swap", credit: 0 }]), att(3, 10, [{ category: "cap-removed", credit: 0 }])]).hitRates).toEqual([{ category: "cap-removed", flaws: 2, rate: 50 }]);
  });

  it("unlocks modules in order; sign-off gates the next; overdue after the due day", () => {
    const attempts = { m1: [att(2, 80), att(3, 80), att(4, 80)] };
    const now = new Date("2026-03-09T12:00:00Z");
    let p = programProgress(spec, "2026-03-01", [], attempts, now);
    expect(p.map((x) => x.state)).toEqual(["current", "locked"]);
    expect(p[0]).toMatchObject({ overdue: true, dueAt: "2026-03-08T23:59:59.999Z" });
    p = programProgress(spec, "2026-03-01", [{ moduleKey: "m1", status: "complete", passedAt: att(4, 0).submittedAt, returnedAt: null, note: null }], attempts, now);
    expect(p.map((x) => x.state)).toEqual(["complete", "current"]);
    expect(p[0].overdue).toBe(false);
    expect(p[1].dueSoon).toBe(false);
    p = programProgress(spec, "2026-03-01", [
      { moduleKey: "m1", status: "complete", passedAt: "x", returnedAt: null, note: null },
      { moduleKey: "m2", status: "returned", passedAt: "2026-03-05", returnedAt: "2026-03-06T00:00:00.000Z", note: "Explain more" },
    ], { m2: [att(2, 90), att(3, 90), att(7, 90)] }, new Date("2026-03-13T00:00:00Z"));
    // Returned: only drafts after the return count.
    expect(p[1]).toMatchObject({ state: "current", dueSoon: true });
    expect(p[1].rule.submitted).toBe(1);
  });
});
