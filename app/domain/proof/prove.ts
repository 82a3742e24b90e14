// Proves the flaw variants of a pack: each variant of a software, data or finance source must be
// shown to change what the document does or states, or declare why it cannot (`proof: none`).
import type { FlawVariant, Pack, SourceDoc } from "../types";
import type { ProofOutcome } from "./format";
import { proveByRecomputation } from "./recompute";

/** Packs whose flaws must be proven; legal flaws are read, not executed. */
export const PROVEN_DOMAINS = ["software", "data", "finance"] as const;

export interface VariantProofResult {
  domain: string;
  sourceId: string;
  siteId: string;
  variant: number;
  outcome: ProofOutcome;
}

/** Runs executable checks of one source (TypeScript in a sandbox, SQL on an embedded engine). */
export type CheckRunner = (source: SourceDoc, pack: Pack, variants: { siteId: string; index: number; variant: FlawVariant }[]) => Promise<ProofOutcome[]>;

export interface ProveOptions {
  seeds: number[];
  /** Only this source. */
  sourceId?: string;
  /** Executable checks per domain; a domain without one leaves its behavioural variants unproven. */
  runners?: Partial<Record<string, CheckRunner>>;
  /**
   * Awaited before each source. Recomputation is synchronous: when packs are proven at the same
   * time, a yield here lets the check runners' workers be handed their next text in between.
   */
  between?: () => Promise<void>;
}

export async function provePack(pack: Pack, options: ProveOptions): Promise<VariantProofResult[]> {
  if (!(PROVEN_DOMAINS as readonly string[]).includes(pack.domain)) return [];
  const out: VariantProofResult[] = [];
  for (const source of pack.sources) {
    if (options.sourceId && source.id !== options.sourceId) continue;
    await options.between?.();
    const executable: { siteId: string; index: number; variant: FlawVariant }[] = [];
    for (const site of source.sites) {
      site.variants.forEach((variant, index) => {
        const push = (outcome: ProofOutcome) => out.push({ domain: pack.domain, sourceId: source.id, siteId: site.id, variant: index, outcome });
        const proof = variant.proof;
        if (proof && "none" in proof) push({ kind: "declared", reason: proof.none, text: proof.reason.trim() });
        else if (proof && "recompute" in proof) push(proveByRecomputation(source, variant, options.seeds));
        else if (pack.domain === "finance") push({ kind: "unproven", message: "a finance flaw declares proof: { recompute: … } or proof: { none: …, reason: … }" });
        else executable.push({ siteId: site.id, index, variant });
      });
    }
    if (!executable.length) continue;
    const runner = options.runners?.[pack.domain];
    const outcomes = runner
      ? await runner(source, pack, executable)
      : executable.map((): ProofOutcome => ({ kind: "unproven", message: `no check runner for the ${pack.domain} pack` }));
    executable.forEach((e, i) => out.push({ domain: pack.domain, sourceId: source.id, siteId: e.siteId, variant: e.index, outcome: outcomes[i] }));
  }
  return out;
}

export interface ProofTally {
  checkFailed: number;
  error: number;
  recomputed: number;
  declared: number;
  unproven: number;
  /** Flawed texts that do not compile: neither proven nor unproven, and CI fails on them. */
  doesNotCompile: number;
  reasons: Record<string, number>;
}

export function tally(results: VariantProofResult[]): ProofTally {
  const t: ProofTally = { checkFailed: 0, error: 0, recomputed: 0, declared: 0, unproven: 0, doesNotCompile: 0, reasons: {} };
  for (const r of results) {
    const o = r.outcome;
    if (o.kind === "check-failed") t.checkFailed++;
    else if (o.kind === "error") t.error++;
    else if (o.kind === "recomputed") t.recomputed++;
    else if (o.kind === "unproven") t.unproven++;
    else if (o.kind === "does-not-compile") t.doesNotCompile++;
    else {
      t.declared++;
      t.reasons[o.reason] = (t.reasons[o.reason] ?? 0) + 1;
    }
  }
  return t;
}
