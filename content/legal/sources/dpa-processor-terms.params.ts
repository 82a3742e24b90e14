// Parameters of the GDPR Article 28 processor terms: the health-sector controller, the processor
// and its platform, the governing law and every deadline. The flawed breach deadline is the
// controller's own 72 hours, always longer than the processor's.
import { defineParams } from "~/domain/content/param-kit";

const CONTROLLERS = [
  { full: "Maris Health Clinics B.V.", short: "Maris" },
  { full: "Velden Physiotherapie GmbH", short: "Velden" },
  { full: "Clairval Diagnostics SAS", short: "Clairval" },
  { full: "Nordlys Tandklinik ApS", short: "Nordlys" },
  { full: "Santa Lucia Cliniche S.r.l.", short: "Santa Lucia" },
];
const PROCESSORS = [
  { full: "Lumen Scheduling Limited", short: "Lumen", platform: "appointment-booking platform" },
  { full: "Parley Messaging Limited", short: "Parley", platform: "patient-messaging service" },
  { full: "Tessera Telehealth Limited", short: "Tessera", platform: "video-consultation platform" },
  { full: "Arclight Records Limited", short: "Arclight", platform: "results-portal service" },
];

export default defineParams({
  draw(k) {
    const c = k.pick(CONTROLLERS);
    const p = k.pick(PROCESSORS);
    const subNotice = k.pick([14, 30, 45]);
    const dsrDays = k.pick([3, 5, 7]);
    const breachHours = k.pick([24, 36, 48]);
    const deletionDays = k.pick([30, 60, 90]);
    const auditNotice = k.pick([14, 30, 45]);
    return {
      c_full: c.full, c: c.short,
      p_full: p.full, p: p.short, platform: p.platform,
      law: k.pick(["Irish", "Irish", "Dutch", "Belgian"]),
      sub_notice: subNotice, sub_notice_w: k.words(subNotice),
      dsr_days: dsrDays, dsr_days_w: k.words(dsrDays),
      breach_hours: breachHours, breach_hours_w: k.words(breachHours),
      breach_wrong: 72, breach_wrong_w: k.words(72),
      deletion_days: deletionDays, deletion_days_w: k.words(deletionDays),
      audit_notice: auditNotice, audit_notice_w: k.words(auditNotice),
    };
  },
  relations: {
    "processor-deadline-inside-controller-deadline": (p) => p.breach_hours < p.breach_wrong,
  },
});
