// An organisation's settings (decision 105): one row per organisation that changed one, read
// with defaults. Today a single setting: whether the configured model's explanation grade is
// the organisation's automatic explanation grade (mentors still override it).
import type { Database } from "~/db/db.server";
import { InvalidInputError } from "~/domain/errors";

export interface OrganisationSettingsDTO {
  /** The model's grade is the automatic explanation grade of this organisation's attempts. */
  modelGrading: boolean;
  /** The model that grades (from the server's configuration), or null when none is configured. */
  model: string | null;
  updatedAt: string | null;
}

export async function modelGradingOn(db: Database, orgId: string): Promise<boolean> {
  const row = await db.selectFrom("organisation_settings").select("model_grading").where("org_id", "=", orgId).executeTakeFirst();
  return row?.model_grading === 1;
}

export async function organisationSettings(db: Database, orgId: string, model: string | null): Promise<OrganisationSettingsDTO> {
  const row = await db.selectFrom("organisation_settings").select(["model_grading", "updated_at"]).where("org_id", "=", orgId).executeTakeFirst();
  return { modelGrading: row?.model_grading === 1, model, updatedAt: row?.updated_at ?? null };
}

/**
 * Turns model grading on or off for the admin's organisation. Turning it on needs a configured
 * model; turning it off always works. Attempts already graded keep their scores; only attempts
 * submitted while it is on are graded by the model. Saving "on" while it is on keeps the time it
 * was turned on (`model_grading_since`, decision 130), so the restart sweep still finds attempts
 * submitted before the re-save.
 */
export async function setModelGrading(db: Database, admin: { id: string; orgId: string }, on: boolean, model: string | null): Promise<OrganisationSettingsDTO> {
  if (on && !model) {
    throw new InvalidInputError("modelGrading", "Model grading cannot be turned on: no model is configured on this server (set OPENAI_MODEL and OPENAI_BASE_URL or OPENAI_API_KEY).");
  }
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const was = await trx.selectFrom("organisation_settings").select(["model_grading", "model_grading_since"]).where("org_id", "=", admin.orgId).executeTakeFirst();
    const since = !on ? null : was?.model_grading === 1 && was.model_grading_since ? was.model_grading_since : now;
    const values = { model_grading: on ? 1 : 0, model_grading_since: since, updated_at: now, updated_by: admin.id };
    await trx
      .insertInto("organisation_settings")
      .values({ org_id: admin.orgId, ...values })
      .onConflict((oc) => oc.column("org_id").doUpdateSet(values))
      .execute();
  });
  return { modelGrading: on, model, updatedAt: now };
}
