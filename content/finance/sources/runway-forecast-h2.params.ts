// Parameters of the six-month cash runway forecast. The window starts in any quarter month;
// every cell is drawn or computed in whole currency thousands, the net row and closing balances
// foot, and every runway figure is computed from the printed average burn. The brief's premise
// (burn "about X m a month") is always well below the forecast's average, and each month still
// burns cash, with the renewals month the smallest burn.
import { defineParams } from "~/domain/content/param-kit";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const CAPEX = ["warehouse robot order", "server hardware order", "office fit-out deposit", "lab equipment order", "test rig purchase"];

/** Month name and year of an absolute month index (year × 12 + month). */
const month = (i: number) => `${MONTHS[i % 12]} ${Math.floor(i / 12)}`;
const short = (i: number) => MONTHS[i % 12].slice(0, 3);
/** When in the month a point `frac` of the way through it falls. */
const part = (frac: number) => (frac < 1 / 3 ? "early" : frac < 2 / 3 ? "mid-" : "late");
/** "late October 2026": the month reached `months` after the end of month `endOf`. */
const reached = (endOf: number, months: number) => {
  const m = endOf + Math.floor(months) + 1;
  const p = part(months - Math.floor(months));
  return `${p}${p.endsWith("-") ? "" : " "}${month(m)}`;
};

export default defineParams({
  draw(k) {
    const step = (min: number, max: number, by: number) => min + by * k.int(0, Math.floor((max - min) / by));
    const r1 = (x: number) => k.round(x, 1);
    const r5 = (x: number) => Math.round(x / 5) * 5;
    const start = k.int(2025, 2027) * 12 + k.pick([0, 3, 6, 9]);
    const ccy = k.pick(["USD", "EUR", "GBP"]);
    const m = (i: number) => start + i; // i = 0..5 the forecast months; -1 the close month

    const minCash = k.pick([3000, 4000, 5000, 6000]);
    const payroll = step(1800, 3200, 50);
    const merit = step(Math.round(payroll * 0.004) * 10, Math.round(payroll * 0.006) * 10, 10);
    const vendors = step(400, 900, 10);
    const rent = step(120, 300, 10);
    const insurance = step(150, 400, 10);
    const capex = step(100, 250, 10);
    const loan = 1200 * k.int(4, 8);
    const loanRate = k.int(10, 15);
    const interest = (loan / 1200) * loanRate;
    const baseBurn = step(1000, 1600, 10);
    const rise = step(20, 60, 10);
    const renew = step(300, Math.min(900, baseBurn - 550), 50);
    const rdCredit = step(500, 1200, 50);
    const hire = step(25, 40, 5);

    const rec = [0, 1, 2, 3, 4, 5].map((i) => payroll + vendors + rent + interest - baseBurn + rise * i + (i === 2 ? renew : 0));
    const pay = [0, 1, 2, 3, 4, 5].map((i) => payroll + (i >= 3 ? merit : 0));
    const ins = [0, 0, 0, insurance, 0, 0];
    const cap = [0, capex, 0, 0, 0, 0];
    const net = [0, 1, 2, 3, 4, 5].map((i) => rec[i] - pay[i] - vendors - rent - ins[i] - cap[i] - interest);
    const sum = (xs: number[]) => xs.reduce((t, x) => t + x, 0);
    const total = -sum(net);
    const burn = Math.round(total / 6);
    // Opening cash is drawn last, so that the runway from the period end reads as the same
    // month and adds up to the runway from the start at the printed precision (redrawn if not).
    let open = 0;
    for (let tries = 0; tries < 50; tries++) {
      open = step(16000, 32000, 500);
      const a = (open - minCash) / burn;
      const b = (open - total - minCash) / burn;
      if (reached(m(-1), a) === reached(m(5), b) && Math.abs(r1(b) + 6 - r1(a)) < 0.001) break;
    }
    const close: number[] = [];
    net.forEach((x, i) => close.push((i ? close[i - 1] : open) + x));
    const runway = r1((open - minCash) / burn);
    const further = r1((close[5] - minCash) / burn);
    const others = net.filter((_, i) => i !== 2).map((x) => -x);

    // The November-style column without its capital expenditure: the does-not-foot flaw.
    const closeW = close.map((c, i) => (i >= 1 ? c + capex : c));
    const collDelta = Math.round(0.1 * (rec[3] + rec[4] + rec[5]));
    const runwayColl = r1((open - minCash) / ((total + collDelta) / 6));
    const runwayRd = r1((open + rdCredit - minCash) / burn);
    const runwayHire = r1((open - minCash) / ((total - 3 * 2 * hire) / 6));
    const prem = Math.round((burn * k.real(0.7, 0.8, 2)) / 100) * 100;
    const premRunway = Math.round((open - minCash) / prem);
    const reach = reached(m(-1), runway);
    const lastDay = (i: number) => (i % 12 === 1 && Math.floor(i / 12) % 4 === 0 ? 29 : DAYS[i % 12]);

    return {
      ccy, open, min_cash: minCash, floor: minCash, floor_zero: 0,
      first: month(m(0)), last: month(m(5)),
      close_date: `${lastDay(m(-1))} ${month(m(-1))}`, end_date: `${lastDay(m(5))} ${month(m(5))}`,
      board_day: `${k.int(6, 14)} ${MONTHS[m(0) % 12]}`,
      m1: short(m(0)), m2: short(m(1)), m3: short(m(2)), m4: short(m(3)), m5: short(m(4)), m6: short(m(5)),
      m2_long: MONTHS[m(1) % 12], m3_long: MONTHS[m(2) % 12], m4_long: MONTHS[m(3) % 12], m5_long: MONTHS[m(4) % 12],
      m7_long: MONTHS[m(6) % 12],
      principal_from: month(m(20)),
      payroll, payroll_up: payroll + merit, merit,
      merit_pct: r1((merit / payroll) * 100),
      merit_pct_wrong: r1((merit / (payroll + merit)) * 100),
      vendors, rent, insurance, capex, capex_item: k.pick(CAPEX), loan, interest, renew, rd_credit: rdCredit, hire2: 2 * hire,
      rec1: rec[0], rec2: rec[1], rec3: rec[2], rec4: rec[3], rec5: rec[4], rec6: rec[5], rec_total: sum(rec),
      pay_total: sum(pay), vendors_total: 6 * vendors, rent_total: 6 * rent, interest_total: 6 * interest,
      net1: -net[0], net2: -net[1], net3: -net[2], net4: -net[3], net5: -net[4], net6: -net[5], total,
      net2_wrong: -net[1] - capex, total_wrong: total - capex,
      c1: close[0], c2: close[1], c3: close[2], c4: close[3], c5: close[4], c6: close[5],
      c2w: closeW[1], c3w: closeW[2], c4w: closeW[3], c5w: closeW[4], c6w: closeW[5],
      burn, runway, reach, further,
      runway_zero: r1(open / burn), reach_zero: reached(m(-1), open / burn),
      runway_gap: r1(open / burn) - runway,
      best: -net[2], best_lo: Math.min(...others), best_hi: Math.max(...others),
      runway_best: r1((open - minCash) / -net[2]), reach_best: reached(m(-1), (open - minCash) / -net[2]),
      weekly: r5((burn * 12) / 52), weekly_wrong: r5(burn / 4),
      prem, prem_m: prem / 1000, prem_gap: Math.round(((burn - prem) / prem) * 100), prem_runway: premRunway,
      coll_delta: collDelta, runway_coll: runwayColl, coll_gap: r1(runway - runwayColl),
      runway_rd: runwayRd, rd_ext: r1(rdCredit / burn), runway_hire: runwayHire,
      round_name: k.pick(["Series B", "Series C", "Series D"]),
      round_start: reached(m(-1) - 6, runway),
      // 1 when the runway from the period end points to the same month as the runway from the start.
      reach_same: reach === reached(m(5), further) ? 1 : 0,
      paid_share: k.pick([90, 92, 95]), paid_days: k.pick([30, 40, 45]),
    };
  },
  relations: {
    "net-row-foots": (p) =>
      p.net1 === p.payroll + p.vendors + p.rent + p.interest - p.rec1 &&
      p.net2 === p.payroll + p.vendors + p.rent + p.capex + p.interest - p.rec2 &&
      p.net3 === p.payroll + p.vendors + p.rent + p.interest - p.rec3 &&
      p.net4 === p.payroll_up + p.vendors + p.rent + p.insurance + p.interest - p.rec4 &&
      p.net5 === p.payroll_up + p.vendors + p.rent + p.interest - p.rec5 &&
      p.net6 === p.payroll_up + p.vendors + p.rent + p.interest - p.rec6 &&
      p.net1 + p.net2 + p.net3 + p.net4 + p.net5 + p.net6 === p.total &&
      p.total === p.pay_total + p.vendors_total + p.rent_total + p.insurance + p.capex + p.interest_total - p.rec_total,
    "closing-cash-rolls": (p) =>
      p.c1 === p.open - p.net1 && p.c2 === p.c1 - p.net2 && p.c3 === p.c2 - p.net3 &&
      p.c4 === p.c3 - p.net4 && p.c5 === p.c4 - p.net5 && p.c6 === p.c5 - p.net6,
    "every-month-burns": (p) => [p.net1, p.net2, p.net3, p.net4, p.net5, p.net6].every((x) => x > 0) && p.best === p.net3 && p.best < p.best_lo,
    "average-burn": (p) => p.burn === Math.round(p.total / 6),
    "runway-to-covenant-minimum": (p) => p.floor === p.min_cash && Math.abs((p.open - p.floor) / p.burn - p.runway) < 0.051,
    "runway-from-period-end": (p) => Math.abs((p.c6 - p.min_cash) / p.burn - p.further) < 0.051 && Math.abs(p.further + 6 - p.runway) < 0.001 && p.reach_same === 1,
    "merit-step": (p) => p.payroll_up - p.payroll === p.merit && Math.abs((p.merit / p.payroll) * 100 - p.merit_pct) < 0.051,
    "weekly-burn": (p) => Math.abs((p.burn * 12) / 52 - p.weekly) <= 2.5,
    "premise-below-forecast": (p) => p.prem < p.burn * 0.86 && p.prem_gap >= 15,
    "sensitivities": (p) =>
      p.runway_coll < p.runway && p.runway_hire > p.runway && p.runway_rd > p.runway &&
      Math.abs((p.open + p.rd_credit - p.min_cash) / p.burn - p.runway_rd) < 0.051,
  },
});
