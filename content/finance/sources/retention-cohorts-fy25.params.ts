// Parameters of the retention review. Segment starting ARR is drawn in multiples of 300 and every
// bridge movement as a whole percentage of it, so each movement is a whole number of thousands;
// ending ARR, NRR, GRR, the signing-year split and every share in the findings are computed from
// the figures as printed. The brief's premises hold in every draw: NRR and GRR both fell against
// the prior year, Enterprise is the only segment above 100% NRR, SMB churns 20-24% of its ARR,
// and the newest signing year retains least.
import { defineParams, round } from "~/domain/content/param-kit";

const pc = (a: number, b: number) => round((a / b) * 100, 1);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export default defineParams({
  draw(k) {
    const r1 = (x: number) => k.round(x, 1);
    const pct = pc;
    const y = k.int(2024, 2027);
    const endIdx = k.pick([2, 5, 8, 11]); // month index of the review's year end
    const cur = k.pick(["USD", "EUR", "GBP"]);

    const attempt = () => {
      const E = 300 * k.int(25, 35);
      const M = 300 * k.int(16, 23);
      const S = 300 * k.int(8, 12);
      const T = E + M + S;
      const seg = (start: number, x: number, c: number, ch: number) => {
        const u = start / 100;
        return { x: u * x, c: u * c, ch: u * ch, e: start + u * x - u * c - u * ch };
      };
      const ent = seg(E, k.int(20, 26), k.int(1, 3), k.int(2, 4));
      const mid = seg(M, k.int(11, 14), k.int(4, 6), k.int(8, 11));
      const smbChPct = k.int(20, 24);
      const smbCPct = k.int(6, 9);
      const smb = seg(S, k.int(4, 7), smbCPct, smbChPct);
      const xT = ent.x + mid.x + smb.x;
      const cT = ent.c + mid.c + smb.c;
      const chT = ent.ch + mid.ch + smb.ch;
      const endT = T + xT - cT - chT;
      const nrr = pct(endT, T);
      const grr = pct(T - cT - chT, T);
      const nrrPrev = r1(nrr + k.pick([2, 2.5, 3, 3.5]));
      const grrPrev = r1(grr + k.pick([1, 1.5, 2]));
      // Signing years: 2022 ends at an exact one-decimal ratio; the oldest years take the remainder.
      const s22 = 1000 * k.int(4, 5);
      const r22 = r1(nrr + k.pick([1.5, 2, 2.5]));
      const e22 = Math.round((s22 * r22) / 100);
      const s23 = 100 * k.int(30, 40);
      const e23 = Math.round((s23 * (nrr + k.pick([-0.5, 0, 0.5]))) / 100);
      const s24 = 100 * k.int(20, 28);
      const e24 = Math.round((s24 * (nrr - k.pick([3, 4, 5]))) / 100);
      const s21 = T - s22 - s23 - s24;
      const e21 = endT - e22 - e23 - e24;
      const r21 = pct(e21, s21);
      const r23 = pct(e23, s23);
      const r24 = pct(e24, s24);
      const older = [r21, r22, r23];
      const grrWrong = pct(T - chT, T);
      const nrrSurv = pct(endT, T - chT);
      const ok = nrr > 100.5 && nrr < 108 && ent.e > E && mid.e < M && smb.e < S && s21 >= 4000
        && r24 < Math.min(...older) - 1 && Math.abs(r21 - nrr) < 3 && grrWrong > grrPrev + 0.5 && nrrSurv > nrrPrev + 2
        && Math.abs(e22 - (s22 * r22) / 100) < 1e-9;
      if (!ok) return null;
      const newArr = 100 * k.int(25, 50);
      const total = endT + newArr;
      const lost = cT + chT;
      const smbAcc = k.int(45, 70);
      return {
        E, M, S, T, ex: ent.x, ec: ent.c, ech: ent.ch, ee: ent.e, mx: mid.x, mc: mid.c, mch: mid.ch, me: mid.e,
        sx: smb.x, sc: smb.c, sch: smb.ch, se: smb.e, xT, cT, chT, endT,
        enrr: pct(ent.e, E), egrr: pct(E - ent.c - ent.ch, E), mnrr: pct(mid.e, M), mgrr: pct(M - mid.c - mid.ch, M),
        snrr: pct(smb.e, S), sgrr: pct(S - smb.c - smb.ch, S), nrr, grr, nrr_prev: nrrPrev, grr_prev: grrPrev,
        nrr_fall: r1(nrrPrev - nrr), nrr_fall_rel: pct(nrrPrev - nrr, nrrPrev), grr_fall: r1(grrPrev - grr),
        new_arr: newArr, total, nrr_all: pct(total, T), growth_pct: Math.round(pct(total, T) - 100),
        lost, churn_share: Math.round((chT / lost) * 100),
        ex_pct: pct(ent.x, E), seats: k.int(9, 18), usage: 10 * Math.round((ent.x * k.real(0.15, 0.22, 2)) / 10),
        sch_pct: pct(smb.ch, S), sch_pct_wrong: pct(smb.ch, T), smb_churn_share: Math.round((smb.ch / chT) * 100), smb_cohort_share: Math.round((S / T) * 100),
        s21, e21, r21, s22, e22, r22, r22_wrong: r1(r22 - 0.1), s23, e23, r23, s24, e24, r24,
        older_min: Math.min(...older), older_max: Math.max(...older),
        grr_wrong: grrWrong, grr_wrong_up: r1(grrWrong - grrPrev),
        se_wrong: smb.e + smb.c, snrr_wrong: pct(smb.e + smb.c, S), rows_wrong: endT + smb.c, snrr_gap: r1(pct(smb.e + smb.c, S) - pct(smb.e, S)),
        sgrr_wrong: pct(S - smb.ch, S), sc_pct: smbCPct,
        nrr_surv: nrrSurv, survivors: T - chT,
        smb_acc: smbAcc, smb_notes: Math.round(smbAcc * k.real(0.4, 0.6, 2)),
      };
    };
    // Redraw until the brief's premises hold (deterministic per seed).
    let o = attempt();
    for (let tries = 0; tries < 500 && !o; tries++) o = attempt();
    if (!o) throw new Error("no draw kept the review's premises");
    return {
      cur, y, y_prev: y - 1, y_m2: y - 2, y_m3: y - 3, y_m4: y - 4, end_day: [31, 30, 30, 31][[2, 5, 8, 11].indexOf(endIdx)],
      end_month: MONTHS[endIdx], after_month: MONTHS[(endIdx + 1) % 12], after_year: endIdx === 11 ? y : y - 1, before_month: MONTHS[(endIdx + 11) % 12],
      launch_month: MONTHS[(endIdx + 4) % 12], policy_month: MONTHS[(endIdx + k.int(5, 7)) % 12],
      ...o,
    };
  },
  relations: {
    "segment-rows-foot": (p) =>
      p.ee === p.E + p.ex - p.ec - p.ech && p.me === p.M + p.mx - p.mc - p.mch && p.se === p.S + p.sx - p.sc - p.sch,
    "total-row-foots": (p) =>
      p.T === p.E + p.M + p.S && p.xT === p.ex + p.mx + p.sx && p.cT === p.ec + p.mc + p.sc && p.chT === p.ech + p.mch + p.sch
      && p.endT === p.ee + p.me + p.se && p.endT === p.T + p.xT - p.cT - p.chT,
    "nrr-on-starting-cohort": (p) => p.nrr === pc(p.endT, p.T) && p.snrr === pc(p.se, p.S),
    "grr-deducts-contraction-and-churn": (p) => p.grr === pc(p.T - p.cT - p.chT, p.T) && p.sgrr === pc(p.S - p.sc - p.sch, p.S),
    "smb-churn-on-smb-base": (p) => p.sch_pct === pc(p.sch, p.S),
    "signing-years-foot": (p) =>
      p.s21 + p.s22 + p.s23 + p.s24 === p.T && p.e21 + p.e22 + p.e23 + p.e24 === p.endT
      && p.r21 === pc(p.e21, p.s21) && p.r22 === pc(p.e22, p.s22) && p.r23 === pc(p.e23, p.s23) && p.r24 === pc(p.e24, p.s24),
    "retention-fell": (p) => p.nrr < p.nrr_prev && p.grr < p.grr_prev && p.ee > p.E && p.me < p.M && p.se < p.S,
  },
});
