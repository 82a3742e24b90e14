// Parameters of outbound webhook delivery: the sending service, the signature header, the
// replay tolerance, the delivery deadline and the default fan-out concurrency. The replay window
// of the seconds/milliseconds flaw is computed from the tolerance.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const tolMin = k.pick([3, 5, 10]);
    const tolS = tolMin * 60;
    const timeoutS = k.pick([5, 8, 10, 15, 30]);
    return {
      service: k.pick(["order service", "billing platform", "shipping API", "HR system", "inventory service", "CRM"]),
      header: k.pick(["x-webhook-signature", "x-signature", "x-hub-signature", "x-event-signature"]),
      tol_min: tolMin,
      tol_s: tolS,
      tol_wrong_s: k.grouped(tolS * 1000, 0),
      tol_wrong_days: k.round((tolS * 1000) / 86_400, 1),
      timeout_s: timeoutS,
      timeout_ms: `${timeoutS}_000`,
      concurrency: k.pick([2, 4, 5, 8]),
    };
  },
  relations: {
    "replay-window-in-days": (p) => Math.abs(p.tol_wrong_days * 86_400 - p.tol_s * 1000) < 86_400 * 0.05,
  },
});
