// Parameters of the employment settlement agreement: employer and its sector, the employee, her
// adviser and the managers named in the reference clause, salary and every payment (notice pay,
// holiday pay, termination payment above the £30,000 exemption, legal-costs contribution) and the
// dates. The flawed notice-pay figure is half a month short, computed from the salary.
import { defineParams } from "~/domain/content/param-kit";

const EMPLOYERS = [
  { full: "Ravensworth Clinical Research Limited", short: "Ravensworth", kind: "a clinical research company", concern: "a clinical-trial safety concern" },
  { full: "Hollins Care Homes Limited", short: "Hollins", kind: "a care-home operator", concern: "a resident-safety concern" },
  { full: "Ardent Aviation Services Limited", short: "Ardent", kind: "an aircraft-maintenance company", concern: "an airworthiness concern" },
  { full: "Strand Wealth Management Limited", short: "Strand", kind: "an FCA-regulated wealth manager", concern: "a suspected mis-selling concern" },
  { full: "Kelvedon Water Services Limited", short: "Kelvedon", kind: "a water utility contractor", concern: "a drinking-water quality concern" },
];
const FIRST = ["Helen", "Priya", "Sarah", "Joanna", "Aisha", "Rebecca", "Fiona", "Grace", "Nadia", "Catherine"];
const LAST = ["Marsh", "Hartley", "Okafor", "Lindqvist", "Brennan", "Chaudhry", "Pryce", "Whitfield", "Kowalski", "Ashworth"];
const FIRMS = ["Pennine Employment Law LLP", "Castlegate Solicitors LLP", "Northgate Employment Lawyers", "Wharfside Legal LLP"];
const CLAIMS = ["sex discrimination", "disability discrimination", "race discrimination", "age discrimination", "pregnancy discrimination"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const LAST_DAY = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export default defineParams({
  draw(k) {
    const e = k.pick(EMPLOYERS);
    const last = k.pick(LAST);
    const salary = k.step(48_000, 120_000, 1_200);
    const monthly = salary / 12;
    const months = k.pick([1, 2, 3]);
    const pilon = monthly * months;
    const pilonWrong = monthly * months - monthly / 2;
    const holidayDays = k.int(3, 12);
    const holiday = Math.round((salary / 260) * holidayDays);
    const tp = k.step(32_000, 90_000, 500);
    const m = k.int(2, 11); // termination month (0-based), so the letter and agreement fall in the previous month
    const year = k.pick([2025, 2026]);
    const payDays = k.pick([14, 21, 28]);
    const managers = k.pickN(["Dr Anil Mehta", "Claire Dunmore", "Richard Ames", "Dr Fatima Yusuf", "Owen Pritchard", "Lucy Fenwick"], 2);
    return {
      employer: e.full, er: e.short, er_kind: e.kind, concern: e.concern,
      employee: `${k.pick(FIRST)} ${last}`, ms: `Ms ${last}`,
      adviser: k.person(), firm: k.pick(FIRMS),
      mgr1: managers[0], mgr2: managers[1],
      claim: k.pick(CLAIMS),
      salary: k.grouped(salary), salary_n: salary,
      monthly: k.grouped(monthly, monthly % 1 ? 2 : 0),
      months, months_w: k.words(months), month_unit: months === 1 ? "month's" : "months'",
      pilon: k.grouped(pilon), pilon_n: pilon,
      pilon_wrong: k.grouped(pilonWrong),
      pilon_wrong_span: months === 1 ? "half a month" : `${k.words(months - 1)} and a half months`,
      holiday_days: holidayDays, holiday_days_w: k.words(holidayDays), holiday: k.grouped(holiday),
      tp: k.grouped(tp), tp_n: tp,
      balance: k.grouped(tp - 30_000),
      total: k.grouped(pilon + tp),
      costs: k.pick([500, 750, 1_000, 1_250]),
      pay_days: payDays, pay_days_w: k.words(payDays),
      term_date: `${LAST_DAY[m]} ${MONTHS[m]} ${year}`,
      letter_date: `${k.int(2, 12)} ${MONTHS[m - 1]} ${year}`,
      agreed_date: `${k.int(20, 27)} ${MONTHS[m - 1]}`,
    };
  },
  relations: {
    "termination-payment-above-exemption": (p) => p.tp_n > 30_000,
    "notice-pay-is-whole-months": (p) => Math.abs((p.pilon_n * 12) / p.salary_n - p.months) < 1e-9,
  },
});
