// {{fn}}: decides whether a feature flag is on for one {{subject}} of the {{product}}.
// Pure and deterministic: the same flag and {{subject}} always give the same answer, on every
// server, with no network call and no stored assignment.

export interface {{flag_type}} {
  key: string;
  /** Kill switch: when false the flag is off for everyone, allow-listed or not. */
  enabled: boolean;
  /** Share of {{subject}}s that get the flag, 0 to 100, at most two decimals (12.5 or 33.33 is fine). */
  rolloutPercent: number;
  /** Always on (unless the kill switch is off). */
  allow: string[];
  /** Always off; wins over `allow`. */
  deny: string[];
  /** Optional targeting: the {{subject}}'s `{{attr}}` must be one of these. */
  {{attr}}s?: string[];
}

export interface {{subject_type}} {
  id: string;
  {{attr}}?: string;
}

const BUCKETS = 10_000; // basis points: 0.01 % resolution

/** 32-bit FNV-1a over the UTF-16 code units of `text`, as an unsigned integer. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The {{subject}}'s bucket for this flag, 0 to BUCKETS - 1. The flag key is part of the input,
 * so each flag picks its own {{subject}}s: a 10 % rollout of one flag is not the same 10 %
 * as another's.
 */
export function bucketOf(flagKey: string, id: string): number {
  return fnv1a(`${flagKey}:${id}`) % BUCKETS;
}

/** Validates a flag read from the config store; throws a RangeError naming what is wrong. */
export function parseFlag(raw: unknown): {{flag_type}} {
  const value = raw as Partial<{{flag_type}}> | null;
  if (typeof value?.key !== 'string' || value.key === '') {
    throw new RangeError('flag key must be a non-empty string');
  }
  const pct = value.rolloutPercent;
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
    throw new RangeError(`${value.key}: rolloutPercent must be a number from 0 to 100`);
  }
  if (Math.abs(pct * 100 - Math.round(pct * 100)) > 1e-6) {
    throw new RangeError(`${value.key}: rolloutPercent has more than two decimals`);
  }
  return {
    key: value.key,
    enabled: value.enabled === true,
    rolloutPercent: pct,
    allow: Array.isArray(value.allow) ? value.allow.map(String) : [],
    deny: Array.isArray(value.deny) ? value.deny.map(String) : [],
    {{attr}}s: Array.isArray(value.{{attr}}s) ? value.{{attr}}s.map(String) : undefined,
  };
}

export function {{fn}}(flag: {{flag_type}}, {{subject}}: {{subject_type}}): boolean {
  if (!flag.enabled) return false;
  if (flag.deny.includes({{subject}}.id)) return false;
  if (flag.allow.includes({{subject}}.id)) return true;

  // Targeting narrows the rollout; a {{subject}} without the attribute is not targeted.
  if (flag.{{attr}}s !== undefined) {
    if ({{subject}}.{{attr}} === undefined || !flag.{{attr}}s.includes({{subject}}.{{attr}})) return false;
  }

  const threshold = Math.round(flag.rolloutPercent * 100);
  return bucketOf(flag.key, {{subject}}.id) < threshold;
}

// Notes:
// - Raising rolloutPercent only adds {{subject}}s: a {{subject}} whose bucket is below the old
//   threshold is below the new one too, so nobody loses the feature during a ramp-up.
// - 0 % is off for everyone except the allow list; 100 % is on for every targeted {{subject}}.
// - Example: {{example_key}} at {{example_pct}} % turns on buckets 0 to {{example_last}} of {{buckets_fmt}}.
