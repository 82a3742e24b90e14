// /admin/programs/progress.csv — program progress per trainee, for a firm's records.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { toCsv } from "~/domain/stats/csv";
import { programOverview } from "~/models/program-progress.server";
import { requireRole } from "~/models/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const rows = await programOverview(db(), admin);
  const csv = toCsv(
    ["trainee", "cohort", "program", "modules_completed", "modules", "current_module", "status", "pass_rule", "due", "overdue", "certificate_url"],
    rows.map((r) => [r.trainee, r.cohort, r.program, r.completed, r.modules, r.module ?? "", r.state, r.rule, r.dueAt ?? "", r.overdue ? "yes" : "no", r.certificateId ? `${new URL(request.url).origin}/certificates/${r.certificateId}` : ""]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": 'attachment; filename="program-progress.csv"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
