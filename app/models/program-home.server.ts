// DTOs for the trainee home's program and mastery panels: only what the screen shows.
import type { Database } from "~/db/db.server";
import type { MasteryDTO, ProgramDTO } from "~/components/ProgramPanel";
import { categoryName } from "./content.server";
import { masteryOverview } from "./mastery.server";
import type { ModuleProgress } from "~/domain/programs/progress";
import { traineePrograms } from "./program-progress.server";

/** One module as the home panel shows it: no rule text while it is locked. */
function moduleDTO(m: ModuleProgress): ProgramDTO["modules"][number] {
  const { module, completion } = m;
  return {
    key: module.key,
    title: module.title,
    domains: module.domains,
    focus: module.focusCategories.map((c) => categoryName(c)),
    state: m.state,
    dueAt: m.dueAt,
    overdue: m.overdue,
    dueSoon: m.dueSoon,
    rule: m.state === "locked" ? "" : m.rule.summary,
    submitted: m.rule.submitted,
    required: module.drafts,
    note: completion?.note ?? null,
    returned: completion?.status === "returned",
  };
}

export async function traineeHome(db: Database, userId: string): Promise<{ programs: ProgramDTO[]; mastery: MasteryDTO[] }> {
  const [programs, mastery] = await Promise.all([traineePrograms(db, userId), masteryOverview(db, userId)]);
  const programDTO = (p: (typeof programs)[number]): ProgramDTO => ({ programId: p.programId, name: p.name, description: p.description, certificateId: p.certificateId, modules: p.modules.map(moduleDTO) });
  return {
    programs: programs.map(programDTO),
    mastery: mastery.map((m) => ({ key: m.key, domain: m.domain, name: m.name, percent: m.percent, evidence: m.evidence, due: m.due })),
  };
}
