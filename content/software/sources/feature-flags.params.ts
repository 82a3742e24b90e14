// Parameters of the feature-flag evaluator: the product, who flags are evaluated for, the
// targeting attribute, the names, and the worked example in the notes (its last bucket is
// computed from the percentage).
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [subject, subjectType] = k.pick([
      ["user", "FlagUser"],
      ["account", "FlagAccount"],
      ["workspace", "FlagWorkspace"],
      ["tenant", "FlagTenant"],
    ]);
    const [attr, attrValue, otherValue] = k.pick([
      ["country", "DE", "FR"],
      ["plan", "enterprise", "starter"],
      ["region", "eu-west", "us-east"],
      ["tier", "gold", "silver"],
    ]);
    const pct = k.pick([0.5, 1, 2.5, 5, 10, 12.5, 20, 25, 33.33, 50]);
    const bps = Math.round(pct * 100);
    const half = k.pick([12.5, 2.5, 0.5, 37.5]);
    return {
      fn: k.pick(["isEnabled", "evaluateFlag", "isFeatureOn", "flagEnabledFor"]),
      flag_type: k.pick(["FeatureFlag", "FlagConfig", "FlagDefinition"]),
      subject,
      subject_type: subjectType,
      attr,
      attr_value: attrValue,
      other_value: otherValue,
      product: k.pick(["checkout", "mobile app", "admin console", "billing portal", "search service"]),
      example_key: k.pick(["new-checkout", "fast-search", "bulk-export", "dark-mode", "smart-invoices", "v2-pricing"]),
      example_pct: pct,
      example_last: bps - 1,
      buckets_fmt: "10,000",
      half_pct: half,
      half_bps: half * 100,
      half_wrong_bps: Math.round(half) * 100,
    };
  },
  relations: {
    "example-bucket-range": (p) => p.example_last === Math.round(p.example_pct * 100) - 1,
  },
});
