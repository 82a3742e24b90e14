import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/utils/password.server";

export interface UserDTO {
  id: string;
  orgId: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

export const ROLES: readonly Role[] = ["trainee", "mentor", "admin"];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toDTO(row: { id: string; org_id: string; email: string; name: string; role: Role; disabled_at: string | null }): UserDTO {
  return { id: row.id, orgId: row.org_id, email: row.email, name: row.name, role: row.role, disabled: row.disabled_at !== null };
}

export async function createOrganisation(db: Database, name: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.insertInto("organisations").values({ id, name, created_at: new Date().toISOString() }).execute();
  return id;
}

export async function createUser(
  db: Database,
  input: { orgId: string; email: string; name: string; role: Role; password: string },
): Promise<UserDTO> {
  const id = crypto.randomUUID();
  const row = {
    id,
    org_id: input.orgId,
    email: normaliseEmail(input.email),
    name: input.name.trim(),
    role: input.role,
    password_hash: await hashPassword(input.password),
    disabled_at: null,
    created_at: new Date().toISOString(),
    last_active_at: null,
  };
  await db.insertInto("users").values(row).execute();
  return toDTO(row);
}

export async function findUserByEmail(db: Database, email: string): Promise<UserDTO | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "org_id", "email", "name", "role", "disabled_at"])
    .where("email", "=", normaliseEmail(email))
    .executeTakeFirst();
  return row ? toDTO(row) : null;
}

export type CredentialCheck =
  | { ok: true; user: UserDTO }
  | { ok: false; reason: "invalid" | "disabled" };

/** Checks email + password. Unknown email and wrong password take the same time and answer. */
export async function checkCredentials(db: Database, email: string, password: string): Promise<CredentialCheck> {
  const row = await db
    .selectFrom("users")
    .select(["id", "org_id", "email", "name", "role", "disabled_at", "password_hash"])
    .where("email", "=", normaliseEmail(email))
    .executeTakeFirst();
  const valid = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
  if (!row || !valid) return { ok: false, reason: "invalid" };
  if (row.disabled_at) return { ok: false, reason: "disabled" };
  return { ok: true, user: toDTO(row) };
}

export async function listUsers(db: Database, orgId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "disabled_at", "last_active_at", "created_at"])
    .where("org_id", "=", orgId)
    .orderBy("role")
    .orderBy("name")
    .execute();
}

/** Disabling a user ends every session they have, in the same transaction. */
export async function setUserDisabled(db: Database, orgId: string, userId: string, disabled: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("users")
      .set({ disabled_at: disabled ? new Date().toISOString() : null })
      .where("id", "=", userId)
      .where("org_id", "=", orgId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return false;
    if (disabled) await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    return true;
  });
}

export async function touchUser(db: Database, userId: string): Promise<void> {
  await db.updateTable("users").set({ last_active_at: new Date().toISOString() }).where("id", "=", userId).execute();
}
