import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { hashPassword, randomToken, sha256 } from "~/utils/password.server";
import { findUserByEmail, normaliseEmail, type UserDTO } from "./user.server";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function createInvite(
  db: Database,
  input: { orgId: string; email: string; role: Role; invitedBy: string },
): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS).toISOString();
  await db
    .insertInto("invites")
    .values({
      id: crypto.randomUUID(),
      token_hash: sha256(token),
      org_id: input.orgId,
      email: normaliseEmail(input.email),
      role: input.role,
      invited_by: input.invitedBy,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      accepted_at: null,
    })
    .execute();
  return { token, expiresAt };
}

/**
 * An admin's invite. Only an account in the admin's own organisation is refused; an account in
 * another organisation is not revealed (the invite is made as usual, and the address's owner is
 * told to sign in when they open it).
 */
export async function inviteToOrganisation(
  db: Database,
  input: { orgId: string; email: string; role: Role; invitedBy: string },
): Promise<{ ok: true; token: string; expiresAt: string } | { ok: false; error: string }> {
  const existing = await findUserByEmail(db, input.email);
  if (existing?.orgId === input.orgId) return { ok: false, error: "Someone in your organisation already has an account with this email." };
  return { ok: true, ...(await createInvite(db, input)) };
}

export type InviteLookup =
  | { ok: true; email: string; role: Role }
  | { ok: false; reason: "unknown" | "expired" | "used" };

export async function lookupInvite(db: Database, token: string): Promise<InviteLookup> {
  const row = await db
    .selectFrom("invites")
    .select(["email", "role", "expires_at", "accepted_at"])
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  if (row.accepted_at) return { ok: false, reason: "used" };
  if (row.expires_at < new Date().toISOString()) return { ok: false, reason: "expired" };
  return { ok: true, email: row.email, role: row.role };
}

export type AcceptResult = { ok: true; user: UserDTO } | { ok: false; reason: "unknown" | "expired" | "used" | "email-taken" };

/** Single use: the invite is claimed and the user created in one transaction. */
export async function acceptInvite(db: Database, token: string, input: { name: string; password: string }): Promise<AcceptResult> {
  const passwordHash = await hashPassword(input.password); // slow KDF outside the transaction
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const invite = await trx
      .selectFrom("invites")
      .selectAll()
      .where("token_hash", "=", sha256(token))
      .executeTakeFirst();
    if (!invite) return { ok: false, reason: "unknown" } as const;
    if (invite.accepted_at) return { ok: false, reason: "used" } as const;
    if (invite.expires_at < now) return { ok: false, reason: "expired" } as const;
    const taken = await trx.selectFrom("users").select("id").where("email", "=", invite.email).executeTakeFirst();
    if (taken) return { ok: false, reason: "email-taken" } as const;
    const claimed = await trx
      .updateTable("invites")
      .set({ accepted_at: now })
      .where("id", "=", invite.id)
      .where("accepted_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return { ok: false, reason: "used" } as const;
    const id = crypto.randomUUID();
    await trx
      .insertInto("users")
      .values({
        id,
        org_id: invite.org_id,
        email: invite.email,
        name: input.name.trim(),
        role: invite.role,
        password_hash: passwordHash,
        disabled_at: null,
        created_at: now,
        last_active_at: null,
      })
      .execute();
    const user: UserDTO = { id, orgId: invite.org_id, email: invite.email, name: input.name.trim(), role: invite.role, disabled: false };
    return { ok: true, user } as const;
  });
}

export async function listInvites(db: Database, orgId: string) {
  return db
    .selectFrom("invites")
    .select(["id", "email", "role", "created_at", "expires_at", "accepted_at"])
    .where("org_id", "=", orgId)
    .orderBy("created_at", "desc")
    .limit(50)
    .execute();
}
