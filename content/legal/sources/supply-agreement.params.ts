// Parameters of the cross-border supply terms: the Canadian supplier, the US buyer and its plant,
// the part supplied, lead time, liquidated-damages rate and cap, cancellation point, warranty and
// force-majeure termination periods. New York law stays (the 5-1401 and CISG notes depend on it);
// the flawed lead time is computed from the clean one.
import { defineParams } from "~/domain/content/param-kit";

const SUPPLIERS = [
  { full: "Larchmont Precision Castings Ltd.", short: "Larchmont", province: "Ontario", city: "Windsor, Ontario" },
  { full: "Beaumont Foundry Inc.", short: "Beaumont", province: "Quebec", city: "Drummondville, Quebec" },
  { full: "Norquay Metalworks Ltd.", short: "Norquay", province: "Ontario", city: "Hamilton, Ontario" },
  { full: "Fraser Valley Machining Ltd.", short: "Fraser Valley", province: "British Columbia", city: "Abbotsford, British Columbia" },
];
const BUYERS = [
  { full: "Tidewater Marine Systems, LLC", short: "Tidewater", state: "Virginia", town: "Norfolk", address: "1400 Harbor Road, Norfolk, Virginia" },
  { full: "Cumberland Fluid Power, LLC", short: "Cumberland", state: "Tennessee", town: "Lebanon", address: "2210 Industrial Parkway, Lebanon, Tennessee" },
  { full: "Brazos Irrigation Systems, LLC", short: "Brazos", state: "Texas", town: "Waco", address: "850 Mill Road, Waco, Texas" },
  { full: "Keystone Compressor Works, LLC", short: "Keystone", state: "Pennsylvania", town: "York", address: "75 Foundry Street, York, Pennsylvania" },
];
const PARTS = [
  { title: "Pump Housings", brief: "aluminium pump housings", short: "housings", subst: "castings" },
  { title: "Valve Bodies", brief: "ductile-iron valve bodies", short: "valve bodies", subst: "valve bodies" },
  { title: "Gearbox Housings", brief: "aluminium gearbox housings", short: "housings", subst: "castings" },
  { title: "Machined Impellers", brief: "machined bronze impellers", short: "impellers", subst: "impellers" },
];
const RATES = [
  { pct: 0.5, words: "one half of one percent", cap: 10 },
  { pct: 0.5, words: "one half of one percent", cap: 7.5 },
  { pct: 1, words: "one percent", cap: 10 },
  { pct: 1, words: "one percent", cap: 15 },
];

export default defineParams({
  draw(k) {
    const s = k.pick(SUPPLIERS);
    const b = k.pick(BUYERS);
    const p = k.pick(PARTS);
    const r = k.pick(RATES);
    const lead = k.pick([6, 8, 10, 12]);
    const warranty = k.pick([12, 18, 24, 36]);
    const cancel = k.pick([4, 6]);
    const fmDays = k.pick([60, 90, 120]);
    return {
      s_full: s.full, s: s.short, province: s.province, s_city: s.city,
      b_full: b.full, b: b.short, state: b.state, town: b.town, address: b.address,
      part: p.title, part_brief: p.brief, part_short: p.short, subst: p.subst,
      rate: r.pct, rate_w: r.words, cap: r.cap, cap_w: r.cap === 7.5 ? "seven and one half percent" : `${k.words(r.cap)} percent`,
      lead, lead_w: k.words(lead), lead_wrong: lead + 2, lead_wrong_w: k.words(lead + 2),
      warranty, warranty_w: k.words(warranty),
      cancel, cancel_w: k.words(cancel),
      fm_days: fmDays, fm_days_w: k.words(fmDays),
    };
  },
  relations: {
    "flawed-rate-is-lower": (p) => p.rate > 0.1,
    "cap-reached-after-cancellation-point": (p) => p.cap / p.rate > p.cancel,
  },
});
