// Parameters of the audit-differences summary. Forecast profit is drawn in multiples of 400 so
// overall materiality (5%), performance materiality (60-75% of it) and the clearly-trivial
// threshold (5% of it) are whole thousands; every adjusted difference is computed from its own
// inputs (sales and margin, units and repair cost, units and the cost-to-NRV gap), and the
// unadjusted list is drawn so it nets to less than the clearly-trivial threshold while its gross
// size is half to nine tenths of materiality. The brief's premises hold in every draw: the list
// nets to almost nothing, each item is above clearly trivial and below performance materiality
// (also at a materiality revised to the draft profit), and the Halberd-style receivable is the
// largest item and reverses the sign of the net once booked.
import { defineParams, round } from "~/domain/content/param-kit";

const pc = (a: number, b: number) => round((a / b) * 100, 1);

export default defineParams({
  draw(k) {
    const y = k.int(2024, 2027);
    const cur = k.pick(["USD", "EUR", "GBP"]);
    const cust = k.company();
    const [product, products] = k.pick([
      ["heater", "heaters"], ["dehumidifier", "dehumidifiers"], ["kettle", "kettles"],
      ["air purifier", "air purifiers"], ["space heater", "space heaters"], ["e-bike charger", "e-bike chargers"],
    ]);
    const series = k.pick(["Series 4", "Series 7", "K2 range", "R5 range", "Compact line", "Classic line"]);
    const retailers = k.pick(["two", "three", "four", "five"]);
    const schedDay = k.int(3, 11);
    const meetDay = schedDay + k.int(6, 12);
    const adminDay = k.int(6, 24);
    const bonusDay = k.int(adminDay + 2, 31);
    const recallDay = k.int(1, 16);
    const leaseMonth = k.pick(["September", "October", "November"]);
    const shipFrom = k.pick([27, 28, 29]);
    const delivTo = k.int(3, 6);

    const attempt = () => {
      const F = 400 * k.int(40, 100); // forecast profit before tax at planning
      const om = F / 20;
      const pmPct = k.pick([60, 65, 70, 75]);
      const pm = (om * pmPct) / 100;
      const ct = om / 20;
      const D = F + 20 * k.pick([-1, 1]) * k.int(5, 60); // draft profit before tax
      const omD = D / 20;
      const pmD = (omD * pmPct) / 100;
      const ctD = omD / 20;
      // A1 cut-off: sales and margin; A2 recall: units x repair cost; A3 NRV: units x gap.
      const r1 = 20 * k.int(25, 70);
      const m1 = k.pick([30, 35, 40, 45]);
      const a1 = (r1 * m1) / 100;
      const c1 = r1 - a1;
      const units = 100 * k.int(8, 20);
      const uc = 10 * k.int(15, 40);
      const a2 = (units * uc) / 1000;
      const sUnits = 100 * k.int(5, 20);
      const sCost = 10 * k.int(12, 30);
      const sGap = 10 * k.int(3, 9);
      const a3 = (sUnits * sGap) / 1000;
      const adjT = a1 + a2 + a3;
      const adj = D - adjT;
      const pct = pc(adjT, D);
      const pct3 = round((adjT / D) * 100, 3);
      const pctRound = round(pct + (pct3 > pct ? 0.1 : -0.1), 1);
      const pctBase = pc(adjT, adj);
      // Unadjusted: U1 and U3 raise profit, U2 and U4 lower it; the list nets to -n.
      const b = 10 * k.int(8, 25);
      const l = 10 * k.int(5, 15);
      const s = 10 * k.int(12, 30);
      const n = 10 * k.int(1, 4);
      const h = b - l + s + n;
      const gross = b + l + s + h;
      const items = [b, l, s, h];
      const ok = Math.min(...items) > Math.max(ct, ctD) && Math.max(...items) < Math.min(pm, pmD)
        && h > Math.max(b, l, s) + 20 && n < Math.min(ct, ctD) && gross >= om * 0.5 && gross <= om * 0.9
        && pctBase > pct + 0.1 && pct >= 1.5 && pct <= 8 && pct3 !== pct && a3 > ct;
      if (!ok) return null;
      const rate = k.pick([20, 25, 30, 35, 40]);
      return {
        F, om, pm_pct: pmPct, pm, ct, D, om_d: omD,
        r1, m1, c1, a1, units, uc, a2, s_units: sUnits, s_cost: sCost, s_nrv: sCost - sGap, a3,
        adj_t: adjT, adj, pct, pct3, pct_round: pctRound, pct_base: pctBase,
        u1: b, u2: -l, u3: s, u4: -h, u3_flip: -s, l, h, n, u_net: -n, all_booked: adj - n,
        gross, gross_pct: Math.round((gross / om) * 100), net_om_pct: pc(n, om), net_ex: b - l + s,
        rate, rec_wrong: Math.round((a2 * rate) / 100),
        net_wrong_u3: b - l - s - h,
      };
    };
    // Redraw until the brief's premises hold (deterministic per seed).
    let o = attempt();
    for (let tries = 0; tries < 500 && !o; tries++) o = attempt();
    if (!o) throw new Error("no draw kept the audit summary's premises");
    return {
      y, y1: y + 1, cur, cust, product, products, series, retailers,
      sched_day: schedDay, meet_day: meetDay, admin_day: adminDay, bonus_day: bonusDay, recall_day: recallDay,
      lease_month: leaseMonth, ship_from: shipFrom, deliv_to: delivTo,
      ...o,
    };
  },
  relations: {
    materiality: (p) => p.om * 20 === p.F && p.pm === (p.om * p.pm_pct) / 100 && p.ct * 20 === p.om && p.om_d * 20 === p.D,
    "cut-off-reverses-margin-not-sales": (p) => p.a1 === p.r1 - p.c1 && p.c1 === (p.r1 * (100 - p.m1)) / 100,
    "recall-provision-is-units-times-cost": (p) => p.a2 === (p.units * p.uc) / 1000,
    "stock-written-down-to-nrv": (p) => p.a3 === (p.s_units * (p.s_cost - p.s_nrv)) / 1000,
    "adjusted-differences-foot": (p) => p.a1 + p.a2 + p.a3 === p.adj_t && p.adj === p.D - p.adj_t,
    "profit-change-on-draft-profit": (p) => p.pct === round((p.adj_t / p.D) * 100, 1),
    "unadjusted-differences-net": (p) =>
      p.u1 + p.u2 + p.u3 + p.u4 === p.u_net && p.all_booked === p.adj + p.u_net
      && p.gross === Math.abs(p.u1) + Math.abs(p.u2) + Math.abs(p.u3) + Math.abs(p.u4) && p.net_ex === p.u1 + p.u2 + p.u3,
    "each-item-between-trivial-and-performance-materiality": (p) =>
      [p.u1, p.u2, p.u3, p.u4].every((u) => Math.abs(u) > p.ct && Math.abs(u) < p.pm) && p.n < p.ct,
  },
});
