// Parameter modules of this pack's parametric sources, by source id. content:check fails when a
// source declares `params:` and is missing here, or when an entry here has no source.
import type { PackParamIndex } from "~/domain/content/param-kit";
import agentRunOrders from "./sources/agent-run-orders.params";
import csvImport from "./sources/csv-import.params";
import dateRange from "./sources/date-range.params";
import featureFlags from "./sources/feature-flags.params";
import fileRoutes from "./sources/file-routes.params";
import gitHistory from "./sources/git-history.params";
import listOrders from "./sources/list-orders.params";
import money from "./sources/money.params";
import outboundWebhooks from "./sources/outbound-webhooks.params";
import paymentWebhook from "./sources/payment-webhook.params";
import prInvoicePagination from "./sources/pr-invoice-pagination.params";
import rateLimiterTest from "./sources/rate-limiter-test.params";
import retryFetch from "./sources/retry-fetch.params";
import ttlCache from "./sources/ttl-cache.params";

export default {
  "agent-run-orders": agentRunOrders,
  "csv-import": csvImport,
  "date-range": dateRange,
  "feature-flags": featureFlags,
  "file-routes": fileRoutes,
  "git-history": gitHistory,
  "list-orders": listOrders,
  money,
  "outbound-webhooks": outboundWebhooks,
  "payment-webhook": paymentWebhook,
  "pr-invoice-pagination": prInvoicePagination,
  "rate-limiter-test": rateLimiterTest,
  "retry-fetch": retryFetch,
  "ttl-cache": ttlCache,
} satisfies PackParamIndex;
