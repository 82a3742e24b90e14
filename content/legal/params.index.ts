// Parameter modules of this pack's parametric sources, by source id. content:check fails when a
// source declares `params:` and is missing here, or when an entry here has no source.
import type { PackParamIndex } from "~/domain/content/param-kit";
import employmentIpConfidentiality from "./sources/employment-ip-confidentiality.params";
import generalProvisions from "./sources/general-provisions.params";
import mutualNda from "./sources/mutual-nda.params";
import msaLiabilityIndemnity from "./sources/msa-liability-indemnity.params";
import saasSubscriptionTerms from "./sources/saas-subscription-terms.params";
import dpaProcessorTerms from "./sources/dpa-processor-terms.params";
import consultingSow from "./sources/consulting-sow.params";
import softwareLicence from "./sources/software-licence.params";
import leaseRider from "./sources/lease-rider.params";
import settlementAgreement from "./sources/settlement-agreement.params";
import supplyAgreement from "./sources/supply-agreement.params";
import spaWarranties from "./sources/spa-warranties.params";
import aiVendorTerms from "./sources/ai-vendor-terms.params";
import liabilityCapMemo from "./sources/liability-cap-memo.params";

export default {
  "employment-ip-confidentiality": employmentIpConfidentiality,
  "general-provisions": generalProvisions,
  "mutual-nda": mutualNda,
  "msa-liability-indemnity": msaLiabilityIndemnity,
  "saas-subscription-terms": saasSubscriptionTerms,
  "dpa-processor-terms": dpaProcessorTerms,
  "consulting-sow": consultingSow,
  "software-licence": softwareLicence,
  "lease-rider": leaseRider,
  "settlement-agreement": settlementAgreement,
  "supply-agreement": supplyAgreement,
  "spa-warranties": spaWarranties,
  "ai-vendor-terms": aiVendorTerms,
  "liability-cap-memo": liabilityCapMemo,
} satisfies PackParamIndex;
