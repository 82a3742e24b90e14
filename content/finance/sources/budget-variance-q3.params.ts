// Parameters of the Q3 operating expense variance memo. Every line's budget and actual is drawn in
// whole currency thousands; variances, percentages, the favourable/unfavourable split, the Q2
// comparison and the year-to-date table are computed from them, so both tables foot as printed.
// The brief's premises hold in every draw: the quarter is a small net favourable variance made of
// large offsetting moves; Contractors, Marketing programs, Travel & events and Cloud hosting are
// beyond the 10% threshold and every other line inside it; the favourable position narrows each
// quarter; and the trade show is most, not all, of the Marketing underspend.
import { defineParams, grouped } from "~/domain/content/param-kit";

/** A variance as the memo prints it: favourable (negative) in brackets. */
const br = (x: number) => (x < 0 ? `(${grouped(-x)})` : grouped(x));
const brPct = (x: number) => (x < 0 ? `(${grouped(-x, 1)}%)` : `${grouped(x, 1)}%`);

export default defineParams({
  draw(k) {
    const r1 = (x: number) => k.round(x, 1);
    const pct = (part: number, base: number) => r1((part / base) * 100);
    // Whole-number draw: k.step can return 11300.0000113 for large bounds.
    const step = (min: number, max: number, by: number) => min + by * k.int(0, Math.floor((max - min) / by));
    const fy = k.int(2024, 2027);
    const ccy = k.pick(["USD", "EUR", "GBP"]);
    const company = k.company();

    let d = {
      salB: 0, merit: 0, conB: 0, conM: 0, cloudB: 0, cloudV: 0, softB: 0, softV: 0,
      mktB: 0, show: 0, genuine: 0, travB: 0, travV: 0, facB: 0, profB: 0, profV: 0, rise: 0,
    };
    // Redrawn until the quarter nets to a small favourable variance and the Q2 growth rate on the
    // wrong base prints differently from the right one.
    for (let tries = 0; tries < 500; tries++) {
      const salB = step(3600, 4800, 100);
      const conB = step(300, 450, 10);
      const cloudB = step(500, 700, 10);
      const softB = step(200, 300, 10);
      const mktB = step(800, 1000, 10);
      const travB = step(120, 180, 10);
      const profB = step(100, 150, 10);
      const show = step(110, 160, 10);
      d = {
        salB, merit: k.int(30, 50), conB, conM: k.int(28, 45), cloudB,
        cloudV: k.int(Math.ceil(cloudB * 0.1015), Math.floor(cloudB * 0.14)),
        softB, softV: k.int(Math.ceil(softB * 0.02), Math.floor(softB * 0.06)),
        mktB, show, genuine: k.int(15, 35),
        travB, travV: k.int(Math.ceil(travB * 0.11), Math.floor(travB * 0.18)),
        facB: step(280, 380, 10), profB, profV: k.int(Math.ceil(profB * 0.06), Math.floor(profB * 0.095)),
        rise: 0,
      };
      const fav = d.cloudV + d.show + d.genuine + d.profV;
      const unfav = 3 * d.merit + 2 * d.conM + d.softV + d.travV;
      const net = fav - unfav;
      const tb = d.salB + d.conB + d.cloudB + d.softB + d.mktB + d.travB + d.facB + d.profB;
      const ta = tb - net;
      d.rise = k.int(Math.round(ta * 0.025), Math.round(ta * 0.055));
      if (net >= 3 && net <= 40 && pct(net, tb) >= 0.1 && pct(d.rise, ta - d.rise) !== pct(d.rise, ta)) break;
    }

    const salA = d.salB + 3 * d.merit;
    const conA = d.conB + 2 * d.conM;
    const cloudA = d.cloudB - d.cloudV;
    const softA = d.softB + d.softV;
    const mktV = d.show + d.genuine;
    const mktA = d.mktB - mktV;
    const travA = d.travB + d.travV;
    const profA = d.profB - d.profV;
    const tb = d.salB + d.conB + d.cloudB + d.softB + d.mktB + d.travB + d.facB + d.profB;
    const ta = salA + conA + cloudA + softA + mktA + travA + d.facB + profA;
    const tv = ta - tb;
    const fav = d.cloudV + mktV + d.profV;
    const unfav = 3 * d.merit + 2 * d.conM + d.softV + d.travV;
    const q2a = ta - d.rise;

    // Year to date: the favourable position narrows each quarter.
    const v1 = k.int(150, 260);
    const v2 = k.int(-tv + 30, v1 - 40);
    const q2b = q2a + v2;
    const q1a = q2a - step(100, 300, 1);
    const q1b = q1a + v1;
    const yb = q1b + q2b + tb;
    const ya = q1a + q2a + ta;
    const yv = ya - yb;
    const planned = k.int(7, 10);

    return {
      company, ccy, fy, fy_next: fy + 1, roll_day: k.int(3, 9),
      sal_b: d.salB, sal_a: salA, sal_v: 3 * d.merit, sal_p: pct(3 * d.merit, d.salB),
      merit_m: d.merit, merit_q: 3 * d.merit, merit_m_wrong: 3 * d.merit, merit_q_wrong: 9 * d.merit,
      con_b: d.conB, con_a: conA, con_v: 2 * d.conM, con_p: pct(2 * d.conM, d.conB), con_m: d.conM, con_q4: 2 * d.conM,
      bench_pct: k.int(8, 15),
      cloud_b: d.cloudB, cloud_a: cloudA, cloud_v: -d.cloudV, cloud_f: d.cloudV, cloud_p: pct(d.cloudV, d.cloudB),
      cloud_vs: br(-d.cloudV), cloud_ps: brPct(-pct(d.cloudV, d.cloudB)),
      soft_b: d.softB, soft_a: softA, soft_v: d.softV, soft_p: pct(d.softV, d.softB),
      mkt_b: d.mktB, mkt_a: mktA, mkt_v: -mktV, mkt_f: mktV, mkt_p: pct(mktV, d.mktB),
      mkt_vs: br(-mktV), mkt_ps: brPct(-pct(mktV, d.mktB)),
      show: d.show, genuine: d.genuine,
      trav_b: d.travB, trav_a: travA, trav_v: d.travV, trav_p: pct(d.travV, d.travB),
      planned, booked: planned + k.int(3, 6),
      fac_b: d.facB, fac_a: d.facB, fac_b_less: tb - d.facB, fac_a_less: ta - d.facB,
      prof_b: d.profB, prof_a: profA, prof_v: -d.profV, prof_f: d.profV, prof_p: pct(d.profV, d.profB),
      prof_vs: br(-d.profV), prof_ps: brPct(-pct(d.profV, d.profB)),
      tb, ta, tv, net: -tv, net_p: pct(-tv, tb), summary_var: tv, summary_var_wrong: -tv,
      fav, fav_wrong: fav + d.show, unfav,
      q2a, rise: d.rise, growth: pct(d.rise, q2a), growth_wrong: pct(d.rise, ta),
      q1b, q1a, v1, v1_p: pct(v1, q1b), q2b, v2, v2_p: pct(v2, q2b),
      yb, ya, yv, ytd_f: -yv, ytd_p: pct(-yv, yb),
      ytd_b_says: yb, ytd_a_says: ya, ytd_f_says: -yv,
    };
  },
  relations: {
    "lines-foot": (p) =>
      p.sal_b + p.con_b + p.cloud_b + p.soft_b + p.mkt_b + p.trav_b + p.fac_b + p.prof_b === p.tb &&
      p.sal_a + p.con_a + p.cloud_a + p.soft_a + p.mkt_a + p.trav_a + p.fac_a + p.prof_a === p.ta &&
      p.ta - p.tb === p.tv && p.tv < 0 && p.net === -p.tv,
    "summary-direction": (p) => p.summary_var === p.ta - p.tb,
    "variances": (p) =>
      p.sal_a - p.sal_b === p.sal_v && p.con_a - p.con_b === p.con_v && p.cloud_a - p.cloud_b === p.cloud_v &&
      p.soft_a - p.soft_b === p.soft_v && p.mkt_a - p.mkt_b === p.mkt_v && p.trav_a - p.trav_b === p.trav_v &&
      p.prof_a - p.prof_b === p.prof_v,
    "favourable-and-unfavourable-net": (p) =>
      p.fav === p.cloud_f + p.mkt_f + p.prof_f && p.unfav === p.sal_v + p.con_v + p.soft_v + p.trav_v && p.fav - p.unfav === p.net,
    "threshold-flags": (p) =>
      p.con_p > 10 && p.mkt_p > 10 && p.trav_p > 10 && p.cloud_p > 10 && p.sal_p < 10 && p.soft_p < 10 && p.prof_p < 10,
    "q2-growth": (p) => p.ta - p.q2a === p.rise && Math.abs((p.rise / p.q2a) * 100 - p.growth) < 0.051,
    "merit-timing": (p) => p.merit_m * 3 === p.sal_v && p.merit_q === p.sal_v,
    "marketing-timing": (p) => p.show + p.genuine === p.mkt_f && p.genuine > 0 && p.show > p.genuine,
    "contractors-q4": (p) => p.con_m * 2 === p.con_v && p.con_q4 === p.con_m * 2,
    "ytd-foots": (p) =>
      p.q1b + p.q2b + p.tb === p.yb && p.q1a + p.q2a + p.ta === p.ya && p.ya - p.yb === p.yv &&
      p.ytd_b_says === p.yb && p.ytd_a_says === p.ya && p.ytd_f_says === -p.yv,
    "favourable-narrows": (p) => p.v1 > p.v2 && p.v2 > p.net && p.q1a - p.q1b === -p.v1 && p.q2a - p.q2b === -p.v2,
  },
});
