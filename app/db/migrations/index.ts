import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_accounts";
import * as m0002 from "./0002_practice";
import * as m0003 from "./0003_reviews";
import * as m0004 from "./0004_generation";
import * as m0005 from "./0005_dashboard_indexes";
import * as m0006 from "./0006_finding_suggestions";
import * as m0007 from "./0007_integrity";
import * as m0008 from "./0008_programs";
import * as m0009 from "./0009_mastery_notifications";
import * as m0010 from "./0010_scoring";
import * as m0011 from "./0011_draft_fingerprints";
import * as m0013 from "./0013_matcher_overlay";
import * as m0014 from "./0014_review_category_cohort_dates";
import * as m0016 from "./0016_invite_details";
import * as m0017 from "./0017_organisation_settings";
import * as m0018 from "./0018_drop_login_failures";
import * as m0019 from "./0019_matcher_overlay_org";
import * as m0020 from "./0020_discarded_hints";
import * as m0021 from "./0021_model_grading_since";
import * as m0022 from "./0022_overlay_versions_per_org";

// Static index: bundlers and the classic compiler see every migration; no filesystem scan.
export const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_practice": m0002,
  "0003_reviews": m0003,
  "0004_generation": m0004,
  "0005_dashboard_indexes": m0005,
  "0006_finding_suggestions": m0006,
  "0007_integrity": m0007,
  "0008_programs": m0008,
  "0009_mastery_notifications": m0009,
  "0010_scoring": m0010,
  "0011_draft_fingerprints": m0011,
  "0013_matcher_overlay": m0013,
  "0014_review_category_cohort_dates": m0014,
  "0016_invite_details": m0016,
  "0017_organisation_settings": m0017,
  "0018_drop_login_failures": m0018,
  "0019_matcher_overlay_org": m0019,
  "0020_discarded_hints": m0020,
  "0021_model_grading_since": m0021,
  "0022_overlay_versions_per_org": m0022,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
