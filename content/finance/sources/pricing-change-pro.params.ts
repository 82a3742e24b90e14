// Parameters of the plan price-increase review. Seats fall by a steady amount a month before the
// change and by more after it, so the middle month of each window is its average and every
// average, MRR and effect foots exactly in whole dollars. The price effect always outweighs the
// volume effect (MRR rose, and May-style last-month MRR is still above the baseline), churn rates
// average to the printed figure, and the cohort's new-account seats reconcile to the last month.
import { defineParams } from "~/domain/content/param-kit";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export default defineParams({
  draw(k) {
    const step = (min: number, max: number, by: number) => min + by * k.int(0, Math.floor((max - min) / by));
    const r1 = (x: number) => k.round(x, 1);
    const c = k.int(0, 11); // month of the change
    const mo = (i: number) => MONTHS[(c + i + 12) % 12];
    const plan = k.pick(["Pro", "Team", "Business", "Growth", "Plus", "Scale"]);

    const p0 = step(20, 60, 2);
    const p1 = p0 + step(Math.ceil(p0 * 0.1), Math.round(p0 * 0.25), 1);
    const s0 = step(4000, 16000, 100);
    const d = step(Math.round(s0 * 0.0008) * 10, Math.round(s0 * 0.0012) * 10, 10);
    // Seats lost a month after the change: more than before, but few enough that the last month's
    // MRR at the new price is still at least 2% above the baseline.
    const cb = k.real(1.5, 2.5, 1);
    const ca = r1(cb + k.real(0.4, 0.9, 1));
    // The cohort of the last month before the change loses its churned seats; the seats lost a
    // month overall must stay below that, as new accounts add seats.
    const cohortLoss = Math.round((s0 - d) * (3 * ca) / 1000) * 10;
    const eMax = Math.min(Math.floor(cohortLoss / 3 / 10 * 0.85) * 10, Math.floor((s0 - d - (1.02 * s0 * p0) / p1) / 30) * 10);
    const e = step(Math.min(eMax, Math.ceil((d * 1.5) / 10) * 10), Math.min(eMax, 3 * d), 10);
    const b = [s0 + d, s0, s0 - d];
    const a = [b[2] - e, b[2] - 2 * e, b[2] - 3 * e];
    const aAvg = a[1];
    const mrrB = b.map((x) => x * p0);
    const mrrA = a.map((x) => x * p1);
    const change = aAvg * p1 - s0 * p0;
    const priceEff = (p1 - p0) * aAvg;
    const volEff = (aAvg - s0) * p0;

    const cancelled = k.int(60, 140);
    const priceCited = Math.round(cancelled * k.real(0.3, 0.5, 2));
    const cohortEnd = b[2] - cohortLoss;
    const newSeats = a[2] - cohortEnd;
    const seatPct = r1(((aAvg - s0) / s0) * 100);
    const pricePct = r1(((p1 - p0) / p0) * 100);
    const redesignDay = k.int(3, 26);
    const retentionDay = (i: number) => {
      const m = (c + i + 12) % 12;
      return `${DAYS[m]} ${MONTHS[m]}`;
    };
    return {
      plan, p0, p1, step_up: p1 - p0,
      m_b1: mo(-3), m_b2: mo(-2), m_b3: mo(-1), m_a1: mo(0), m_a2: mo(1), m_a3: mo(2),
      sb: mo(-3).slice(0, 3), eb: mo(-1).slice(0, 3), sa: mo(0).slice(0, 3), ea: mo(2).slice(0, 3),
      cut_date: retentionDay(-1), end_date: retentionDay(2), redesign: `${redesignDay} ${mo(1)}`,
      next_month: mo(4), renewal_month: mo(3),
      b1: b[0], b2: b[1], b3: b[2], a1: a[0], a2: a[1], a3: a[2],
      mrr_b1: mrrB[0], mrr_b2: mrrB[1], mrr_b3: mrrB[2], mrr_a1: mrrA[0], mrr_a2: mrrA[1], mrr_a3: mrrA[2],
      seats_before: s0, seats_after: aAvg, seats_down: s0 - aAvg, seats_pct: seatPct,
      // The single-month comparison (first month before, last month after): the wrong-period flaw.
      seats_ends_down: b[0] - a[2], seats_ends_pct: r1(((a[2] - b[0]) / b[0]) * 100),
      mrr_before: s0 * p0, mrr_after: aAvg * p1, mrr_change: change, mrr_change_pct: r1((change / (s0 * p0)) * 100),
      annual: change * 12,
      price_eff: priceEff, vol_eff: volEff, vol_abs: -volEff,
      // Price effect on the old seat count (interaction left out): the does-not-foot flaw.
      price_eff_wrong: (p1 - p0) * s0, interaction: (p1 - p0) * (s0 - aAvg), bridge_wrong: (p1 - p0) * s0 + volEff,
      // The volume effect with its sign reversed, and what the bridge then adds up to.
      vol_eff_wrong: -volEff, bridge_sign_wrong: priceEff - volEff,
      d, e,
      cb1: r1(cb - 0.1), cb2: r1(cb + 0.1), cb3: cb, cb,
      ca1: r1(ca - 0.2), ca2: r1(ca + 0.1), ca3: r1(ca + 0.1), ca,
      churn_pts: r1(ca - cb), churn_rel: Math.round(((ca - cb) / cb) * 100),
      cancelled, price_cited: priceCited, price_cited_pct: Math.round((priceCited / cancelled) * 100),
      seat_pct_abs: -seatPct, price_pct: pricePct, elasticity: k.round(seatPct / pricePct, 2),
      breakeven: r1((1 - p0 / p1) * 100),
      cohort_start: b[2], cohort_end: cohortEnd, cohort_pct: r1(((b[2] - cohortEnd) / b[2]) * 100), new_seats: newSeats,
      last_mrr: mrrA[2], last_cushion: mrrA[2] - s0 * p0,
      bench: k.pick([-0.5, -0.6, -0.7]), bench_year: k.int(2022, 2024),
      survivor_growth: k.real(0.8, 2.0, 1),
      test_price: p1 + step(3, 6, 1),
    };
  },
  relations: {
    "seat-averages": (p) => p.seats_before * 3 === p.b1 + p.b2 + p.b3 && p.seats_after * 3 === p.a1 + p.a2 + p.a3 && p.seats_down === p.seats_before - p.seats_after,
    "mrr-cells": (p) =>
      p.mrr_b1 === p.b1 * p.p0 && p.mrr_b2 === p.b2 * p.p0 && p.mrr_b3 === p.b3 * p.p0 &&
      p.mrr_a1 === p.a1 * p.p1 && p.mrr_a2 === p.a2 * p.p1 && p.mrr_a3 === p.a3 * p.p1 &&
      p.mrr_before * 3 === p.mrr_b1 + p.mrr_b2 + p.mrr_b3 && p.mrr_after * 3 === p.mrr_a1 + p.mrr_a2 + p.mrr_a3,
    "mrr-rose": (p) => p.mrr_change === p.mrr_after - p.mrr_before && p.mrr_change > 0 && p.last_cushion > 0,
    "annualised-gain": (p) => p.annual === p.mrr_change * 12,
    "price-volume-bridge": (p) =>
      p.price_eff === (p.p1 - p.p0) * p.seats_after && p.vol_eff === (p.seats_after - p.seats_before) * p.p0 && p.price_eff + p.vol_eff === p.mrr_change,
    "churn-averages": (p) => Math.abs((p.cb1 + p.cb2 + p.cb3) / 3 - p.cb) < 0.051 && Math.abs((p.ca1 + p.ca2 + p.ca3) / 3 - p.ca) < 0.051,
    "churn-relative-increase": (p) => Math.abs(((p.ca - p.cb) / p.cb) * 100 - p.churn_rel) <= 0.5 && Math.abs(p.ca - p.cb - p.churn_pts) < 0.001,
    "elasticity": (p) => Math.abs(-p.seat_pct_abs / p.price_pct - p.elasticity) < 0.0051,
    "decline-faster-after-change": (p) => p.e > p.d && p.a1 === p.b3 - p.e,
    "cohort-reconciles": (p) => p.cohort_end + p.new_seats === p.a3 && p.cohort_start === p.b3 && p.new_seats > 0,
  },
});
