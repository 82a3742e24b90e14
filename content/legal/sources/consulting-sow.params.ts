// Parameters of the consulting SOW: consultant, manufacturing client (plants and governing state),
// the process assessed, SOW number and dates (deliverables on working days, D3 early enough for the
// review period to end before the SOW), the fixed fee split and expense cap. The flawed milestone
// amount is computed from the clean split, so the table's arithmetic always fails by the same gap.
import { defineParams } from "~/domain/content/param-kit";

const CONSULTANTS = ["Redfern Advisory LLC", "Calloway Partners LLC", "Meridian Operations Group LLC", "Hartwell Consulting LLC", "Brookline Lean Advisors LLC"];
const CLIENTS = [
  { full: "Oakhurst Manufacturing Co.", p1: "Dayton, Ohio", p2: "Fort Wayne, Indiana", s1: "Dayton", s2: "Fort Wayne", law: "Ohio", cite: "2016-Ohio-4412" },
  { full: "Lakeshore Castings, Inc.", p1: "Sheboygan, Wisconsin", p2: "Dubuque, Iowa", s1: "Sheboygan", s2: "Dubuque", law: "Wisconsin", cite: "2016 WI App 52" },
  { full: "Prairie Valve Company", p1: "Peoria, Illinois", p2: "Davenport, Iowa", s1: "Peoria", s2: "Davenport", law: "Illinois", cite: "2016 IL App (2d) 150412" },
  { full: "Kittredge Plastics, Inc.", p1: "Toledo, Ohio", p2: "Erie, Pennsylvania", s1: "Toledo", s2: "Erie", law: "Ohio", cite: "2017-Ohio-2291" },
];
const TOPICS = [
  { title: "Inventory-Planning", lower: "inventory-planning", staff: "planning, purchasing and production staff", data: "planning data", system: "ERP system" },
  { title: "Maintenance-Planning", lower: "maintenance-planning", staff: "maintenance, engineering and production staff", data: "maintenance records", system: "maintenance management system" },
  { title: "Procurement", lower: "procurement", staff: "purchasing, finance and plant staff", data: "purchasing data", system: "procure-to-pay system" },
  { title: "Production-Scheduling", lower: "production-scheduling", staff: "scheduling, production and quality staff", data: "scheduling data", system: "manufacturing execution system" },
];
const SPLITS = [[30, 40, 30], [25, 50, 25], [20, 40, 40], [30, 30, 40]];

/** The working day on or before an ISO date (2024-01-05 was a Friday). */
function friday(k: { daysBetween: (a: string, b: string) => number; addDays: (d: string, n: number) => string }, iso: string): string {
  const dow = (((k.daysBetween("2024-01-05", iso) % 7) + 7) % 7); // 0 = Friday
  return dow === 1 || dow === 2 ? k.addDays(iso, -dow) : iso; // Saturday, Sunday → Friday
}

export default defineParams({
  draw(k) {
    const cl = k.pick(CLIENTS);
    const t = k.pick(TOPICS);
    const split = k.pick(SPLITS);
    const year = k.pick([2025, 2026]);
    const month = k.int(1, 9);
    const start = `${year}-${String(month).padStart(2, "0")}-01`;
    const d1 = friday(k, k.addDays(start, 25));
    const d2 = friday(k, k.addDays(d1, 28));
    const d3 = friday(k, k.addDays(d2, 14));
    const next = month + 3 > 12 ? `${year + 1}-${String(month - 9).padStart(2, "0")}-01` : `${year}-${String(month + 3).padStart(2, "0")}-01`;
    const end = k.addDays(next, -1);
    const review = k.pick([10, 15]);
    const fee = Math.round(k.step(60_000, 180_000, 2_000));
    const [a1, a2, a3] = split.map((pc) => Math.round((fee * pc) / 100));
    const gap = 3_000;
    const msa = k.addDays(start, -k.int(60, 400));
    return {
      consultant: k.pick(CONSULTANTS),
      client: cl.full, plant1: cl.p1, plant2: cl.p2, site1: cl.s1, site2: cl.s2, law: cl.law, cite: cl.cite,
      topic: t.title, topic_l: t.lower, staff: t.staff, data: t.data, system: t.system,
      sow_no: k.int(2, 7),
      msa_date: k.formatDate(msa, "us"),
      start: k.formatDate(start, "us"),
      end: k.formatDate(end, "us"),
      end_short: k.formatDate(end, "us").replace(/, \d{4}$/, ""),
      d1: k.formatDate(d1, "us"), d2: k.formatDate(d2, "us"), d3: k.formatDate(d3, "us"),
      d3_short: k.formatDate(d3, "us").replace(/, \d{4}$/, ""),
      d3_slack: k.daysBetween(d3, end),
      review, review_w: k.words(review),
      months: k.pick(["twelve (12)", "twenty-four (24)", "thirty-six (36)"]),
      workshops_w: k.pick(["one (1) on-site workshop", "two (2) on-site workshops", "three (3) on-site workshops"]),
      pc1: split[0], pc2: split[1], pc3: split[2],
      fee: k.grouped(fee), fee_n: fee,
      a1: k.grouped(a1), a2: k.grouped(a2), a3: k.grouped(a3),
      a1_n: a1, a2_n: a2, a3_n: a3,
      a2_wrong: k.grouped(a2 + gap), a2_wrong_n: a2 + gap,
      total_wrong: k.grouped(fee + gap), gap: k.grouped(gap),
      expenses: k.grouped(k.step(4_000, 12_000, 1_000)),
      lead: k.person(),
    };
  },
  relations: {
    "milestones-foot": (p) => p.a1_n + p.a2_n + p.a3_n === p.fee_n,
    "review-ends-before-the-sow": (p) => p.d3_slack >= 21,
  },
});
