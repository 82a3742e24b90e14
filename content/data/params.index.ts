// Parameter modules of this pack's parametric sources, by source id. content:check fails when a
// source declares `params:` and is missing here, or when an entry here has no source.
import type { PackParamIndex } from "~/domain/content/param-kit";
import billingMigrationRunReport from "./sources/billing-migration-run-report.params";
import erasureJob from "./sources/erasure-job.params";
import merchantDailyNet from "./sources/merchant-daily-net.params";
import mergeDuplicateCustomers from "./sources/merge-duplicate-customers.params";
import monthlyRevenue from "./sources/monthly-revenue.params";
import mrrMovements from "./sources/mrr-movements.params";
import ordersCouponsMigration from "./sources/orders-coupons-migration.params";
import ordersSchema from "./sources/orders-schema.params";
import receivablesAgeing from "./sources/receivables-ageing.params";
import retentionCohorts from "./sources/retention-cohorts.params";
import signupFunnel from "./sources/signup-funnel.params";
import subjectAccessExport from "./sources/subject-access-export.params";
import topCustomers from "./sources/top-customers.params";
import usersEmailNormalized from "./sources/users-email-normalized.params";

export default {
  "billing-migration-run-report": billingMigrationRunReport,
  "erasure-job": erasureJob,
  "merchant-daily-net": merchantDailyNet,
  "merge-duplicate-customers": mergeDuplicateCustomers,
  "monthly-revenue": monthlyRevenue,
  "mrr-movements": mrrMovements,
  "orders-coupons-migration": ordersCouponsMigration,
  "orders-schema": ordersSchema,
  "receivables-ageing": receivablesAgeing,
  "retention-cohorts": retentionCohorts,
  "signup-funnel": signupFunnel,
  "subject-access-export": subjectAccessExport,
  "top-customers": topCustomers,
  "users-email-normalized": usersEmailNormalized,
} satisfies PackParamIndex;
