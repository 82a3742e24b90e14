// The helper kit for parametric sources. A source's `<id>.params.ts` imports only this file:
// everything here is pure and seeded, so the same seed gives the same document everywhere.
import { createRng } from "../generation/prng";

/** A parameter is text or a number; numbers are formatted in templates (`{{x|n1}}`). */
export type ParamValue = string | number;
export type Params = Record<string, ParamValue>;

export interface ParamModule<P extends Params = Params> {
  /** Draws every parameter and computes every dependent value (clean and flawed figures). */
  draw(k: ParamKit): P;
  /**
   * Relations the figures must satisfy in every instantiation (a total foots, a rate matches
   * its inputs). content:check runs them on many seeds; a finance variant proves itself by
   * breaking one of them (`proof: { recompute: ... }`).
   */
  relations?: Record<string, (p: P) => boolean>;
}

/** Identity with types: lets TypeScript check `relations` against what `draw` returns. */
export function defineParams<P extends Params>(module: ParamModule<P>): ParamModule<P> {
  return module;
}

/** A module whatever its parameters (relations are checked against the module's own draw). */
export type AnyParamModule = ParamModule<any>;

/** Per pack: source id → its parameter module (`content/<domain>/params.index.ts`). */
export type PackParamIndex = Record<string, ParamModule<any>>;
/** Per domain: the pack's index. */
export type ParamRegistry = Record<string, PackParamIndex>;

/** Round half away from zero to `dp` decimals, without binary-fraction surprises (1.005 → 1.01). */
export function round(x: number, dp = 0): number {
  const f = 10 ** dp;
  const y = Math.abs(x) * f;
  // The nudge absorbs binary error (1.005 * 100 = 100.49999999999999) but stays far below half a
  // unit: scaled with y alone it reached 0.5 at y = 5e8 and turned 5,000,000 into 5,000,000.01.
  const r = Math.round(y + Math.min(1e-9 * Math.max(1, y), 1e-6)) / f;
  return x < 0 ? -r : r;
}

/** Decimals a number is written with: 0.25 → 2, 1e-7 → 7, 3000 → 0. */
export function decimals(x: number): number {
  const [mantissa, exponent] = String(Math.abs(x)).split("e");
  const frac = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, frac - Number(exponent ?? 0));
}

/** a and b are equal up to `tolerance` (default: half a unit of the 2nd decimal). */
export function near(a: number, b: number, tolerance = 0.005): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function parseIso(iso: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`"${iso}" is not an ISO date (YYYY-MM-DD)`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Adds days to an ISO date (YYYY-MM-DD). */
export function addDays(iso: string, days: number): string {
  const d = parseIso(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/** Whole days from a to b (ISO dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseIso(b).getTime() - parseIso(a).getTime()) / 86_400_000);
}

/** "long": 14 March 2026 · "us": March 14, 2026 · "iso": 2026-03-14 · "month": March 2026. */
export function formatDate(iso: string, style: "long" | "us" | "iso" | "month" = "long"): string {
  const d = parseIso(iso);
  const day = d.getUTCDate();
  const month = MONTHS[d.getUTCMonth()];
  const year = d.getUTCFullYear();
  if (style === "us") return `${month} ${day}, ${year}`;
  if (style === "iso") return iso;
  if (style === "month") return `${month} ${year}`;
  return `${day} ${month} ${year}`;
}

/** 1234567.8 → "1,234,567.80" with dp=2; grouping with commas, fixed decimals. */
export function grouped(x: number, dp = 0): string {
  const fixed = round(x, dp).toFixed(dp);
  const [int, frac] = fixed.replace("-", "").split(".");
  return `${x < 0 && Number(fixed) !== 0 ? "-" : ""}${groupDigits(int)}${frac ? `.${frac}` : ""}`;
}

/** "1234567" → "1,234,567" (a parameter is formatted on every draw: no regular expression). */
function groupDigits(int: string): string {
  if (int.length <= 3) return int;
  if (!/^\d+$/.test(int)) return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let out = int.slice(0, int.length % 3 || 3);
  for (let i = out.length; i < int.length; i += 3) out += `,${int.slice(i, i + 3)}`;
  return out;
}

const SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** 0..999 in words, as contracts spell numbers: 45 → "forty-five", 120 → "one hundred twenty". */
export function words(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new Error(`words(${n}): only whole numbers 0..999`);
  if (n < 20) return SMALL[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${SMALL[n % 10]}` : "");
  return `${SMALL[Math.floor(n / 100)]} hundred${n % 100 ? ` ${words(n % 100)}` : ""}`;
}

/** Common names, so an author can vary parties and people without writing lists. */
export const bank = {
  companies: [
    "Atlas Freight", "Brightline Health", "Cobalt Analytics", "Dunmore Foods", "Everly Systems", "Fenwick Retail",
    "Granite Payments", "Harbor Logistics", "Ironwood Software", "Juniper Labs", "Kestrel Energy", "Lumen Learning",
    "Meridian Travel", "Northwind Traders", "Oakridge Insurance", "Pioneer Robotics", "Quarry Media", "Riverside Clinics",
    "Solace Home", "Tidewater Marine", "Umber Textiles", "Vantage Security", "Willow Finance", "Yardley Tools",
  ],
  firstNames: [
    "Amara", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kavya", "Liam",
    "Maya", "Noah", "Olivia", "Pavel", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wei", "Zoe",
  ],
  lastNames: [
    "Adeyemi", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Hoffmann", "Ivanova", "Jensen",
    "Kowalski", "Lindqvist", "Moreau", "Nakamura", "O'Neill", "Patel", "Rossi", "Schmidt", "Tanaka", "Varga",
  ],
  cities: ["Amsterdam", "Berlin", "Dublin", "Lisbon", "London", "Madrid", "Milan", "Munich", "Paris", "Stockholm", "Vienna", "Warsaw"],
  products: ["Pro", "Team", "Business", "Growth", "Scale", "Enterprise", "Starter", "Plus"],
};

export interface ParamKit {
  /** Uniform in [0, 1). */
  random(): number;
  /** Whole number in [min, max], both included. */
  int(min: number, max: number): number;
  /** A multiple of `step` in [min, max]: step(50, 400, 25) → 50, 75, …, 400. */
  step(min: number, max: number, step: number): number;
  /** A number in [min, max] rounded to `dp` decimals. */
  real(min: number, max: number, dp: number): number;
  pick<T>(items: readonly T[]): T;
  /** n distinct items in random order. */
  pickN<T>(items: readonly T[], n: number): T[];
  shuffle<T>(items: readonly T[]): T[];
  chance(p: number): boolean;
  /** An ISO date (YYYY-MM-DD) in [from, to]. */
  date(from: string, to: string): string;
  /** A full name from the bank, distinct from those in `avoid`. */
  person(avoid?: readonly string[]): string;
  /** A company name from the bank, distinct from those in `avoid`. */
  company(avoid?: readonly string[]): string;
  round: typeof round;
  words: typeof words;
  near: typeof near;
  grouped: typeof grouped;
  addDays: typeof addDays;
  daysBetween: typeof daysBetween;
  formatDate: typeof formatDate;
  bank: typeof bank;
}

export function createKit(seed: number): ParamKit {
  const rng = createRng(seed >>> 0);
  const int = (min: number, max: number) => {
    if (!(max >= min)) throw new Error(`int(${min}, ${max}): max must be at least min`);
    return min + Math.floor(rng() * (max - min + 1));
  };
  const pick = <T,>(items: readonly T[]): T => {
    if (!items.length) throw new Error("pick([]): nothing to pick from");
    return items[Math.floor(rng() * items.length)];
  };
  const shuffle = <T,>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  const distinctFrom = (items: readonly string[], avoid: readonly string[]) => {
    const left = items.filter((x) => !avoid.includes(x));
    return pick(left.length ? left : items);
  };
  return {
    random: rng,
    int,
    step(min, max, step) {
      if (!(step > 0)) throw new Error(`step(${min}, ${max}, ${step}): step must be positive`);
      // Exact to the decimals the bounds and step are written with (rounding to a fixed 10
      // decimals scaled its epsilon with the value: step(3000, 10000, 1000) gave 8000.000008).
      return round(min + step * int(0, Math.floor((max - min) / step + 1e-9)), Math.max(decimals(min), decimals(step)));
    },
    real: (min, max, dp) => round(min + rng() * (max - min), dp),
    pick,
    pickN(items, n) {
      if (n > items.length) throw new Error(`pickN: asked for ${n} of ${items.length} items`);
      return shuffle(items).slice(0, n);
    },
    shuffle,
    chance: (p) => rng() < p,
    date(from, to) {
      const span = daysBetween(from, to);
      if (span < 0) throw new Error(`date(${from}, ${to}): the range is empty`);
      return addDays(from, int(0, span));
    },
    person(avoid = []) {
      for (let tries = 0; ; tries++) {
        const name = `${pick(bank.firstNames)} ${pick(bank.lastNames)}`;
        if (!avoid.includes(name) || tries > 50) return name;
      }
    },
    company: (avoid = []) => distinctFrom(bank.companies, avoid),
    round,
    words,
    near,
    grouped,
    addDays,
    daysBetween,
    formatDate,
    bank,
  };
}
