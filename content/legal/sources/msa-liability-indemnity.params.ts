// Parameters of the MSA indemnity and liability sections: supplier, customer (and the data it
// entrusts), the cap look-back, the data-protection multiple, insurance limits and tail. The flawed
// look-back and multiple are computed from the clean ones.
import { defineParams } from "~/domain/content/param-kit";

const SUPPLIERS = [
  { full: "Kestrel Cloud Services, Inc.", short: "Kestrel" },
  { full: "Arden Hosting, Inc.", short: "Arden" },
  { full: "Polaris Data Systems, Inc.", short: "Polaris" },
  { full: "Vireo Cloud Platforms, Inc.", short: "Vireo" },
  { full: "Stratton Managed Services, Inc.", short: "Stratton" },
];
const CUSTOMERS = [
  { full: "Brightwater Retail Group, LLC", short: "Brightwater", kind: "a retailer", data: "customer data" },
  { full: "Halcyon Health Partners, LLC", short: "Halcyon", kind: "a healthcare group", data: "patient data" },
  { full: "Norcross Insurance Holdings, LLC", short: "Norcross", kind: "an insurer", data: "policyholder data" },
  { full: "Tamarack Logistics, LLC", short: "Tamarack", kind: "a logistics company", data: "shipper and consignee data" },
  { full: "Larchmont Hotels Group, LLC", short: "Larchmont", kind: "a hotel group", data: "guest and payment data" },
];
const FRACTION: Record<number, string> = { 2: "half", 3: "a third", 4: "a quarter", 5: "a fifth" };

export default defineParams({
  draw(k) {
    const s = k.pick(SUPPLIERS);
    const c = k.pick(CUSTOMERS);
    const lookback = k.pick([12, 12, 24]);
    const lookbackWrong = lookback / 4;
    const multiple = k.pick([2, 3, 4, 5]);
    const multipleWrong = multiple - 1;
    const cglM = k.pick([1, 2, 5]);
    const eoM = k.pick([5, 10, 15, 20]);
    const tail = k.pick([2, 3, 5]);
    return {
      s_full: s.full, s: s.short,
      c_full: c.full, c: c.short, c_kind: c.kind, c_data: c.data,
      lookback, lookback_w: k.words(lookback),
      lookback_wrong: lookbackWrong, lookback_wrong_w: k.words(lookbackWrong),
      multiple, multiple_w: k.words(multiple),
      multiple_wrong: multipleWrong, multiple_wrong_w: k.words(multipleWrong),
      multiple_lost: FRACTION[multiple],
      cgl_m: cglM, cgl: k.grouped(cglM * 1_000_000),
      eo_m: eoM, eo: k.grouped(eoM * 1_000_000),
      tail, tail_w: k.words(tail),
    };
  },
  relations: {
    "look-back-flaw-is-a-quarter": (p) => p.lookback_wrong * 4 === p.lookback,
    "multiple-flaw-is-lower": (p) => p.multiple_wrong >= 1 && p.multiple_wrong < p.multiple,
  },
});
