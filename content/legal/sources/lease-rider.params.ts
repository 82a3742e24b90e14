// Parameters of the commercial lease rider: premises, landlord and tenant, term and break/review
// year, rent, break notice and the contracting-out dates (notice 30 days and declaration 13 days
// before the term starts). The flawed instalment and notice period are computed from the clean ones.
import { defineParams } from "~/domain/content/param-kit";

const PREMISES = [
  { unit: "Unit 4, Ferrier Court", city: "Leeds" },
  { unit: "Unit 12, Tanner's Yard", city: "Sheffield" },
  { unit: "Suite 3B, Albion Works", city: "Manchester" },
  { unit: "Unit 7, Harbourside Quay", city: "Bristol" },
  { unit: "Second Floor, 18 Colmore Row", city: "Birmingham" },
  { unit: "Unit 2, Foundry Lane", city: "Nottingham" },
];
const LANDLORDS = ["Calder Vale Estates Limited", "Pennant Property Holdings Limited", "Greyfriars Investments Limited", "Mercia Real Estate Limited"];
const TENANTS = [
  { full: "Moorhen Studios Limited", short: "Moorhen" },
  { full: "Blackthorn Games Limited", short: "Blackthorn" },
  { full: "Fieldfare Architects Limited", short: "Fieldfare" },
  { full: "Larkrise Biotech Limited", short: "Larkrise" },
  { full: "Sandpiper Media Limited", short: "Sandpiper" },
];

export default defineParams({
  draw(k) {
    const pr = k.pick(PREMISES);
    const t = k.pick(TENANTS);
    const half = k.pick([3, 4, 5]);
    const term = half * 2;
    const year = k.pick([2025, 2026]);
    const month = k.pick(["03", "06", "09", "12", "01", "04", "07", "10"]);
    const start = `${year}-${month}-01`;
    const review = `${year + half}-${month}-01`;
    const breakDate = k.addDays(review, -1);
    const rent = k.step(40_000, 240_000, 4_000);
    const q = rent / 4;
    const notice = k.pick([3, 6]);
    return {
      unit: pr.unit, city: pr.city,
      landlord: k.pick(LANDLORDS),
      t_full: t.full, t: t.short,
      term, term_w: k.words(term),
      remain_w: k.words(half), remain: half,
      start: k.formatDate(start), review: k.formatDate(review), break_date: k.formatDate(breakDate),
      notice_served: k.formatDate(k.addDays(start, -30)),
      declaration: k.formatDate(k.addDays(start, -13)),
      rent: k.grouped(rent), rent_n: rent,
      q: k.grouped(q), q_n: q,
      q_wrong: k.grouped(q + 1_000),
      rent_wrong: k.grouped(rent + 4_000),
      notice, notice_w: k.words(notice),
      notice_wrong: notice * 2, notice_wrong_w: k.words(notice * 2),
    };
  },
  relations: {
    "instalments-foot": (p) => p.q_n * 4 === p.rent_n,
    "break-before-review": (p) => p.remain * 2 === p.term,
  },
});
