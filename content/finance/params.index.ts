// Parameter modules of this pack's parametric sources, by source id. content:check fails when a
// source declares `params:` and is missing here, or when an entry here has no source.
import type { PackParamIndex } from "~/domain/content/param-kit";
import boardKpiQ3 from "./sources/board-kpi-q3.params";
import covenantCertificateQ3 from "./sources/covenant-certificate-q3.params";
import dcfValuationAtlas from "./sources/dcf-valuation-atlas.params";
import fxExposureUsd from "./sources/fx-exposure-usd.params";
import budgetVarianceQ3 from "./sources/budget-variance-q3.params";
import runwayForecastH2 from "./sources/runway-forecast-h2.params";
import unitEconomicsSmb from "./sources/unit-economics-smb.params";
import pricingChangePro from "./sources/pricing-change-pro.params";
import revenueForecastFy26 from "./sources/revenue-forecast-fy26.params";
import retentionCohortsFy25 from "./sources/retention-cohorts-fy25.params";
import auditDifferencesFy25 from "./sources/audit-differences-fy25.params";
import synergyCaseHeron from "./sources/synergy-case-heron.params";
import peopleCostModelFy26 from "./sources/people-cost-model-fy26.params";
import workingCapitalQ2 from "./sources/working-capital-q2.params";

export default {
  "audit-differences-fy25": auditDifferencesFy25,
  "board-kpi-q3": boardKpiQ3,
  "budget-variance-q3": budgetVarianceQ3,
  "covenant-certificate-q3": covenantCertificateQ3,
  "people-cost-model-fy26": peopleCostModelFy26,
  "dcf-valuation-atlas": dcfValuationAtlas,
  "fx-exposure-usd": fxExposureUsd,
  "pricing-change-pro": pricingChangePro,
  "retention-cohorts-fy25": retentionCohortsFy25,
  "revenue-forecast-fy26": revenueForecastFy26,
  "runway-forecast-h2": runwayForecastH2,
  "synergy-case-heron": synergyCaseHeron,
  "unit-economics-smb": unitEconomicsSmb,
  "working-capital-q2": workingCapitalQ2,
} satisfies PackParamIndex;
