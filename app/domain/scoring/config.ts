// Scoring configuration: weights, hint cost, false-alarm and location rules, and the version
// stored with every breakdown so an old score stays explainable after the defaults change.

export interface ScoringWeights {
  detection: number;
  precision: number;
  category: number;
  explanation: number;
}

export interface ScoringConfig {
  /** Stored with every score so an old score stays explainable after the weights change. */
  version: number;
  weights: ScoringWeights;
  /** Points taken off the 0–100 total per hint taken. */
  hintCost: number;
  /**
   * Share of the precision weight one false alarm costs per unit of confidence squared: a
   * hedged note (0.5) costs a quarter of what a certain one (1.0) costs. Capped at the weight.
   */
  falseAlarmCost: number;
  /** Detection credit for the right place without a diagnosis (wrong category, no key point). */
  locationCredit: number;
}

/** What callers may pass: any subset, weights merged one by one with the defaults. */
export interface ScoringConfigInput {
  version?: number;
  weights?: Partial<ScoringWeights>;
  hintCost?: number;
  falseAlarmCost?: number;
  locationCredit?: number;
}

/**
 * Version 2: diagnosis-weighted detection, false-alarm cost instead of the precision share,
 * matcher v2 (own words, dismissal, concept sets). Version 1 kept the precision share and gave
 * full detection credit for the right place.
 */
export const DEFAULT_SCORING_CONFIG: Readonly<ScoringConfig> = Object.freeze({
  version: 2,
  weights: Object.freeze({ detection: 45, precision: 20, category: 10, explanation: 25 }),
  hintCost: 5,
  falseAlarmCost: 0.5,
  locationCredit: 1 / 3,
});


/** Merges a partial configuration with the defaults and validates it. */
export function resolveScoringConfig(input?: ScoringConfigInput): ScoringConfig {
  const d = DEFAULT_SCORING_CONFIG;
  const config: ScoringConfig = {
    version: input?.version ?? d.version,
    weights: { ...d.weights, ...stripUndefined(input?.weights) },
    hintCost: input?.hintCost ?? d.hintCost,
    falseAlarmCost: input?.falseAlarmCost ?? d.falseAlarmCost,
    locationCredit: input?.locationCredit ?? d.locationCredit,
  };
  if (!Number.isFinite(config.falseAlarmCost) || config.falseAlarmCost < 0) {
    throw new RangeError("scoring config: falseAlarmCost must be a finite number ≥ 0");
  }
  if (!(config.locationCredit >= 0 && config.locationCredit <= 1)) {
    throw new RangeError("scoring config: locationCredit must be between 0 and 1");
  }
  const w = config.weights;
  for (const k of ["detection", "precision", "category", "explanation"] as const) {
    if (!Number.isFinite(w[k]) || w[k] < 0) {
      throw new RangeError(`scoring config: weights.${k} must be a finite number ≥ 0`);
    }
  }
  if (w.detection + w.precision + w.category + w.explanation <= 0) {
    throw new RangeError("scoring config: the weights must not all be 0");
  }
  if (!Number.isFinite(config.hintCost) || config.hintCost < 0) {
    throw new RangeError("scoring config: hintCost must be a finite number ≥ 0");
  }
  if (!Number.isFinite(config.version)) {
    throw new RangeError("scoring config: version must be a number");
  }
  return config;
}

function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (o === undefined) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as any)[k] = v;
  return out;
}

