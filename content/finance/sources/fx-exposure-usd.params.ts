// Parameters of the USD exposure and hedging review. The drawn inputs are the year, the company,
// spot GBP/USD, each quarter's forecast USD receipts, the share paid out in USD, the forwards in
// place, the big contract that bills in Q4 and the US subsidiary's net assets. Net exposure, hedge
// ratios, policy targets, sterling values under a 10% move each way, the new forwards and the
// position after them are computed at the precision the note prints.
// The brief's premises hold in every draw: Q1 is above target but inside 60-90%, Q2 inside the range
// below target, Q3 below the minimum and Q4 unhedged; Q4 carries the largest exposure; a target on
// gross receipts would exceed the 90% maximum; Q2 on gross receipts would look like a breach; the
// total ratio after the trades has a second decimal of 5 or more (truncating prints differently).
import { defineParams } from "~/domain/content/param-kit";

const CONTRACTS = ["Meridian", "Halcyon", "Brookfield", "Castellan", "Northstar", "Everton Park"];
const MONTHS = ["October", "November", "December"];

export default defineParams({
  draw(k) {
    const r1 = (x: number) => k.round(x, 1);
    const to = (x: number, by: number) => Math.round(x / by) * by;
    const pct = (a: number, b: number) => r1((a / b) * 100);

    const fy = k.int(2025, 2028);
    const company = k.company();
    const contract = k.pick(CONTRACTS);
    const feeMonth = k.pick(MONTHS);
    const spot = k.real(1.18, 1.38, 3);
    const up = k.round(spot * 1.1, 4);
    const down = k.round(spot * 0.9, 4);

    let found: { r: number[]; p: number[]; f: number[] } | null = null;
    for (let tries = 0; tries < 2000 && !found; tries++) {
      const base = to(k.int(40, 160) * 100, 100);
      const share = k.real(0.2, 0.3, 2);
      const r = [0, 1, 2].map(() => to(base * k.real(0.9, 1.1, 2), 100));
      r.push(to(Math.max(...r) * k.real(1.12, 1.3, 2), 100));
      const p = r.map((x) => to(x * share, 100));
      const n = r.map((x, i) => x - p[i]);
      const f = [
        to(n[0] * k.real(0.78, 0.88, 2), 100),
        to(n[1] * k.real(0.61, 0.73, 2), 100),
        to(n[2] * k.real(0.2, 0.55, 2), 100),
        0,
      ];
      const h = f.map((x, i) => (x / n[i]) * 100);
      const nT = n.reduce((a, b) => a + b, 0);
      const rT = r.reduce((a, b) => a + b, 0);
      const after = f[0] + 0.75 * (n[1] + n[2] + n[3]);
      const afterPct = (after / nT) * 100;
      const frac = afterPct * 10 - Math.floor(afterPct * 10);
      const ok =
        h[0] > 75 && h[0] <= 90 && h[1] >= 60 && h[1] < 75 && h[2] < 60 && h[2] > 0 &&
        (f[1] / r[1]) * 100 < 59.95 && (0.75 * rT) / nT > 0.9 && n[3] > Math.max(n[0], n[1], n[2]) &&
        frac >= 0.55 && frac <= 0.95;
      if (ok) found = { r, p, f };
    }
    if (!found) throw new Error("fx-exposure-usd: no draw met the premises");
    const { r, p, f } = found;
    const n = r.map((x, i) => x - p[i]);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const rT = sum(r), pT = sum(p), nT = sum(n), fT = sum(f);
    const tgt = n.map((x) => 0.75 * x);
    const tgtGross = r.map((x) => 0.75 * x);
    const neu = [0, tgt[1] - f[1], tgt[2] - f[2], tgt[3] - f[3]];
    const after = [f[0], tgt[1], tgt[2], tgt[3]];
    const afterT = sum(after);
    const u = nT - fT;
    const v = Math.round(u / spot);
    const vu = Math.round(u / up);
    const vd = Math.round(u / down);
    const lossWrong = Math.round(v * 0.1);
    const uAfter = nT - afterT;
    const na = k.int(10, 40) * 1000;
    const afterPct = (afterT / nT) * 100;

    return {
      company, fy, contract, fee_month: feeMonth,
      meet_day: k.int(9, 20), fc_day: k.int(2, 7), spot, up, down,
      r1: r[0], r2: r[1], r3: r[2], r4: r[3], r_t: rT,
      p1: p[0], p2: p[1], p3: p[2], p4: p[3], p_t: pT,
      n1: n[0], n2: n[1], n3: n[2], n4: n[3], n_t: nT,
      f1: f[0], f2: f[1], f3: f[2], f_t: fT,
      h1: pct(f[0], n[0]), h2: pct(f[1], n[1]), h3: pct(f[2], n[2]), h4: 0, h_t: pct(fT, nT),
      hg1: pct(f[0], r[0]), hg2: pct(f[1], r[1]), hg3: pct(f[2], r[2]), hg_t: pct(fT, rT),
      tgt1: tgt[0], tgt2: tgt[1], tgt3: tgt[2], tgt4: tgt[3], tgt_t: sum(tgt),
      tg1: tgtGross[0], tg2: tgtGross[1], tg3: tgtGross[2], tg4: tgtGross[3], tg_t: sum(tgtGross),
      tg_pct: pct(sum(tgtGross), nT),
      u, v, vu, loss: v - vu, loss_pct: pct(v - vu, v), vu_wrong: v - lossWrong, loss_wrong: lossWrong,
      vd, gain: vd - v, gain_says: vd - v, gain_says_wrong: v - vd,
      new2: neu[1], new3: neu[2], new4: neu[3], new_t: sum(neu),
      after_t: afterT, h_after: r1(afterPct), h_after_3dp: k.round(afterPct, 3),
      h_after_trunc: Math.floor(afterPct * 10) / 10,
      u_after: uAfter, loss_after: Math.round(uAfter / spot) - Math.round(uAfter / up),
      na, na_hedge: 0.75 * na,
    };
  },
  relations: {
    "net-exposure-foots": (p) =>
      p.r1 - p.p1 === p.n1 && p.r2 - p.p2 === p.n2 && p.r3 - p.p3 === p.n3 && p.r4 - p.p4 === p.n4 &&
      p.r1 + p.r2 + p.r3 + p.r4 === p.r_t && p.p1 + p.p2 + p.p3 + p.p4 === p.p_t && p.r_t - p.p_t === p.n_t &&
      p.f1 + p.f2 + p.f3 === p.f_t,
    "hedge-ratios-on-net-exposure": (p) =>
      Math.abs((p.f1 / p.n1) * 100 - p.h1) < 0.051 && Math.abs((p.f2 / p.n2) * 100 - p.h2) < 0.051 &&
      Math.abs((p.f3 / p.n3) * 100 - p.h3) < 0.051 && Math.abs((p.f_t / p.n_t) * 100 - p.h_t) < 0.051,
    "policy-range": (p) => p.h1 > 75 && p.h1 <= 90 && p.h2 >= 60 && p.h2 < 75 && p.h3 < 60,
    "target-on-net-exposure": (p) =>
      p.tgt1 === 0.75 * p.n1 && p.tgt2 === 0.75 * p.n2 && p.tgt3 === 0.75 * p.n3 && p.tgt4 === 0.75 * p.n4 &&
      p.tgt_t === 0.75 * p.n_t,
    "unhedged-value": (p) => p.n_t - p.f_t === p.u && Math.abs(p.u / p.spot - p.v) <= 0.5,
    "stronger-sterling-loss": (p) =>
      Math.abs(p.u / p.up - p.vu) <= 0.5 && p.v - p.vu === p.loss && Math.abs((p.loss / p.v) * 100 - p.loss_pct) < 0.11,
    "weaker-sterling-gain": (p) => Math.abs(p.u / p.down - p.vd) <= 0.5 && p.gain_says === p.vd - p.v && p.gain_says > 0,
    "trades-to-target": (p) =>
      p.tgt2 - p.f2 === p.new2 && p.tgt3 - p.f3 === p.new3 && p.tgt4 === p.new4 && p.new2 + p.new3 + p.new4 === p.new_t &&
      p.f1 + p.tgt2 + p.tgt3 + p.tgt4 === p.after_t && Math.abs((p.after_t / p.n_t) * 100 - p.h_after) < 0.051,
    "position-after-trades": (p) =>
      p.n_t - p.after_t === p.u_after && p.loss_after === Math.round(p.u_after / p.spot) - Math.round(p.u_after / p.up),
  },
});
