// Parameters of the cache: its class name, the service that uses it and what it caches, and the
// sizing in the usage note.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const cls = k.pick(["TtlCache", "ExpiringCache", "LruTtlCache", "MemoCache"]);
    const [consumer, what, vtype, falsy] = k.pick([
      ["API gateway", "upstream token lookups", "TokenInfo | null", "a lookup that found no token (null)"],
      ["pricing service", "tax-rate lookups", "number", "a tax rate of 0"],
      ["feature-flag client", "flag evaluations", "boolean", "a flag that is false"],
      ["search frontend", "query suggestions", "string", "an empty suggestion ''"],
      ["inventory service", "stock counts", "number", "a stock count of 0"],
      ["session middleware", "session lookups", "Session | null", "a session lookup that found nothing (null)"],
    ]);
    return {
      cls,
      consumer,
      what,
      vtype,
      falsy,
      ttl: k.pick(["5_000", "15_000", "30_000", "60_000", "300_000"]),
      maxn: k.pick(["100", "256", "500", "1_000", "10_000"]),
      callers: k.pick([10, 20, 50, 100]),
    };
  },
});
