// Turns a parametric source into a concrete one for a seed: draws the parameters with the
// source's pure module and renders every template (text, title, brief, anchors, replacements,
// explanations, key points, hints). Same seed ⇒ same document, byte for byte.
import type { FlawSite, FlawVariant, KeyPoint, SourceDoc, VariantProof } from "../types";
import { hash32 } from "./hash";
import { createKit, type AnyParamModule, type Params } from "./param-kit";
import { renderTemplate } from "./template";

/** An instantiation that cannot be used: the parameter module threw or a template is broken. */
export class InstantiationError extends Error {
  constructor(
    readonly sourceId: string,
    readonly seed: number,
    readonly reason: string,
    readonly cause?: unknown,
  ) {
    super(`source "${sourceId}" seed ${seed}: ${reason}`);
  }
}

/** The seed the parameter kit gets: the draft seed mixed with the source, so sources differ. */
export function paramSeed(source: Pick<SourceDoc, "domain" | "id">, seed: number): number {
  return (seed ^ hash32(`params:${source.domain}/${source.id}`)) >>> 0;
}

/** Draws the parameters; a throwing module or a value that is not text or a finite number is an error. */
export function drawParams(source: Pick<SourceDoc, "domain" | "id">, module: AnyParamModule, seed: number): Params {
  let params: Params;
  try {
    params = module.draw(createKit(paramSeed(source, seed)));
  } catch (e) {
    throw new InstantiationError(source.id, seed, `the parameter function threw: ${(e as Error)?.message ?? String(e)}`, e);
  }
  if (!params || typeof params !== "object") throw new InstantiationError(source.id, seed, "the parameter function must return an object of parameters");
  for (const k in params) {
    const v = params[k];
    if (typeof v === "string") continue;
    if (typeof v === "number" && Number.isFinite(v)) continue;
    throw new InstantiationError(source.id, seed, `parameter "${k}" is ${typeof v === "number" ? String(v) : typeof v}; parameters are text or finite numbers`);
  }
  return params;
}

/** Names of the module's relations that do not hold for these parameters (a throwing relation fails). */
export function failedRelations(module: AnyParamModule, params: Params): string[] {
  const out: string[] = [];
  for (const [name, holds] of Object.entries(module.relations ?? {})) {
    let ok = false;
    try {
      ok = holds(params) === true;
    } catch {
      ok = false;
    }
    if (!ok) out.push(name);
  }
  return out;
}

/** Parameters as the flawed text states them: `recompute` maps a parameter to another parameter's name or a number. */
export function recomputedParams(params: Params, recompute: Record<string, string | number>): Params {
  const out: Params = { ...params };
  for (const [k, v] of Object.entries(recompute)) out[k] = typeof v === "string" && v in params ? params[v] : v;
  return out;
}

function renderProof(proof: VariantProof | undefined, r: (t: string) => string): VariantProof | undefined {
  if (!proof) return undefined;
  if ("none" in proof) return { none: proof.none, reason: r(proof.reason) };
  if ("error" in proof) return { error: r(proof.error) };
  return proof;
}

export interface Instance {
  source: SourceDoc;
  params: Params;
}

/** The concrete source for a seed; a non-parametric source is returned as it is. */
export function instantiate(source: SourceDoc, seed: number): Instance {
  if (!source.params) return { source, params: {} };
  const params = drawParams(source, source.params.module, seed);
  let where = "text";
  const r = (template: string) => renderTemplate(template, params);
  try {
    const text = r(source.text);
    where = "title";
    const title = r(source.title);
    where = "brief";
    const brief = r(source.brief);
    const sites: FlawSite[] = source.sites.map((site) => {
      where = `site "${site.id}"`;
      return {
        id: site.id,
        anchor: r(site.anchor),
        difficulty: site.difficulty,
        variants: site.variants.map(
          (v): FlawVariant => ({
            category: v.category,
            replacement: r(v.replacement),
            ...(v.severity ? { severity: v.severity } : {}),
            explanation: r(v.explanation),
            keyPoints: v.keyPoints.map((k): KeyPoint => ({ text: r(k.text), phrases: k.phrases.map(r) })),
            ...(v.hint ? { hint: r(v.hint) } : {}),
            ...(v.proof ? { proof: renderProof(v.proof, r) } : {}),
          }),
        ),
      };
    });
    where = "decoys";
    const decoys = source.decoys?.map((d) => ({ ...d, anchor: r(d.anchor), replacement: r(d.replacement), why: r(d.why) }));
    const { params: _template, ...rest } = source;
    return { source: { ...rest, text, title, brief, sites, ...(decoys ? { decoys } : {}) }, params };
  } catch (e) {
    throw new InstantiationError(source.id, seed, `${where}: ${(e as Error).message}`, e);
  }
}

/**
 * The concrete documents a source stands for, for checks that sample draws: the source itself when
 * it has no parameters, else one per seed that instantiates (a seed that cannot is skipped: the
 * loader reports it with its seed).
 */
export function concreteDraws(source: SourceDoc, seeds: readonly number[]): { source: SourceDoc; seed?: number }[] {
  if (!source.params) return [{ source }];
  const draws: { source: SourceDoc; seed: number }[] = [];
  for (const seed of seeds) {
    try {
      draws.push({ source: instantiate(source, seed).source, seed });
    } catch (e) {
      if (!(e instanceof InstantiationError)) throw e;
    }
  }
  return draws;
}

/** Shorthand for callers that need only the concrete source. */
export function concreteSource(source: SourceDoc, seed: number): SourceDoc {
  return instantiate(source, seed).source;
}
