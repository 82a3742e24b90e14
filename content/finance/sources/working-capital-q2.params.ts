// Parameters of the Q2 working capital review. The drawn inputs are the daily revenue and COGS run
// rate (the same per day in both quarters), customer and supplier terms, the Q1 inventory days, the
// overdue invoice, the other receivables build, the stock build, the early payment run, EBITDA, tax
// and the Q1 working capital movement. Every balance, day count, cycle, cash effect, operating cash
// flow and release target is computed from them at the precision the memo prints.
// The brief's premises hold in every draw: Q1 receivables sit exactly at customer terms and Q1
// payables at supplier terms; receivables and inventory rise and payables fall; the overdue invoice
// is most, not all, of the receivables increase; Q2 operating cash flow is an outflow while H1 stays
// positive and EBITDA rose.
import { defineParams, grouped } from "~/domain/content/param-kit";

/** A cash figure as the memo prints it: outflows in brackets. */
const br = (x: number) => (x < 0 ? `(${grouped(-x)})` : grouped(x));
/** A change in days with its sign: +7.0, -3.6. */
const signed = (x: number) => (x < 0 ? `-${(-x).toFixed(1)}` : `+${x.toFixed(1)}`);

const CUSTOMERS = ["Brenner GmbH", "Castell SA", "Nordby AS", "Keller AG", "Marlow Ltd", "Vidal SL", "Okafor Ltd", "Halvorsen AB"];

export default defineParams({
  draw(k) {
    const r1 = (x: number) => k.round(x, 1);
    // Whole-number draw: k.step can return 11300.0000113 for large bounds.
    const step = (min: number, max: number, by: number) => min + by * k.int(0, Math.floor((max - min) / by));
    const to = (x: number, by: number) => Math.round(x / by) * by;

    const fy = k.int(2024, 2028);
    const d1 = fy % 4 === 0 ? 91 : 90;
    const d2 = 91;
    const ccy = k.pick(["USD", "EUR", "GBP"]);
    const company = k.company();
    const customer = k.pick(CUSTOMERS);
    const terms = k.pick([30, 45, 60]);
    const supTerms = k.pick([30, 40, 45, 60]);

    let d = { rd: 0, cd: 0, dio1: 0, brenner: 0, other: 0, dinv: 0, dap: 0, w1: 0, tax: 0, egrow: 0, ocf2: 0 };
    let ok = false;
    for (let tries = 0; tries < 500 && !ok; tries++) {
      const rd = step(120, 400, 10);
      const cd = to(rd * k.real(0.55, 0.8, 2), 10);
      d = {
        rd, cd, dio1: k.int(35, 70),
        brenner: to(rd * k.real(3, 6, 2), 50),
        other: to(rd * k.real(1, 3, 2), 10),
        dinv: to(cd * k.real(2, 6, 2), 10),
        dap: to(cd * k.real(1.5, 5, 2), 10),
        w1: step(100, 400, 10),
        tax: to(rd * d2 * k.real(0.012, 0.02, 3), 10),
        egrow: step(20, 150, 10),
        ocf2: -step(60, 400, 10),
      };
      const dwc = d.brenner + d.other + d.dinv + d.dap;
      const e2 = dwc + d.ocf2 + d.tax;
      const e1 = e2 - d.egrow;
      const ocf1 = e1 - d.tax - d.w1;
      const margin = e1 / (rd * d1);
      const ccc1 = terms + d.dio1 - supTerms;
      ok = ocf1 + d.ocf2 > 0 && margin > 0.06 && margin < 0.25 && ccc1 >= 15 && d.dap < cd * supTerms / 2;
    }
    if (!ok) throw new Error("working-capital-q2: no draw met the premises");

    const { rd, cd, dio1, brenner, other, dinv, dap, w1, tax, egrow } = d;
    const rev1 = rd * d1, rev2 = rd * d2, cogs1 = cd * d1, cogs2 = cd * d2;
    const ar1 = rd * terms, inv1 = cd * dio1, ap1 = cd * supTerms;
    const dar = brenner + other;
    const ar2 = ar1 + dar, inv2 = inv1 + dinv, ap2 = ap1 - dap;
    const nwc1 = ar1 + inv1 - ap1, nwc2 = ar2 + inv2 - ap2;
    const dwc = nwc2 - nwc1;
    const dso2 = r1((ar2 / rev2) * d2), dio2 = r1((inv2 / cogs2) * d2), dpo2 = r1((ap2 / cogs2) * d2);
    const ccc1 = terms + dio1 - supTerms;
    const ccc2 = r1(dso2 + dio2 - dpo2);
    const cccCh = r1(ccc2 - ccc1);
    const e2 = dwc + d.ocf2 + tax;
    const e1 = e2 - egrow;
    const ocf1 = e1 - tax - w1;
    const ocf2 = e2 - tax - dwc;
    const h1 = ocf1 + ocf2;
    const dsoAfter = r1((ar2 - brenner) / rd);
    const negTerms = supTerms + 20;
    const norm = Math.ceil(dso2) + k.int(6, 12);

    return {
      company, ccy, customer, fy, d1, d2, terms, sup_terms: supTerms,
      due_day: k.int(5, 25), run_day: k.int(22, 27),
      rd, cd, rev1, rev2, rev_ch: rev2 - rev1, cogs1, cogs2, cogs_ch: cogs2 - cogs1,
      ar1, ar2, dar, inv1, inv2, dinv, ap1, ap2, dap, ap_ch: br(-dap),
      nwc1, nwc2, dwc,
      dso1: terms, dio1, dpo1: supTerms, dso2, dio2, dpo2,
      dso_ch: signed(r1(dso2 - terms)), dso_up: r1(dso2 - terms), dio_ch: signed(r1(dio2 - dio1)), dio_up: r1(dio2 - dio1),
      dpo_ch: signed(r1(dpo2 - supTerms)), dpo_down: r1(supTerms - dpo2),
      ccc1, ccc2, ccc_ch: cccCh, ccc_pct: r1((cccCh / ccc1) * 100), ccc_pct_wrong: r1((cccCh / ccc2) * 100),
      dso2_wrong: r1((ar2 / rev2) * 365), dpo2_wrong: r1((ap2 / rev2) * d2),
      ar_cash: -dar, inv_cash: -dinv, ap_cash: -dap, ap_cash_wrong: dap, wc_cash: -dwc,
      comp_wrong: dar + dinv - dap,
      e1, e2, e_ch: egrow, e_h1: e1 + e2, tax, tax_h1: 2 * tax, w1, w_h1: w1 + dwc,
      ocf1, ocf2, ocf2_out: -ocf2, h1, q2_ocf_says: ocf2, ocf_drop: ocf1 - ocf2, ocf_drop_wrong: ocf1 - h1,
      w_growth: dwc - w1,
      brenner, ar_other: other, dso_after: dsoAfter,
      rel_ar: ar2 - rd * terms, rel_inv: inv2 - cd * dio1, rel_ap: cd * supTerms - ap2,
      rel_total: dwc, rel_total_wrong: dwc + brenner,
      neg_terms: negTerms, neg_release: cd * (negTerms - supTerms), norm, norm_gap: norm - Math.round(dso2),
    };
  },
  relations: {
    "balances-foot": (p) =>
      p.ar1 + p.inv1 - p.ap1 === p.nwc1 && p.ar2 + p.inv2 - p.ap2 === p.nwc2 && p.nwc2 - p.nwc1 === p.dwc &&
      p.ar2 - p.ar1 === p.dar && p.inv2 - p.inv1 === p.dinv && p.ap1 - p.ap2 === p.dap,
    "activity-per-day": (p) => p.rev1 === p.rd * p.d1 && p.rev2 === p.rd * p.d2 && p.cogs1 === p.cd * p.d1 && p.cogs2 === p.cd * p.d2,
    dso: (p) => Math.abs((p.ar2 / p.rev2) * p.d2 - p.dso2) < 0.051 && Math.abs((p.ar1 / p.rev1) * p.d1 - p.dso1) < 0.051,
    dio: (p) => Math.abs((p.inv2 / p.cogs2) * p.d2 - p.dio2) < 0.051 && Math.abs((p.inv1 / p.cogs1) * p.d1 - p.dio1) < 0.051,
    dpo: (p) => Math.abs((p.ap2 / p.cogs2) * p.d2 - p.dpo2) < 0.051 && Math.abs((p.ap1 / p.cogs1) * p.d1 - p.dpo1) < 0.051,
    "cash-conversion-cycle": (p) =>
      Math.abs(p.dso1 + p.dio1 - p.dpo1 - p.ccc1) < 0.051 && Math.abs(p.dso2 + p.dio2 - p.dpo2 - p.ccc2) < 0.051 &&
      Math.abs(p.ccc2 - p.ccc1 - p.ccc_ch) < 0.051,
    "cycle-change-on-q1-base": (p) => Math.abs((p.ccc_ch / p.ccc1) * 100 - p.ccc_pct) < 0.051,
    "cash-effects-foot": (p) => p.ar_cash === -p.dar && p.inv_cash === -p.dinv && p.ar_cash + p.inv_cash + p.ap_cash === p.wc_cash && p.wc_cash === -p.dwc,
    "operating-cash-flow": (p) =>
      p.e1 - p.tax - p.w1 === p.ocf1 && p.e2 - p.tax - p.dwc === p.ocf2 && p.ocf1 + p.ocf2 === p.h1 &&
      p.ocf2 < 0 && p.h1 > 0 && p.e2 - p.e1 === p.e_ch && p.e_ch > 0,
    "ocf-swing": (p) => p.q2_ocf_says === p.e2 - p.tax - p.dwc && p.ocf_drop === p.ocf1 - p.q2_ocf_says && p.dwc - p.w1 === p.w_growth,
    "receivables-split": (p) => p.brenner + p.ar_other === p.dar && p.ar_other > 0 && p.brenner > p.ar_other,
    "dso-after-collection": (p) => Math.abs((p.ar2 - p.brenner) / p.rd - p.dso_after) < 0.051 && p.dso_after > p.terms,
    "release-at-q1-days": (p) =>
      p.rel_ar === p.ar2 - p.rd * p.dso1 && p.rel_inv === p.inv2 - p.cd * p.dio1 && p.rel_ap === p.cd * p.dpo1 - p.ap2 &&
      p.rel_ar + p.rel_inv + p.rel_ap === p.rel_total && p.rel_total === p.dwc,
  },
});
