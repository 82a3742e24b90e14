// /mentor/export/attempts.csv | findings.csv | reviews.csv — a resource route streaming CSV with
// the dashboard's filters (cohort, domain, trainee, from, to) applied and the same scoping.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { db } from "~/db/db.server";
import { CSV_BOM } from "~/domain/stats/csv";
import { domainCall, filtersFromRequest } from "~/utils/http.server";
import { EXPORT_KINDS, prepareExport } from "~/models/export.server";
import { requireRole } from "~/models/auth.server";

const Kind = z.enum(EXPORT_KINDS);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "mentor", "admin");
  const kind = Kind.safeParse(params.kind);
  if (!kind.success) throw new Response(`Unknown export "${params.kind}". Choose attempts, findings or reviews.`, { status: 404 });
  const filters = filtersFromRequest(request);
  const { fileName, chunks } = await domainCall(() => prepareExport(db(), user, kind.data, filters));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM));
    },
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
