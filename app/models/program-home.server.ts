// DTOs for the trainee home's program and mastery panels: only what the screen shows.
import type { Database } from "~/db/db.server";
import type { MasteryDTO, ProgramDTO } from "~/components/ProgramPanel";
import { categoryName } from "./content.server";
import { masteryOverview } from "./mastery.server";
import { traineePrograms } from "./program-progress.server";

export async function traineeHome(db: Database, userId: string): Promise<{ programs: ProgramDTO[]; mastery: MasteryDTO[] }> {
  const [programs, mastery] = await Promise.all([traineePrograms(db, userId), masteryOverview(db, userId)]);
  return {
    programs: programs.map((p) => ({
      programId: p.programId,
      name: p.name,
      description: p.description,
      certificateId: p.certificateId,
      modules: p.modules.map((m) => ({
        key: m.module.key,
        title: m.module.title,
        domains: m.module.domains,
        focus: m.module.focusCategories.map((c) => categoryName(c)),
        state: m.state,
        dueAt: m.dueAt,
        overdue: m.overdue,
        dueSoon: m.dueSoon,
        rule: m.state === "locked" ? "" : m.rule.summary,
        submitted: m.rule.submitted,
        required: m.module.drafts,
        note: m.completion?.note ?? null,
        returned: m.completion?.status === "returned",
      })),
    })),
    mastery: mastery.map((m) => ({ key: m.key, domain: m.domain, name: m.name, percent: m.percent, evidence: m.evidence, due: m.due })),
  };
}
