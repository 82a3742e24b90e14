// Parameters of the reseller agreement's general provisions: the continental vendor (its country,
// city, language and law), the English reseller, the section number and every period. The flawed
// seat, law, language and long-stop are computed from the same draw.
import { defineParams } from "~/domain/content/param-kit";

const VENDORS = [
  { form: "GmbH", country: "Germany", state: "the Federal Republic of Germany", adj: "German", cities: ["Munich", "Berlin", "Hamburg", "Frankfurt", "Stuttgart"], terms: "German rules on standard business terms" },
  { form: "B.V.", country: "the Netherlands", state: "the Netherlands", adj: "Dutch", cities: ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"], terms: "the Dutch Civil Code's rules on general terms and conditions" },
  { form: "SAS", country: "France", state: "France", adj: "French", cities: ["Paris", "Lyon", "Toulouse", "Grenoble"], terms: "French rules on significant imbalance in standard-form contracts" },
];
const VENDOR_NAMES = ["Vantor Labs", "Kessel Data", "Orbis Mediatech", "Lindwurm Software", "Helix Streaming", "Aurel Imaging"];
const RESELLERS = ["Ashgrove Media", "Pennine Digital", "Calder Systems", "Redbrook Solutions", "Thornbury Networks", "Mersey Cloud"];
const UK_CITIES = ["Manchester", "Leeds", "Bristol", "Birmingham", "Sheffield", "Newcastle"];

/** Numbers as English contracts write them: 180 → "one hundred and eighty". */
function ukWords(k: { words: (n: number) => string }, n: number): string {
  return k.words(n).replace(/hundred (?=\w)/, "hundred and ");
}

const LONG_STOP = [
  { days: 30, wrong: 90, months: "three months" },
  { days: 45, wrong: 120, months: "four months" },
  { days: 60, wrong: 180, months: "six months" },
  { days: 90, wrong: 180, months: "six months" },
];

export default defineParams({
  draw(k) {
    const v = k.pick(VENDORS);
    const vendor = k.pick(VENDOR_NAMES);
    const reseller = k.pick(RESELLERS);
    const ls = k.pick(LONG_STOP);
    const escalation = k.pick([10, 15, 20, 30]);
    return {
      s: k.pick([12, 13, 14, 15, 16, 17]),
      v_full: `${vendor} ${v.form}`,
      v: vendor.split(" ")[0],
      r_full: `${reseller} Limited`,
      r: reseller.split(" ")[0],
      v_city: k.pick(v.cities),
      r_city: k.pick(UK_CITIES),
      v_country: v.country,
      v_state: v.state,
      v_adj: v.adj,
      v_terms: v.terms,
      longstop: ls.days,
      longstop_w: ukWords(k, ls.days),
      longstop_wrong: ls.wrong,
      longstop_wrong_w: ukWords(k, ls.wrong),
      longstop_wrong_months: ls.months,
      escalation,
      escalation_w: ukWords(k, escalation),
    };
  },
  relations: {
    "long-stop-flaw-is-longer": (p) => p.longstop_wrong > p.longstop,
  },
});
