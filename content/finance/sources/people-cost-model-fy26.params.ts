// Parameters of the people-cost model export. The inputs (rates, benefits, merit and its start
// month, bonus, agency fee and share, and per team the opening headcount, average salary, hires
// and months in seat) are drawn on grids that keep every cell a whole currency unit, as the
// workbook shows it; every calculated cell, the options and the summary figures are computed by
// the same `model` the relations use, so a printed cell that does not match its formula fails a
// relation. The brief's premises hold in every draw: merit starts after January (so the full
// increase cannot land in the year), the total is over the envelope, delaying the third team's
// hires closes the gap on its own while the other two options together do not, and agency fees
// are larger than the gap.
import { defineParams, round, words } from "~/domain/content/param-kit";

const pc = (a: number, b: number) => round((a / b) * 100, 1);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const COLS = ["c", "d", "e"] as const;
// Input grids (module constants: a draw tries about 150 combinations).
const TAX = [7, 7.5, 8, 9, 10];
const MERIT = [3, 3.5, 4, 4.5, 5];
const MERIT_MONTHS = [6, 8, 9, 10];
const BONUS = [8, 10, 12, 15];
const SEAT = [3, 6, 9];
const SEAT_LATE = [6, 9];

interface Inputs {
  tax: number; ben: number; merit: number; M: number; bonus: number; fee: number; share: number;
  open: number[]; sal: number[]; hires: number[]; mos: number[];
}

/** The workbook: every calculated cell of tab Budget from the inputs, per team and in total. */
function model(i: Inputs) {
  const t = [0, 1, 2];
  const r10 = t.map((j) => i.open[j] * i.sal[j] * (1 + (i.merit * i.M) / 1200));
  const r11 = t.map((j) => (i.hires[j] * i.sal[j] * i.mos[j]) / 12);
  const r12 = t.map((j) => r10[j] + r11[j]);
  const r13 = t.map((j) => (r12[j] * i.tax) / 100);
  const r20 = t.map((j) => i.open[j] + (i.hires[j] * i.mos[j]) / 12);
  const r14 = t.map((j) => r20[j] * i.ben * 12);
  const r15 = t.map((j) => (r12[j] * i.bonus) / 100);
  const r16 = t.map((j) => ((i.hires[j] * i.share) / 100) * i.fee);
  const r17 = t.map((j) => r12[j] + r13[j] + r14[j] + r15[j] + r16[j]);
  const r19 = t.map((j) => i.open[j] + i.hires[j]);
  const sum = (r: number[]) => r[0] + r[1] + r[2];
  return { r10, r11, r12, r13, r14, r15, r16, r17, r19, r20, sum };
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

function inputsOf(p: Record<string, number | string>): Inputs {
  const n = (k: string) => Number(p[k]);
  return {
    tax: n("tax"), ben: n("ben"), merit: n("merit"), M: n("M"), bonus: n("bonus"), fee: n("fee"), share: n("share"),
    open: COLS.map((c) => n(`open_${c}`)), sal: COLS.map((c) => n(`sal_${c}`)),
    hires: COLS.map((c) => n(`hires_${c}`)), mos: COLS.map((c) => n(`mos_${c}`)),
  };
}

/** Row `r` as printed (c, d, e, f) equals the model's row and its total. */
function rowHolds(p: Record<string, number | string>, name: string, row: number[]) {
  const printed = [...COLS, "f"].map((c) => Number(p[`${name}_${c}`]));
  return COLS.every((_, j) => close(printed[j], row[j])) && close(printed[3], row[0] + row[1] + row[2]);
}

export default defineParams({
  draw(k): Record<string, string | number> {
    const y = k.int(2025, 2028);
    const cur = k.pick(["USD", "EUR", "GBP"]);
    const [t1, t2, t3] = k.pick([["Platform", "Product", "Data"], ["Core", "Mobile", "Payments"], ["Infrastructure", "Web", "Analytics"], ["Backend", "Apps", "Machine Learning"]]);
    const revDay = k.int(3, 24);

    // The 17 inputs of one try, drawn in a fixed order into a reused buffer (a draw makes about
    // 150 tries and almost all fail the first tests below, before any object is built).
    const d = new Float64Array(17);
    const whole = (x: number) => close(x, Math.round(x));
    /** One team's column of `model` (rows 10 to 17 and 20) is all whole units. */
    const wholeCells = (open: number, sal: number, hires: number, mos: number, ben: number, fee: number) => {
      const r10 = open * sal * (1 + (d[2] * d[3]) / 1200);
      const r11 = (hires * sal * mos) / 12;
      const r12 = r10 + r11;
      const r13 = (r12 * d[0]) / 100;
      const r20 = open + (hires * mos) / 12;
      const r14 = r20 * ben * 12;
      const r15 = (r12 * d[4]) / 100;
      const r16 = ((hires * 50) / 100) * fee;
      return whole(r10) && whole(r11) && whole(r12) && whole(r13) && whole(r14) && whole(r15) && whole(r16) && whole(r12 + r13 + r14 + r15 + r16) && whole(r20);
    };
    const attempt = () => {
      d[0] = k.pick(TAX);
      d[1] = 50 * k.int(16, 30);
      d[2] = k.pick(MERIT);
      d[3] = k.pick(MERIT_MONTHS);
      d[4] = k.pick(BONUS);
      d[5] = 1000 * k.int(14, 24);
      d[6] = k.int(16, 30);
      d[7] = k.int(8, 16);
      d[8] = k.int(5, 12);
      d[9] = 5000 * k.int(27, 34);
      d[10] = 5000 * k.int(25, 32);
      d[11] = 5000 * k.int(26, 33);
      d[12] = 2 * k.int(2, 4);
      d[13] = 2 * k.int(1, 3);
      d[14] = 2 * k.int(1, 3);
      d[15] = k.pick(SEAT);
      d[16] = k.pick(SEAT);
      const mos3 = k.pick(SEAT_LATE);
      const tax = d[0];
      const merit = d[2];
      const M = d[3];
      const bonus = d[4];
      const meritPct = (merit * M) / 12;
      if (!whole(meritPct * 10)) return null;
      // Most draws fail the whole-unit test on salaries or their on-costs: the same test on those
      // cells, computed exactly as `model` computes them, rejects them before the full model runs.
      for (let j = 0; j < 3; j++) {
        const sal = d[9 + j];
        const r12 = d[6 + j] * sal * (1 + (merit * M) / 1200) + (d[12 + j] * sal * (j === 2 ? mos3 : d[15 + j])) / 12;
        if (!whole(r12) || !whole((r12 * tax) / 100) || !whole((r12 * bonus) / 100)) return null;
      }
      // Every calculated cell a whole unit: the cells `model` computes, with the same arithmetic,
      // before any array is built (most tries that get here fail this test).
      for (let j = 0; j < 3; j++) if (!wholeCells(d[6 + j], d[9 + j], d[12 + j], j === 2 ? mos3 : d[15 + j], d[1], d[5])) return null;
      const inp: Inputs = {
        tax, ben: d[1], merit, M, bonus, fee: d[5], share: 50,
        open: [d[6], d[7], d[8]], sal: [d[9], d[10], d[11]], hires: [d[12], d[13], d[14]], mos: [d[15], d[16], mos3],
      };
      const m = model(inp);
      const tot = Math.round(m.sum(m.r17));
      // Options, each recomputed with all other inputs unchanged.
      const optA = tot - m.sum(model({ ...inp, mos: [inp.mos[0], inp.mos[1], inp.mos[2] - 3] }).r17);
      const optB = 2 * inp.fee;
      const optC = tot - m.sum(model({ ...inp, M: inp.M - 3 }).r17);
      if (!close(optA, Math.round(optA)) || !close(optC, Math.round(optC))) return null;
      const base = inp.open[0] * inp.sal[0] + inp.open[1] * inp.sal[1] + inp.open[2] * inp.sal[2];
      const meritFy = (base * inp.merit * inp.M) / 1200;
      const meritFull = (base * inp.merit) / 100;
      const g = k.real(0.14, 0.26, 3);
      const prev = 10000 * Math.round(tot / (1 + g) / 10000);
      // The envelope is a round figure that the total exceeds by more than the two small options
      // together and by less than the hire delay and the agency fees.
      const lo = optB + optC + 5000;
      const hi = Math.min(optA, m.sum(m.r16)) - 5000;
      const envs = [];
      for (let e = 25000 * Math.ceil((tot - hi) / 25000); e <= tot - lo; e += 25000) envs.push(e);
      if (!envs.length) return null;
      const env = k.pick(envs);
      const gap = tot - env;
      const growth = tot - prev;
      const gPct = pc(growth, prev);
      const gPct3 = round((growth / prev) * 100, 3);
      const gTrunc = Math.floor(gPct3 * 10 + 1e-9) / 10;
      const agency = m.sum(m.r16);
      const taxOpen = (m.sum(m.r10) * inp.tax) / 100;
      const ok = inp.hires[0] * (inp.share / 100) >= 2 && optA > gap + 5000 && optB + optC < gap - 5000 && agency > gap
        && taxOpen > gap && gap > 20000 && gTrunc !== gPct && Number.isInteger(meritFy)
        && tot - agency < env && pc(growth, tot) < gPct - 1 && (m.r20[0] < m.r19[0]);
      if (!ok) return null;
      return { inp, m, tot, optA, optB, optC, base, meritFy, meritFull, prev, env, gap, growth, gPct, gPct3, gTrunc, agency, taxOpen, meritPct };
    };
    // Redraw until the brief's premises hold (deterministic per seed).
    let o = attempt();
    for (let tries = 0; tries < 5000 && !o; tries++) o = attempt();
    if (!o) throw new Error("no draw kept the people-cost model's premises");
    const { inp, m } = o;
    const row = (name: string, r: number[]) => ({
      [`${name}_c`]: Math.round(r[0]), [`${name}_d`]: Math.round(r[1]), [`${name}_e`]: Math.round(r[2]), [`${name}_f`]: Math.round(m.sum(r)),
    });
    const cpf = (r: number[]) => r.map((x, j) => Math.round(Math.round(m.r17[j]) / x)).concat(Math.round(Math.round(m.sum(m.r17)) / m.sum(r)));
    const [cpfC, cpfD, cpfE, cpfF] = cpf(m.r20);
    const [cpwC, cpwD, cpwE, cpwF] = cpf(m.r19);
    const wrong15 = m.r17.map((x, j) => x - m.r16[j]);
    const wrong10 = m.r17.map((x, j) => x + m.r10[j] + m.r11[j]);
    const taxWrong = m.r11.map((x) => (x * inp.tax) / 100);
    const exMos = inp.mos[0];
    const payout = k.pick([80, 85, 90]);
    const oncost = Math.round(m.sum(m.r13) + m.sum(m.r14) + m.sum(m.r15));
    return {
      y, yy: String(y % 100).padStart(2, "0"), y_next: y + 1, y_prev: y - 1, cur, t1, t2, t3, rev_day: revDay,
      tax: inp.tax, ben: inp.ben, merit: inp.merit, M: inp.M, Mb: inp.M - 3, bonus: inp.bonus, fee: inp.fee, share: inp.share,
      merit_month: MONTHS[12 - inp.M], merit_month_b: MONTHS[15 - inp.M],
      open_c: inp.open[0], open_d: inp.open[1], open_e: inp.open[2], open_f: m.sum(inp.open),
      sal_c: inp.sal[0], sal_d: inp.sal[1], sal_e: inp.sal[2],
      hires_c: inp.hires[0], hires_d: inp.hires[1], hires_e: inp.hires[2], hires_f: m.sum(inp.hires),
      mos_c: inp.mos[0], mos_d: inp.mos[1], mos_e: inp.mos[2],
      ...row("r10", m.r10), ...row("r11", m.r11), ...row("r12", m.r12), ...row("r13", m.r13), ...row("r14", m.r14),
      ...row("r15", m.r15), ...row("r16", m.r16), ...row("r17", m.r17), ...row("r19", m.r19), ...row("r20", m.r20),
      cpf_c: cpfC, cpf_d: cpfD, cpf_e: cpfE, cpf_f: cpfF, cpw_c: cpwC, cpw_d: cpwD, cpw_e: cpwE, cpw_f: cpwF,
      ...row("w15", wrong15), ...row("w10", wrong10), ...row("tw", taxWrong), tax_e_copied: 0,
      tax_de: Math.round(m.r13[1] + m.r13[2]), tax_open: Math.round(o.taxOpen),
      base: o.base, merit_pct: o.meritPct, merit_fy: o.meritFy, merit_full: o.meritFull, merit_next: o.meritFull - o.meritFy,
      ex_start: MONTHS[12 - exMos], ex_mos: exMos, ex_mos_w: words(exMos),
      prev: o.prev, growth: o.growth, g_pct: o.gPct, g_pct3: o.gPct3, g_trunc: o.gTrunc, g_wrong: pc(o.growth, o.tot),
      g_gap: round(o.gPct - pc(o.growth, o.tot), 1),
      env: o.env, gap: o.gap, gap_neg: -o.gap, gap_pct: pc(o.gap, o.env),
      sal_share: pc(m.sum(m.r12), o.tot), oncost,
      h3w: words(inp.hires[2]), h1w: words(inp.hires[0]), s3: MONTHS[12 - inp.mos[2]], s3b: MONTHS[15 - inp.mos[2]], m3b: inp.mos[2] - 3,
      opt_a: Math.round(o.optA), opt_b: o.optB, opt_c: Math.round(o.optC), opt_bc: Math.round(o.optB + o.optC), opt_short: Math.round(o.gap - o.optB - o.optC),
      payout, payout_rest: 100 - payout, M_w: words(inp.M),
      cushion: 1000 * Math.round((Math.round(m.sum(m.r15)) * (100 - payout)) / 100 / 1000),
      tax_open_pct: pc(o.taxOpen, o.tot), agency_half: Math.round(o.agency / 2),
      cpw_pct: Math.round(((cpfF - cpwF) / cpfF) * 100),
    };
  },
  relations: {
    "merit-on-opening-staff-for-the-months-paid": (p) =>
      rowHolds(p, "r10", model(inputsOf(p)).r10) && close(Number(p.merit_fy), (Number(p.base) * Number(p.merit) * Number(p.M)) / 1200)
      && close(Number(p.merit_fy) + Number(p.merit_next), (Number(p.base) * Number(p.merit)) / 100),
    "hires-for-their-months-in-seat": (p) => rowHolds(p, "r11", model(inputsOf(p)).r11),
    "salary-and-on-costs": (p) => {
      const m = model(inputsOf(p));
      return rowHolds(p, "r12", m.r12) && rowHolds(p, "r13", m.r13) && rowHolds(p, "r14", m.r14) && rowHolds(p, "r15", m.r15) && rowHolds(p, "r16", m.r16);
    },
    "total-sums-rows-12-to-16": (p) => rowHolds(p, "r17", model(inputsOf(p)).r17),
    "headcount-and-average-fte": (p) => {
      const m = model(inputsOf(p));
      return rowHolds(p, "r19", m.r19) && rowHolds(p, "r20", m.r20) && Number(p.open_f) + Number(p.hires_f) === Number(p.r19_f);
    },
    "cost-per-average-fte": (p) =>
      [...COLS, "f"].every((c) => Number(p[`cpf_${c}`]) === Math.round(Number(p[`r17_${c}`]) / Number(p[`r20_${c}`]))),
    "growth-on-the-prior-year": (p) => p.growth === Number(p.r17_f) - Number(p.prev) && p.g_pct === pc(Number(p.growth), Number(p.prev)),
    "over-the-envelope": (p) => p.gap === Number(p.r17_f) - Number(p.env) && Number(p.gap) > 0 && p.gap_pct === pc(Number(p.gap), Number(p.env)),
    "options-recomputed-in-the-model": (p) => {
      const i = inputsOf(p);
      const m = model(i);
      const tot = m.sum(m.r17);
      const a = tot - m.sum(model({ ...i, mos: [i.mos[0], i.mos[1], i.mos[2] - 3] }).r17);
      const c = tot - m.sum(model({ ...i, M: i.M - 3 }).r17);
      return close(Number(p.opt_a), a) && close(Number(p.opt_c), c) && p.opt_b === 2 * i.fee
        && Number(p.opt_a) > Number(p.gap) && Number(p.opt_b) + Number(p.opt_c) < Number(p.gap);
    },
  },
});
