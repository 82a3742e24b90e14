// Parameters of the Q3 compliance certificate. The drawn inputs are the parties, the year, each
// quarter's operating profit and depreciation, the restructuring costs, the acquired company's
// pre-acquisition EBITDA, the borrowings, cash and the secured deposit, the finance charges and the
// covenant levels. Consolidated EBITDA, the Exceptional Items cap, Total Net Debt, both ratios and
// both headroom figures are computed from them at the precision the certificate prints.
// The brief's premises hold in every draw: both covenants are met with Leverage the tighter one;
// the Exceptional Items are below the cap; Leverage rose from the June test; Leverage's third
// decimal is 5 or more (so truncating and rounding print differently); netting the deposit, adding
// the synergies or using another EBITDA each prints a different ratio.
import { defineParams } from "~/domain/content/param-kit";

const GROUPS = [
  { parent: "Marlow Packaging Holdings Limited", target: "Dunmore Cartons", site: "Leek" },
  { parent: "Ashby Foods Group Limited", target: "Kelso Bakeries", site: "Wigan" },
  { parent: "Tamar Engineering Holdings Limited", target: "Calder Fixings", site: "Redditch" },
  { parent: "Pennant Logistics Holdings Limited", target: "Redfern Haulage", site: "Thurrock" },
  { parent: "Lowther Print Group Limited", target: "Ashdown Labels", site: "Corby" },
  { parent: "Severn Components Holdings Limited", target: "Brackley Castings", site: "Telford" },
];
const AGENTS = ["Northgate Bank plc", "Harbourside Bank plc", "Castlegate Bank plc", "Westmoor Bank plc", "Kingsway Bank plc"];

export default defineParams({
  draw(k) {
    const r2 = (x: number) => k.round(x, 2);
    const r1 = (x: number) => k.round(x, 1);
    // Whole-number draw: k.step can return 11300.0000113 for large bounds.
    const step = (min: number, max: number, by: number) => min + by * k.int(0, Math.floor((max - min) / by));
    const to = (x: number, by: number) => Math.round(x / by) * by;

    // To FY2026: the misquoted-standard flaw cites IAS 1, which IFRS 18 replaces from 2027.
    const fy = k.int(2023, 2026);
    const g = k.pick(GROUPS);
    const agent = k.pick(AGENTS);
    const clause = k.pick([21, 22, 23, 24]);
    const levMax = k.pick([3, 3.25, 3.5]);
    const icMin = k.pick([3.5, 4, 4.5]);

    let found: Record<string, number> | null = null;
    for (let tries = 0; tries < 2000 && !found; tries++) {
      const base = step(4000, 8000, 100);
      const op = [0, 1, 2, 3].map(() => to(base * k.real(0.85, 1.15, 2), 50));
      const da4 = step(1500, 3000, 50);
      const daInc = step(0, 100, 50);
      const da = [0, 1, 2, 3].map((i) => da4 + i * daInc);
      const eq = op.map((x, i) => x + da[i]);
      const e0 = eq.reduce((a, b) => a + b, 0);
      const cap = e0 / 10;
      const x1 = to(cap * k.real(0.3, 0.6, 2), 50);
      const x2 = to(cap * k.real(0.1, 0.25, 2), 50);
      const pBase = step(300, 900, 10);
      const pq = [0, 1, 2].map(() => to(pBase * k.real(0.9, 1.1, 2), 10));
      const pre = pq[0] + pq[1] + pq[2];
      const ebitda = e0 + x1 + x2 + pre;
      const lease = step(4000, 12000, 100);
      const cash = step(8000, 20000, 100);
      const dep = step(800, 2000, 100);
      const tl = to(ebitda * levMax * k.real(0.55, 0.7, 2), 5000);
      const tndTarget = ebitda * levMax * k.real(0.78, 0.92, 2);
      const rcf = to(tndTarget - tl - lease + cash - dep, 500);
      const tnd = tl + rcf + lease - (cash - dep);
      const lev = tnd / ebitda;
      const frac = lev * 100 - Math.floor(lev * 100);
      const cf = step(100, 300, 10);
      const li = step(200, 700, 10);
      const ir = step(50, 200, 10);
      const icTarget = icMin * (levMax / lev) * k.real(1.05, 1.3, 2);
      const fi = to(ebitda / icTarget - cf - li + ir, 10);
      const nfc = fi + cf + li - ir;
      const ic = ebitda / nfc;
      const breach = Math.round(tnd / levMax);
      const icFloor = nfc * icMin;
      const syn = step(600, 1500, 50);
      const d3 = to(pq[2] * k.real(1.0, 1.1, 2), 10);
      const ok =
        x1 + x2 < cap && rcf >= 2000 && lev < levMax && frac >= 0.55 && frac <= 0.95 && ic > icMin &&
        ebitda - icFloor > ebitda - breach && r2(lev) !== r2((tnd - dep) / ebitda) &&
        r2(lev) !== r2(tnd / (ebitda + syn)) && r2(ic) !== r2(ebitda / fi) && r2(ic) !== r2(e0 / nfc) &&
        r1(((ebitda - breach) / ebitda) * 100) !== r1(((ebitda - breach) / breach) * 100);
      if (ok) {
        found = {
          op4: op[0], op1: op[1], op2: op[2], op3: op[3], da4: da[0], da1: da[1], da2: da[2], da3: da[3],
          x1, x2, p4: pq[0], p1: pq[1], p2: pq[2], lease, cash, dep, tl, rcf, cf, li, ir, fi, syn, d3,
        };
      }
    }
    if (!found) throw new Error("covenant-certificate-q3: no draw met the premises");
    const f = found;

    const e4 = f.op4 + f.da4, e1 = f.op1 + f.da1, e2 = f.op2 + f.da2, e3 = f.op3 + f.da3;
    const opT = f.op4 + f.op1 + f.op2 + f.op3, daT = f.da4 + f.da1 + f.da2 + f.da3;
    const e0 = e4 + e1 + e2 + e3;
    const x = f.x1 + f.x2;
    const pre = f.p4 + f.p1 + f.p2;
    const ebitda = e0 + x + pre;
    const borrowings = f.tl + f.rcf + f.lease;
    const cashDef = f.cash - f.dep;
    const tnd = borrowings - cashDef;
    const nfc = f.fi + f.cf + f.li - f.ir;
    const lev = r2(tnd / ebitda);
    const ic = r2(ebitda / nfc);
    const breach = Math.round(tnd / levMax);
    const hLev = ebitda - breach;
    const icFloor = nfc * icMin;
    const hIc = ebitda - icFloor;
    const levJun = r2(lev - k.real(0.08, 0.25, 2));
    const d1 = new Date(Date.UTC(fy - 2 - k.int(0, 1), k.int(0, 11), k.int(1, 28))).toISOString().slice(0, 10);

    return {
      fy, fy_prev: fy - 1, fy_next2: fy + 2, parent: g.parent, target: g.target, closed_site: g.site, agent,
      agent_short: agent.replace(/ plc$/, ""), clause, cert_day: k.int(14, 30), agreement_date: k.formatDate(d1, "long"),
      announce_month: k.pick(["January", "February", "March"]),
      lev_max: levMax, ic_min: icMin,
      op4: f.op4, op1: f.op1, op2: f.op2, op3: f.op3, op_t: opT,
      da4: f.da4, da1: f.da1, da2: f.da2, da3: f.da3, da_t: daT,
      e4, e1, e2, e3, e0, x1: f.x1, x2: f.x2, x,
      p4: f.p4, p1: f.p1, p2: f.p2, pre, dun_q3_says: 0, dun_q3: f.d3, pre_full: pre + f.d3,
      ebitda, ebitda_dbl: ebitda + f.d3,
      cap: e0 / 10, cap_wrong: ebitda / 10,
      syn: f.syn, ebitda_syn: ebitda + f.syn, lev_syn: r2(tnd / (ebitda + f.syn)),
      tl: f.tl, rcf: f.rcf, lease: f.lease, borrowings, cash: f.cash, dep: f.dep, cash_def: cashDef, tnd,
      lev_num: tnd, tnd_wrong: tnd - f.dep, lev, lev_wrong: r2((tnd - f.dep) / ebitda),
      lev_3dp: k.round(tnd / ebitda, 3), lev_trunc: Math.floor((tnd / ebitda) * 100) / 100,
      fi: f.fi, cf: f.cf, li: f.li, ir: f.ir, nfc, nfc_says: nfc, ic_num: ebitda, ic,
      ic_fi: r2(ebitda / f.fi), ic_e0: r2(e0 / nfc),
      breach, h_lev: hLev, h_lev_pct: r1((hLev / ebitda) * 100), h_lev_pct_wrong: r1((hLev / breach) * 100),
      ic_floor: icFloor, h_ic: hIc, h_ic_pct: r1((hIc / ebitda) * 100),
      lev_jun: levJun, cure: Math.max(5000, to(ebitda * 0.25, 5000)),
    };
  },
  relations: {
    "quarters-foot": (p) =>
      p.op4 + p.op1 + p.op2 + p.op3 === p.op_t && p.da4 + p.da1 + p.da2 + p.da3 === p.da_t &&
      p.op4 + p.da4 === p.e4 && p.op1 + p.da1 === p.e1 && p.op2 + p.da2 === p.e2 && p.op3 + p.da3 === p.e3 &&
      p.e4 + p.e1 + p.e2 + p.e3 === p.e0 && p.op_t + p.da_t === p.e0,
    "exceptional-items-within-cap": (p) => p.x1 + p.x2 === p.x && p.cap === p.e0 / 10 && p.x <= p.cap,
    "pre-acquisition-only": (p) => p.dun_q3_says === 0 && p.p4 + p.p1 + p.p2 === p.pre,
    "consolidated-ebitda": (p) => p.e0 + p.x + p.pre === p.ebitda,
    "total-net-debt": (p) =>
      p.tl + p.rcf + p.lease === p.borrowings && p.cash - p.dep === p.cash_def && p.borrowings - p.cash_def === p.tnd,
    leverage: (p) => p.lev_num === p.tnd && Math.abs(p.lev_num / p.ebitda - p.lev) < 0.005 && p.lev <= p.lev_max,
    "net-finance-charges": (p) => p.fi + p.cf + p.li - p.ir === p.nfc,
    "interest-cover": (p) =>
      p.nfc_says === p.nfc && p.ic_num === p.ebitda && Math.abs(p.ic_num / p.nfc_says - p.ic) < 0.005 && p.ic >= p.ic_min,
    "leverage-headroom": (p) =>
      Math.abs(p.tnd / p.lev_max - p.breach) <= 0.5 && p.ebitda - p.breach === p.h_lev &&
      Math.abs((p.h_lev / p.ebitda) * 100 - p.h_lev_pct) < 0.051,
    "interest-cover-headroom": (p) =>
      p.nfc * p.ic_min === p.ic_floor && p.ebitda - p.ic_floor === p.h_ic &&
      Math.abs((p.h_ic / p.ebitda) * 100 - p.h_ic_pct) < 0.051 && p.h_ic > p.h_lev,
    "leverage-rose": (p) => p.lev_jun < p.lev,
  },
});
