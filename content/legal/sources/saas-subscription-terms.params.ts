// Parameters of the SaaS subscription terms: provider, customer and its data, the availability
// commitment and credit table, maintenance limits, payment, renewal and data periods. The flawed
// credit, notice and export figures are computed from the clean ones.
import { defineParams } from "~/domain/content/param-kit";

const PROVIDERS = [
  { full: "Tessellate Software, Inc.", short: "Tessellate" },
  { full: "Brightmark Analytics, Inc.", short: "Brightmark" },
  { full: "Quorum Cloud, Inc.", short: "Quorum" },
  { full: "Fathom Workflow, Inc.", short: "Fathom" },
  { full: "Helios Ledger, Inc.", short: "Helios" },
];
const CUSTOMERS = [
  { full: "Corvid Freight Partners, LLC", short: "Corvid", data: "freight data" },
  { full: "Maplestone Dental Group, LLC", short: "Maplestone", data: "patient scheduling data" },
  { full: "Redfern Property Management, LLC", short: "Redfern", data: "tenant data" },
  { full: "Oxbow Outdoor Retail, LLC", short: "Oxbow", data: "customer order data" },
  { full: "Sundial Staffing Services, LLC", short: "Sundial", data: "candidate and payroll data" },
];
const CREDITS = [
  { c1: 5, c2: 10, c3: 25 },
  { c1: 10, c2: 15, c3: 30 },
  { c1: 5, c2: 15, c3: 25 },
  { c1: 10, c2: 25, c3: 50 },
];

export default defineParams({
  draw(k) {
    const p = k.pick(PROVIDERS);
    const c = k.pick(CUSTOMERS);
    const cr = k.pick(CREDITS);
    const c3Wrong = cr.c2 + 5;
    const nonRenewal = k.pick([45, 60, 90]);
    const increaseNotice = nonRenewal + k.pick([30, 60]);
    const maintHours = k.pick([4, 6, 8, 12]);
    const initial = k.pick([12, 24, 36]);
    const exportDays = k.pick([30, 45, 60]);
    return {
      p_full: p.full, p: p.short,
      c_full: c.full, c: c.short, c_data: c.data,
      target: k.pick(["99.5", "99.9", "99.9", "99.95"]),
      c1: cr.c1, c2: cr.c2, c3: cr.c3, c3_wrong: c3Wrong, c3_gap: cr.c3 - c3Wrong,
      maint_hours: maintHours, maint_hours_w: k.words(maintHours),
      maint_notice: k.pick([24, 48, 72]),
      maint_over: maintHours + 12,
      pay_days: k.pick([30, 45, 60]),
      increase_cap: k.pick([3, 5, 7]),
      increase_notice: increaseNotice,
      increase_notice_w: k.words(increaseNotice),
      non_renewal: nonRenewal,
      non_renewal_w: k.words(nonRenewal),
      decide_days: increaseNotice - nonRenewal,
      notice_wrong: 30,
      notice_wrong_w: k.words(30),
      initial, initial_w: k.words(initial),
      export_days: exportDays, export_days_w: k.words(exportDays),
    };
  },
  relations: {
    "credits-rise": (p) => p.c1 < p.c2 && p.c2 < p.c3,
    "credit-flaw-is-lower": (p) => p.c3_wrong > p.c2 && p.c3_wrong < p.c3,
    "increase-notice-before-non-renewal": (p) => p.increase_notice > p.non_renewal,
    "flawed-notice-misses-non-renewal": (p) => p.notice_wrong < p.non_renewal,
  },
});
