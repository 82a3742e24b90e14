// Parameters of the FY revenue forecast. FY actuals are drawn in whole hundreds (currency
// thousands), so every quarter grown by a whole-percent rate is a whole number and the tables
// foot exactly as printed. Quarterly totals rise through the year in both years (the memo says
// Q1 is the seasonal low and revenue builds each quarter), services are flat in the base case as
// the brief says, and the downside / upside rates bracket the base case.
import { defineParams } from "~/domain/content/param-kit";

const LINES = [
  ["Platform subscriptions", "Add-on modules", "Services"],
  ["Core subscriptions", "Premium modules", "Professional services"],
  ["Software subscriptions", "Usage add-ons", "Implementation services"],
  ["Cloud subscriptions", "Analytics add-ons", "Training and services"],
  ["Seat subscriptions", "Integration add-ons", "Consulting services"],
] as const;

export default defineParams({
  draw(k) {
    // The kit's step() rounds to 10 decimals with a relative nudge that leaves 11300.0000113 for
    // large values; whole-number steps are drawn with int() instead.
    const step = (min: number, max: number, by: number) => min + by * k.int(0, Math.floor((max - min) / by));
    const r1 = (x: number) => k.round(x, 1);
    const pct = (part: number, base: number) => r1((part / base) * 100);
    const fy = k.pick([2025, 2026, 2027, 2028]);
    const [subName, addName, svcName] = k.pick(LINES);
    const ccy = k.pick(["USD", "EUR", "GBP"]);

    // FY actuals by quarter (thousands): subscriptions and add-ons build, services wobble.
    const s1 = step(4000, 12000, 100);
    const s = [s1];
    for (let q = 1; q < 4; q++) s.push(s[q - 1] + step(300, 700, 100));
    const a1 = step(600, 2400, 100);
    const a = [a1];
    for (let q = 1; q < 4; q++) a.push(a[q - 1] + step(0, 200, 100));
    const vBase = step(500, 1600, 100);
    const v = [0, 1, 2, 3].map(() => vBase + step(-100, 100, 100));

    const gs = k.int(12, 25);
    const ga = gs + step(5, 15, 5);
    const gsD = gs - k.int(4, 8);
    const gaD = ga - step(5, 15, 5);
    const gvD = k.pick([5, 10, 15]);
    const gsU = gs + k.int(3, 7);
    const gaU = ga + step(5, 15, 5);
    const gvU = k.pick([3, 5, 8]);

    const grow = (x: number, g: number) => Math.round((x * (100 + g)) / 100);
    const s26 = s.map((x) => grow(x, gs));
    const a26 = a.map((x) => grow(x, ga));
    const v26 = [...v];
    const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);
    const t25 = [0, 1, 2, 3].map((q) => s[q] + a[q] + v[q]);
    const t26 = [0, 1, 2, 3].map((q) => s26[q] + a26[q] + v26[q]);
    const [S25, A25, V25, T25] = [sum(s), sum(a), sum(v), sum(t25)];
    const [S26, A26, V26, T26] = [sum(s26), sum(a26), sum(v26), sum(t26)];
    const down = grow(S25, gsD) + grow(A25, gaD) + grow(V25, -gvD);
    const up = grow(S25, gsU) + grow(A25, gaU) + grow(V25, gvU);
    const share25 = pct(S25 + A25, T25);
    const share26 = pct(S26 + A26, T26);

    const q: Record<string, number> = {};
    for (let i = 0; i < 4; i++) {
      Object.assign(q, {
        [`s25_${i + 1}`]: s[i], [`a25_${i + 1}`]: a[i], [`v25_${i + 1}`]: v[i], [`t25_${i + 1}`]: t25[i],
        [`s26_${i + 1}`]: s26[i], [`a26_${i + 1}`]: a26[i], [`v26_${i + 1}`]: v26[i], [`t26_${i + 1}`]: t26[i],
      });
    }
    return {
      fy, fy_prev: fy - 1, ccy, sub_name: subName, add_name: addName, svc_name: svcName,
      ...q,
      s25: S25, a25: A25, v25: V25, t25: T25, s26: S26, a26: A26, v26: V26, t26: T26,
      gs, ga, gs_d: gsD, ga_d: gaD, gv_d: gvD, gs_u: gsU, ga_u: gaU, gv_u: gvU,
      mult_s: (100 + gs) / 100,
      // The worked example as the memo states it: base quarter actual and the result.
      wx_base: s[0], wx_result: s26[0],
      // Flawed worked example: grown from the preceding quarter (Q4 of the prior year).
      wx_base_wrong: s[3], wx_result_wrong: s26[3], wx_over: s26[3] - s26[0],
      g_sub_pct: pct(S26 - S25, S25), g_add_pct: pct(A26 - A25, A25),
      t_up: T26 - T25, t_m: r1(T26 / 1000),
      g_pct: pct(T26 - T25, T25),
      // Growth divided by the forecast year instead of the base year: the headline flaw.
      g_pct_wrong: pct(T26 - T25, T26),
      t26_4_wrong: t26[3] - v26[3], t26_wrong: T26 - v26[3],
      r25: S25 + A25, r26: S26 + A26, share25, share26, share_pts: r1(share26 - share25),
      svc_share25: r1(100 - share25), svc_share26: r1(100 - share26),
      down, down_pct: pct(down - T25, T25), up, up_pct: pct(up - T25, T25),
      sub_share_int: Math.round((S26 / T26) * 100),
      sens_1pt: S25 / 100,
      add_gap: (A25 * (ga - gs)) / 100,
      // Effect of the downside services rate, signed as the memo states it (a cost is negative).
      svc_down: -(V25 * gvD) / 100, svc_down_abs: (V25 * gvD) / 100, svc_down_wrong: (V25 * gvD) / 100,
      svc_after: V25 - (V25 * gvD) / 100,
      bench: gs + k.pick([2, 3, 4]),
    };
  },
  relations: {
    "worked-example": (p) => p.wx_base === n(p, "s25_1") && p.wx_result === Math.round(p.wx_base * p.mult_s) && p.wx_result === n(p, "s26_1"),
    "rows-foot": (p) =>
      [1, 2, 3, 4].every((i) => n(p, `s25_${i}`) + n(p, `a25_${i}`) + n(p, `v25_${i}`) === n(p, `t25_${i}`)),
    "forecast-columns-foot": (p) =>
      [1, 2, 3, 4].every((i) => n(p, `s26_${i}`) + n(p, `a26_${i}`) + n(p, `v26_${i}`) === n(p, `t26_${i}`)) &&
      n(p, "t26_1") + n(p, "t26_2") + n(p, "t26_3") + n(p, "t26_4") === p.t26 && p.s26 + p.a26 + p.v26 === p.t26,
    "actual-totals-foot": (p) => n(p, "t25_1") + n(p, "t25_2") + n(p, "t25_3") + n(p, "t25_4") === p.t25 && p.s25 + p.a25 + p.v25 === p.t25,
    "same-quarter-growth": (p) =>
      [1, 2, 3, 4].every((i) => n(p, `s26_${i}`) === Math.round((n(p, `s25_${i}`) * (100 + p.gs)) / 100) && n(p, `a26_${i}`) === Math.round((n(p, `a25_${i}`) * (100 + p.ga)) / 100)),
    "growth-on-base-year": (p) => p.t_up === p.t26 - p.t25 && Math.abs((p.t_up / p.t25) * 100 - p.g_pct) < 0.051,
    "quarters-rise": (p) => n(p, "t25_1") < n(p, "t25_2") && n(p, "t25_2") < n(p, "t25_3") && n(p, "t25_3") < n(p, "t25_4") && n(p, "t26_1") < n(p, "t26_2") && n(p, "t26_2") < n(p, "t26_3") && n(p, "t26_3") < n(p, "t26_4"),
    "recurring-share": (p) => Math.abs(((p.s26 + p.a26) / p.t26) * 100 - p.share26) < 0.051 && Math.abs(p.share26 - p.share25 - p.share_pts) < 0.001 && p.share_pts > 0,
    "scenarios-bracket-base": (p) => p.down < p.t26 && p.t26 < p.up,
    "services-downside": (p) => p.svc_down === -(p.v25 * p.gv_d) / 100 && p.svc_down < 0,
  },
});

/** A parameter by computed name (the per-quarter cells). */
function n(p: Record<string, unknown>, key: string): number {
  return Number(p[key]);
}
