// Parameters of the board KPI summary. Every figure is drawn at the precision the table prints
// (USD millions to one decimal, percentages to one decimal), so the document foots as printed.
// The brief's premises hold in every draw: net new ARR and net burn are more than 5% off plan,
// ARR, cash and headcount are inside the threshold, NRR eased and gross margin rose.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const r1 = (x: number) => k.round(x, 1);
    const pct = (part: number, base: number) => r1((part / base) * 100);
    const fy = k.pick([2024, 2025, 2026]);

    const arrPy = k.real(12, 30, 1);
    const nna = k.real(0.9, 2.6, 1);
    const yoyAbs = r1(arrPy * k.real(0.22, 0.45, 2));
    const arr = r1(arrPy + yoyAbs);
    const arrQ2 = r1(arr - nna);
    const nnaPlan = r1(nna / (1 - k.real(0.08, 0.2, 2)));
    const arrPlan = r1(arrQ2 + nnaPlan);

    const nrrQ2 = k.int(110, 119);
    const nrrDrop = k.int(1, 3);
    const nrr = nrrQ2 - nrrDrop;

    const gmQ2 = k.step(70, 76, 0.5);
    const gmRise = k.step(1, 2, 0.5);
    const gm = gmQ2 + gmRise;
    const gmVsPts = k.step(0.5, Math.min(1.5, gmRise), 0.5);

    const burnM = k.real(0.8, 1.6, 1);
    const burn = r1(burnM * 3);
    const burnPlan = r1(burn / (1 + k.real(0.08, 0.18, 2)));
    const runway = k.pick([24, 27, 30, 33, 36, 39, 42]);
    const cash = r1(burnM * runway);
    const cashPlan = r1(cash * (1 + k.real(0.01, 0.04, 3)));

    const eng = k.int(55, 95);
    const sales = k.int(35, 60);
    const cs = k.int(15, 30);
    const ga = k.int(15, 30);
    const [engQ2, salesQ2, csQ2, gaQ2] = [eng - k.int(2, 5), sales - k.int(2, 4), cs - k.int(0, 1), ga - k.int(0, 1)];
    const hc = eng + sales + cs + ga;
    const hcQ2 = engQ2 + salesQ2 + csQ2 + gaQ2;
    const openRoles = k.int(3, Math.max(3, Math.floor(hc * 0.045)));
    const hcPlan = hc + openRoles;

    return {
      fy,
      fy_prev: fy - 1,
      arr, arr_py: arrPy, arr_q2: arrQ2, arr_plan: arrPlan,
      arr_miss: pct(arrPlan - arr, arrPlan),
      yoy_abs: yoyAbs,
      yoy_pct: pct(yoyAbs, arrPy),
      // The growth rate on the wrong base (this year's ARR): the arr-growth flaw.
      yoy_pct_wrong: pct(yoyAbs, arr),
      qoq_pct: pct(nna, arrQ2),
      nna, nna_plan: nnaPlan, nna_q2: r1(nna - k.real(0.1, 0.3, 1)), nna_py: r1(nna - k.real(0.2, 0.5, 1)),
      nna_miss: pct(nnaPlan - nna, nnaPlan),
      nrr, nrr_q2: nrrQ2, nrr_plan: nrr + 1, nrr_py: nrr - k.int(2, 5), nrr_drop: nrrDrop,
      // Signed change of NRR on Q2 as the text states it (negative: it eased).
      nrr_move: -nrrDrop,
      nrr_rise: nrrDrop,
      nrr_benchmark: nrr - k.int(1, 3),
      gm, gm_q2: gmQ2, gm_rise: gmRise, gm_plan: gm - gmVsPts, gm_vs_pts: gmVsPts, gm_py: gm - k.step(3, 6, 0.5),
      gm_target: k.pick([80, 82, 85]),
      burn, burn_m: burnM, burn_plan: burnPlan, burn_vs: pct(burn - burnPlan, burnPlan),
      burn_q2: r1(burn - k.real(0.3, 0.8, 1)), burn_py: r1(burn + k.real(0.4, 1.2, 1)),
      premium: Math.max(0.1, r1((burn - burnPlan) * k.real(0.6, 0.9, 2))),
      cash, cash_plan: cashPlan, cash_q2: r1(cash + burn), cash_py: r1(cash + k.real(10, 16, 1)),
      cash_miss: pct(cashPlan - cash, cashPlan),
      runway,
      // The runway when the quarterly burn is taken as monthly: the unit-mismatch flaw.
      runway_wrong: runway / 3,
      eng, sales, cs, ga, eng_q2: engQ2, sales_q2: salesQ2, cs_q2: csQ2, ga_q2: gaQ2,
      hc, hc_q2: hcQ2, hc_py: hc - k.int(20, 40), hc_plan: hcPlan, hc_miss: pct(openRoles, hcPlan), hc_growth: hc - hcQ2,
      open_roles_w: k.words(openRoles),
    };
  },
  relations: {
    "arr-bridge": (p) => k1(p.arr_q2 + p.nna, p.arr),
    "arr-growth-rate": (p) => k1(p.arr - p.arr_py, p.yoy_abs) && k1((p.yoy_abs / p.arr_py) * 100, p.yoy_pct),
    "arr-within-plan": (p) => p.arr_miss > 0 && p.arr_miss < 5,
    "net-new-arr-vs-plan": (p) => k1(((p.nna_plan - p.nna) / p.nna_plan) * 100, p.nna_miss) && p.nna_miss > 5,
    "nrr-change": (p) => p.nrr_move === p.nrr - p.nrr_q2 && p.nrr_move < 0,
    "gross-margin-change": (p) => k1(p.gm - p.gm_q2, p.gm_rise) && k1(p.gm - p.gm_plan, p.gm_vs_pts),
    "burn-vs-plan": (p) => k1(((p.burn - p.burn_plan) / p.burn_plan) * 100, p.burn_vs) && p.burn_vs > 5 && p.premium <= p.burn - p.burn_plan + 0.05,
    "monthly-burn": (p) => k1(p.burn_m * 3, p.burn),
    "runway": (p) => Math.abs(p.cash / p.burn_m - p.runway) < 0.5,
    "cash-bridge": (p) => k1(p.cash_q2 - p.burn, p.cash),
    "headcount-foots": (p) => p.eng + p.sales + p.cs + p.ga === p.hc && p.eng_q2 + p.sales_q2 + p.cs_q2 + p.ga_q2 === p.hc_q2 && p.hc - p.hc_q2 === p.hc_growth,
    "cash-within-plan": (p) => p.cash_miss > 0 && p.cash_miss < 5,
    "headcount-within-plan": (p) => p.hc_miss < 5,
  },
});

/** Equal at the table's precision (one decimal). */
function k1(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.051;
}
