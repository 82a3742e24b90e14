// Parameters of the mutual NDA: the English and the US party, what the talks are about, and every
// period (return deadline, term, early-termination notice, survival). Flawed periods are computed
// from the clean ones so the answer key always names the right gap.
import { defineParams } from "~/domain/content/param-kit";

const PURPOSES = [
  { purpose: "evaluate a possible integration of their respective products", brief: "a possible integration of their products", topic: "a product-integration discussion", info: "product roadmaps, source code, pricing and customer information", secret: "source code" },
  { purpose: "evaluate a possible reseller arrangement for each other's services", brief: "a possible reseller arrangement", topic: "reseller talks", info: "pricing, margins, sales pipelines and customer information", secret: "pricing models" },
  { purpose: "evaluate a possible joint bid for a public-sector contract", brief: "a possible joint bid for a public-sector contract", topic: "a joint public-sector bid", info: "bid pricing, technical designs, staffing plans and subcontractor terms", secret: "technical designs" },
  { purpose: "evaluate a possible licence of one Party's technology to the other", brief: "a possible technology licence", topic: "technology licence talks", info: "source code, algorithms, test data and licensing terms", secret: "algorithms" },
  { purpose: "evaluate a possible acquisition of a minority stake in one Party by the other", brief: "a possible minority investment", topic: "minority investment talks", info: "financial statements, business plans, cap tables and customer information", secret: "business plans" },
];

export default defineParams({
  draw(k) {
    const uk = k.company();
    const us = k.company([uk]);
    const p = k.pick(PURPOSES);
    const returnDays = k.pick([10, 14, 15, 20, 30]);
    const returnWrong = returnDays * 3;
    const termYears = k.pick([1, 2, 3]);
    const noticeDays = k.pick([14, 30, 60, 90]);
    const survivalYears = k.pick([2, 3, 4, 5]);
    const lateDays = k.pick([5, 7, 10, 14]);
    return {
      a_full: `${uk} ${k.pick(["Ltd", "Limited"])}`,
      a: uk,
      b_full: `${us} ${k.pick(["Inc.", "Corp.", "Inc."])}`,
      b: us,
      b_state: k.pick(["Delaware", "Delaware", "California", "New York", "Washington", "Texas"]),
      purpose: p.purpose,
      purpose_brief: p.brief,
      topic: p.topic,
      info: p.info,
      secret: p.secret,
      return_days: returnDays,
      return_days_w: k.words(returnDays),
      return_wrong: returnWrong,
      return_wrong_w: k.words(returnWrong),
      term_years: termYears,
      term_years_w: k.words(termYears),
      term_unit: termYears === 1 ? "year" : "years",
      term_span: termYears === 1 ? "one-year" : `${k.words(termYears)}-year`,
      notice_days: noticeDays,
      notice_days_w: k.words(noticeDays),
      survival_years: survivalYears,
      survival_years_w: k.words(survivalYears),
      survival_gap_w: k.words(survivalYears - 1),
      survival_gap_unit: survivalYears - 1 === 1 ? "year" : "years",
      late_days: lateDays,
      late_days_w: k.words(lateDays),
    };
  },
  relations: {
    "return-flaw-is-longer": (p) => p.return_wrong > p.return_days,
    "survival-flaw-is-shorter": (p) => p.survival_years > 1,
  },
});
