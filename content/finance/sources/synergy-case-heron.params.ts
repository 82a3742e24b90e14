// Parameters of the acquisition synergy case. Every money input is drawn in whole tenths of a
// million (addressable spend in twenties so the saving rate gives whole tenths; roles times the cost
// per role in whole tenths), and every printed figure is computed from the printed figures before
// it, the way the model rounds: phasing, net before and after tax, present values with discount
// factors at four decimals, the perpetuity at the end of Y3 and its present value, the premium and
// its shares, the 80% downside. The brief's premises hold in every draw: Y1 synergies are smaller
// than Y1 integration costs (so they cannot pay for the premium in the first year), three years of
// after-tax net synergies are well below the premium, the value of full delivery exceeds the
// premium and the 80% downside still does, by a thin margin.
import { defineParams, round } from "~/domain/content/param-kit";

const r1 = (x: number) => round(x, 1);
const pc = (a: number, b: number) => round((a / b) * 100, 1);
const TAX = 0.75; // after tax at 25%

/** Present value of a phased run-rate over Y1-Y3 and its perpetuity from Y4, the memo's method. */
function valueOf(runRate: number, phase: number[], costs: number[], rate: number, df: number[]) {
  const ach = phase.map((ph) => r1((runRate * ph) / 100));
  const net = ach.map((a, i) => r1(a - costs[i]));
  const pv = net.map((n, i) => r1(n * TAX * df[i]));
  const pv13 = r1(pv[0] + pv[1] + pv[2]);
  const tv = r1((runRate * TAX) / (rate / 100));
  const tvpv = r1(tv * df[2]);
  return { ach, net, pv, pv13, tv, tvpv, value: r1(pv13 + tvpv) };
}

export default defineParams({
  draw(k) {
    const y = k.int(2025, 2028);
    const bird = k.pick(["Heron", "Kestrel", "Osprey", "Curlew", "Plover", "Merlin", "Avocet", "Lapwing"]);
    const place = k.pick(["Pennine", "Cotswold", "Mendip", "Chiltern", "Fenland", "Tamar", "Wolds", "Kennet"]);
    const [kind, cats, sites, range] = k.pick([
      ["Bakeries", "flour, packaging, energy, haulage", "bakeries", "artisan bread range"],
      ["Dairies", "milk, packaging, energy, haulage", "dairies", "farmhouse cheese range"],
      ["Kitchens", "proteins, packaging, energy, haulage", "kitchens", "chilled ready-meal range"],
      ["Brewery", "malt, cans, energy, haulage", "brewhouses", "craft beer range"],
    ]);
    const [site, hub] = k.pick([["Wakefield", "Leeds"], ["Doncaster", "Sheffield"], ["Wigan", "Manchester"], ["Stroud", "Gloucester"], ["Grantham", "Nottingham"], ["Taunton", "Bristol"]]);
    const channel = k.pick(["supermarket", "food-service", "convenience", "wholesale"]);
    const icDay = k.int(1, 12);
    const sheetDay = k.int(17, 28);
    const orgDay = k.int(3, sheetDay - 4);
    const undDay = k.int(6, 27);
    const undMonth = k.pick(["September", "October"]);
    const contracts = k.pick(["two", "three", "four"]);
    const phase = k.pick([[40, 80, 100], [30, 70, 100], [50, 80, 100], [40, 75, 100], [25, 75, 100]]);

    const attempt = () => {
      const A = 20 * k.int(8, 17); // addressable spend
      const S = A + 20 * k.int(4, 12); // combined third-party spend
      const p = k.pick([2, 2.5, 3, 3.5]);
      const proc = r1((A * p) / 100);
      const G = k.int(35, 75) / 10; // site costs saved
      const L = k.int(8, 20) / 10; // extra logistics
      const plant = r1(G - L);
      const roles = 5 * k.int(5, 14);
      const perRole = 10 * k.int(5, 9); // thousands
      if ((roles * perRole) % 100 !== 0) return null;
      const sga = (roles * perRole) / 1000;
      const it = k.int(6, 15) / 10;
      const T = r1(proc + plant + sga + it);
      const costs = [k.int(60, 110) / 10, k.int(30, 60) / 10, k.int(5, 15) / 10];
      const oneOff = r1(costs[0] + costs[1] + costs[2]);
      const red = k.int(Math.round(oneOff * 3), Math.round(oneOff * 5)) / 10;
      const erp = k.int(10, 30) / 10;
      const clo = r1(oneOff - red - erp);
      const rate = k.pick([8, 8.5, 9, 9.5, 10]);
      const df = [1, 2, 3].map((i) => round(1 / (1 + rate / 100) ** i, 4));
      const base = valueOf(T, phase, costs, rate, df);
      const U = 10 * k.int(15, 35);
      const P = 2.5 * k.int(Math.round((base.value * 0.6) / 2.5), Math.round((base.value * 0.85) / 2.5));
      const O = U + P;
      const down = valueOf(T * 0.8, phase, costs, rate, df);
      const value80 = down.value;
      const atExact = base.net.map((n) => n * TAX);
      const cum = atExact[0] + atExact[1] + atExact[2];
      const premPct = pc(P, U);
      const premPct2 = round((P / U) * 100, 2);
      const premTrunc = Math.floor(premPct2 * 10 + 1e-9) / 10;
      const shareExact = round((P / base.value) * 100, 2);
      const share = Math.round(shareExact);
      const procWrong = r1((S * p) / 100);
      const rev = 2 * k.int(6, 15);
      const m = k.pick([25, 30, 35, 40]);
      const contrib = r1((rev * m) / 100);
      const revVal = valueOf(contrib, phase, [0, 0, 0], rate, df).value;
      const costPv = r1(costs.reduce((s, c, i) => s + c * TAX * df[i], 0));
      const plantDv = r1(L * TAX * (phase.reduce((s, ph, i) => s + (ph / 100) * df[i], 0) + df[2] / (rate / 100)));
      const ok = base.ach[0] < costs[0] - 0.5 && base.net[1] > 0.5 && cum > 3 && cum < P * 0.35 && value80 > P + 1 && value80 < P + 8
        && red > 0 && clo > 1 && premTrunc !== premPct && pc(P, O) < premPct - 1 && Math.abs(shareExact - share) > 0.05
        && Math.abs(shareExact - share) < 0.5 && procWrong > proc && sga * 10 > T;
      if (!ok) return null;
      return {
        A, S, p, proc, G, L, plant, roles, per_role: perRole, sga, it, T,
        ph1: phase[0], ph2: phase[1], ph3: phase[2],
        ach1: base.ach[0], ach2: base.ach[1], ach3: base.ach[2],
        c1: costs[0], c2: costs[1], c3: costs[2], one_off: oneOff, red, clo, erp,
        n1: base.net[0], n2: base.net[1], n3: base.net[2], n1_abs: -base.net[0],
        at1: r1(atExact[0]), at2: r1(atExact[1]), at3: r1(atExact[2]), at1_abs: -r1(atExact[0]),
        rate, df1: df[0], df2: df[1], df3: df[2],
        pv1: base.pv[0], pv2: base.pv[1], pv3: base.pv[2], pv1_abs: -base.pv[0], pv13: base.pv13,
        at_rr: round(T * TAX, 3), tv: base.tv, tvpv: base.tvpv, value: base.value,
        tv_share: Math.round((base.tvpv / base.value) * 100), plant_q: r1(plant / 4),
        U, O, P, prem_pct: premPct, prem_pct2: premPct2, prem_trunc: premTrunc, prem_offer: pc(P, O),
        share, share_exact: shareExact, share_wrong: shareExact > share ? share + 1 : share - 1, kept: r1(base.value - P),
        cum: r1(cum), cum_pct: Math.round((cum / P) * 100),
        value80, headroom: r1(value80 - P),
        proc_wrong: procWrong, proc_over: r1(procWrong - proc), proc_over_pct: Math.round(((procWrong - proc) / T) * 100),
        plant_dv: plantDv, sga_wrong: r1(sga * 10), T_sga: r1(T - sga + sga * 10),
        value_undisc: r1(base.pv13 + base.tv), tv_over: r1(base.tv - base.tvpv),
        rev, m, contrib, rev_val: revVal, value_rev: r1(base.value + revVal),
        cost_pv: costPv, value_nocost: r1(base.value + costPv),
      };
    };
    // Redraw until the brief's premises hold (deterministic per seed).
    let o = attempt();
    for (let tries = 0; tries < 2000 && !o; tries++) o = attempt();
    if (!o) throw new Error("no draw kept the synergy case's premises");
    return {
      y, y_prev: y - 1, bird, target: `${place} ${kind}`, target_s: kind.endsWith("s") ? `${place} ${kind}'` : `${place} ${kind}'s`, place, cats, sites, range, site, hub, channel,
      ic_day: icDay, sheet_day: sheetDay, org_day: orgDay, und_day: undDay, und_month: undMonth, contracts,
      ...o,
    };
  },
  relations: {
    "run-rate-rows-foot": (p) =>
      p.proc === r1((p.A * p.p) / 100) && p.plant === r1(p.G - p.L) && p.sga === (p.roles * p.per_role) / 1000
      && p.T === r1(p.proc + p.plant + p.sga + p.it) && p.A < p.S,
    "phasing-and-one-offs": (p) =>
      p.ach1 === r1((p.T * p.ph1) / 100) && p.ach2 === r1((p.T * p.ph2) / 100) && p.ach3 === r1((p.T * p.ph3) / 100)
      && p.one_off === r1(p.c1 + p.c2 + p.c3) && p.one_off === r1(p.red + p.clo + p.erp),
    "net-after-tax-and-discounted": (p) =>
      p.n1 === r1(p.ach1 - p.c1) && p.n2 === r1(p.ach2 - p.c2) && p.n3 === r1(p.ach3 - p.c3)
      && p.at1 === r1(p.n1 * TAX) && p.at2 === r1(p.n2 * TAX) && p.at3 === r1(p.n3 * TAX)
      && p.df1 === round(1 / (1 + p.rate / 100), 4) && p.df2 === round(1 / (1 + p.rate / 100) ** 2, 4) && p.df3 === round(1 / (1 + p.rate / 100) ** 3, 4)
      && p.pv1 === r1(p.n1 * TAX * p.df1) && p.pv2 === r1(p.n2 * TAX * p.df2) && p.pv3 === r1(p.n3 * TAX * p.df3)
      && p.pv13 === r1(p.pv1 + p.pv2 + p.pv3),
    "perpetuity-valued-at-y3-and-discounted": (p) =>
      p.at_rr === round(p.T * TAX, 3) && p.tv === r1(p.at_rr / (p.rate / 100)) && p.tvpv === r1(p.tv * p.df3),
    "value-is-cost-synergies-only": (p) => p.value === r1(p.pv13 + p.tvpv),
    "premium-on-undisturbed-value": (p) =>
      p.P === r1(p.O - p.U) && p.prem_pct === pc(p.P, p.U) && p.share === Math.round((p.P / p.value) * 100) && p.kept === r1(p.value - p.P),
    "first-year-does-not-pay": (p) => p.ach1 < p.c1 && p.cum < p.P && p.value80 > p.P && p.headroom === r1(p.value80 - p.P),
  },
});
