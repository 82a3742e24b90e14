// Parameters of the employment IP/confidentiality section: who is hired, where, for what work,
// the section number and every period. The flawed periods are computed to differ from the clean ones.
import { defineParams } from "~/domain/content/param-kit";

const EMPLOYERS = [
  { company: "Tallis Robotics, Inc.", industry: "robotics", field: "robotics firmware", role: "senior firmware engineer" },
  { company: "Corvid Imaging, Inc.", industry: "medical imaging", field: "imaging software", role: "staff software engineer" },
  { company: "Larkspur Energy Systems, Inc.", industry: "battery storage", field: "battery management systems", role: "senior embedded engineer" },
  { company: "Quillon Data, Inc.", industry: "data infrastructure", field: "database engines", role: "principal database engineer" },
  { company: "Sable Autonomy, Inc.", industry: "autonomous vehicles", field: "perception software", role: "machine-learning engineer" },
  { company: "Meridian Payments, Inc.", industry: "payment processing", field: "payment risk systems", role: "senior backend engineer" },
];

export default defineParams({
  draw(k) {
    const employer = k.pick(EMPLOYERS);
    const confYears = k.pick([3, 4, 5, 7]);
    const shortYears = confYears - k.int(2, Math.min(3, confYears - 1));
    const returnDays = k.pick([5, 7, 10]);
    const ncMonths = k.pick([6, 12, 18, 24]);
    return {
      ...employer,
      employee: k.person(),
      city: k.pick(["San Jose", "Palo Alto", "Oakland", "Sunnyvale", "San Diego", "Irvine", "Santa Clara"]),
      s: k.pick([6, 7, 8, 9]),
      conf_years: confYears,
      conf_years_w: k.words(confYears),
      short_years: shortYears,
      short_years_w: k.words(shortYears),
      gap_years_w: k.words(confYears - shortYears),
      return_days: returnDays,
      return_days_w: k.words(returnDays),
      nc_months: ncMonths,
      nc_months_w: k.words(ncMonths),
    };
  },
  relations: {
    "tail-is-shorter": (p) => p.short_years >= 1 && p.short_years < p.conf_years,
  },
});
