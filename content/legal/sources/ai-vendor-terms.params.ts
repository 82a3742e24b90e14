// Parameters of the AI-system schedule: the vendor, the insurer deploying its underwriting
// assistant, and every period, threshold and figure (log retention, model-change notice, loading
// threshold, incident notice, data-misuse cap). The flawed cap figure, threshold and periods are
// computed from the clean ones. The high-risk use (life and health insurance) stays fixed: the
// Annex III point, Article 27 and the notes depend on it.
import { defineParams } from "~/domain/content/param-kit";

const VENDORS = [
  { full: "Lumora AI, Inc.", short: "Lumora", state: "Delaware" },
  { full: "Cadence Risk Intelligence, Inc.", short: "Cadence", state: "Delaware" },
  { full: "Veritas Underwriting Labs, Inc.", short: "Veritas", state: "California" },
  { full: "Northstar Actuarial AI Ltd", short: "Northstar", state: "England and Wales" },
];
const INSURERS = [
  { full: "Halden Mutual Insurance DAC", short: "Halden", country: "Ireland" },
  { full: "Arvensis Lebensversicherung AG", short: "Arvensis", country: "Germany" },
  { full: "Coral Vida Seguros S.A.", short: "Coral Vida", country: "Spain" },
  { full: "Meridiaan Leven N.V.", short: "Meridiaan", country: "the Netherlands" },
  { full: "Saint-Aubin Prévoyance SA", short: "Saint-Aubin", country: "France" },
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export default defineParams({
  draw(k) {
    const v = k.pick(VENDORS);
    const c = k.pick(INSURERS);
    const logMonths = k.pick([12, 18, 24]);
    const loading = k.pick([20, 25, 30]);
    const notice = k.pick([45, 60, 90]);
    const hours = k.pick([24, 48, 72]);
    const multiple = k.pick([2, 3, 4]);
    const oldMonths = k.pick([6, 9, 12]);
    const fees = k.step(200_000, 900_000, 50_000);
    const cap = multiple * fees;
    const capWrong = cap - 100_000;
    return {
      v_full: v.full, v: v.short, v_state: v.state,
      c_full: c.full, c: c.short, c_country: c.country,
      return_days: k.pick([30, 45, 60]),
      log_months: logMonths, log_months_w: k.words(logMonths),
      access_days: k.pick([5, 10]),
      loading, loading_w: k.words(loading), loading_wrong: loading * 2, loading_wrong_w: k.words(loading * 2),
      notice, notice_w: k.words(notice),
      old_months: oldMonths, old_months_w: k.words(oldMonths),
      hours, hours_w: k.words(hours),
      multiple, multiple_w: k.words(multiple),
      fees: k.grouped(fees), cap: k.grouped(cap), cap_wrong: k.grouped(capWrong),
      fees_n: fees, cap_n: cap,
      report_date: `${k.int(2, 27)} ${k.pick(MONTHS)} 2025`,
    };
  },
  relations: {
    "cap-is-the-multiple": (p) => p.cap_n === p.multiple * p.fees_n,
    "logs-beyond-statutory-minimum": (p) => p.log_months >= 6,
  },
});
