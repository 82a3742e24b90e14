// Proof by recomputation (finance): the parameter model recomputes every figure; a numeric flaw
// is proven when the figures the flawed text states break a relation that holds for the clean text.
import { drawParams, failedRelations, InstantiationError, recomputedParams } from "../content/instantiate";
import type { FlawVariant, SourceDoc } from "../types";
import type { ProofOutcome } from "./format";

export function proveByRecomputation(source: SourceDoc, variant: FlawVariant, seeds: number[]): ProofOutcome {
  const proof = variant.proof;
  if (!proof || !("recompute" in proof)) return { kind: "unproven", message: "no recompute proof declared" };
  if (!source.params) return { kind: "unproven", message: "proof.recompute needs a parametric source" };
  const module = source.params.module;
  const broken = new Set<string>();
  for (const seed of seeds) {
    let params;
    try {
      params = drawParams(source, module, seed);
    } catch (e) {
      if (e instanceof InstantiationError) return { kind: "unproven", message: e.message };
      throw e;
    }
    const cleanFails = failedRelations(module, params);
    if (cleanFails.length) return { kind: "unproven", message: `the clean figures break ${cleanFails.join(", ")} (seed ${seed})` };
    const fails = failedRelations(module, recomputedParams(params, proof.recompute));
    if (!fails.length) {
      const what = Object.entries(proof.recompute).map(([k, v]) => `${k} = ${v}`).join(", ");
      return { kind: "unproven", message: `with ${what} every relation still holds (seed ${seed}); the flaw changes no figure a reader can check` };
    }
    fails.forEach((f) => broken.add(f));
  }
  return { kind: "recomputed", relations: [...broken].sort() };
}
