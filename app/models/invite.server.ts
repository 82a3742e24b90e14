import crypto from "node:crypto";
import type { Database } from "~/db/db.server";
import type { Role } from "~/db/schema";
import { InvalidInputError, NotFoundError } from "~/domain/errors";
import { hashPassword, randomToken, sha256 } from "~/utils/password.server";
import { findUserByEmail, normaliseEmail, type UserDTO } from "./user.server";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteInput {
  orgId: string;
  email: string;
  role: Role;
  invitedBy: string;
  /** Offered as the name on the join page; the invitee may change it. */
  name?: string;
  /** A cohort of the same organisation the account joins on accepting. */
  cohortId?: string | null;
}

export async function createInvite(db: Database, input: InviteInput): Promise<{ token: string; expiresAt: string }> {
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
      name: input.name?.trim() ?? "",
      cohort_id: input.cohortId ?? null,
      revoked_at: null,
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
  input: InviteInput,
): Promise<{ ok: true; token: string; expiresAt: string } | { ok: false; field: "email" | "cohortId"; error: string }> {
  const existing = await findUserByEmail(db, input.email);
  if (existing?.orgId === input.orgId) return { ok: false, field: "email", error: "Someone in your organisation already has an account with this email." };
  if (input.cohortId) {
    const cohort = await db.selectFrom("cohorts").select("id").where("id", "=", input.cohortId).where("org_id", "=", input.orgId).executeTakeFirst();
    if (!cohort) return { ok: false, field: "cohortId", error: "Choose a cohort of your organisation, or none." };
  }
  return { ok: true, ...(await createInvite(db, input)) };
}

export type InviteLookup =
  | { ok: true; email: string; role: Role; name: string; cohort: string | null }
  | { ok: false; reason: "unknown" | "expired" | "used" | "revoked" };

export async function lookupInvite(db: Database, token: string): Promise<InviteLookup> {
  const row = await db
    .selectFrom("invites")
    .leftJoin("cohorts", "cohorts.id", "invites.cohort_id")
    .select(["invites.email", "invites.role", "invites.expires_at", "invites.accepted_at", "invites.revoked_at", "invites.name", "cohorts.name as cohort"])
    .where("invites.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  if (row.accepted_at) return { ok: false, reason: "used" };
  if (row.revoked_at) return { ok: false, reason: "revoked" };
  if (row.expires_at < new Date().toISOString()) return { ok: false, reason: "expired" };
  return { ok: true, email: row.email, role: row.role, name: row.name, cohort: row.cohort ?? null };
}

export type AcceptResult = { ok: true; user: UserDTO } | { ok: false; reason: "unknown" | "expired" | "used" | "revoked" | "email-taken" };

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
    if (invite.revoked_at) return { ok: false, reason: "revoked" } as const;
    if (invite.expires_at < now) return { ok: false, reason: "expired" } as const;
    const taken = await trx.selectFrom("users").select("id").where("email", "=", invite.email).executeTakeFirst();
    if (taken) return { ok: false, reason: "email-taken" } as const;
    const claimed = await trx
      .updateTable("invites")
      .set({ accepted_at: now })
      .where("id", "=", invite.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
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
    // The cohort chosen at invite time, if it still exists.
    if (invite.cohort_id) {
      const cohort = await trx.selectFrom("cohorts").select("id").where("id", "=", invite.cohort_id).where("org_id", "=", invite.org_id).executeTakeFirst();
      if (cohort) {
        await trx
          .insertInto("cohort_members")
          .values({ cohort_id: cohort.id, user_id: id, member_role: invite.role === "trainee" ? "trainee" : "mentor", added_at: now })
          .execute();
      }
    }
    const user: UserDTO = { id, orgId: invite.org_id, email: invite.email, name: input.name.trim(), role: invite.role, disabled: false };
    return { ok: true, user } as const;
  });
}

export async function listInvites(db: Database, orgId: string) {
  return db
    .selectFrom("invites")
    .leftJoin("cohorts", "cohorts.id", "invites.cohort_id")
    .select(["invites.id", "invites.email", "invites.name", "invites.role", "invites.created_at", "invites.expires_at", "invites.accepted_at", "invites.revoked_at", "cohorts.name as cohort"])
    .where("invites.org_id", "=", orgId)
    .orderBy("invites.created_at", "desc")
    .limit(50)
    .execute();
}

/** An invite of the admin's organisation that has not been used or revoked (it may have expired). */
async function openInvite(db: Database, orgId: string, inviteId: string) {
  const invite = await db.selectFrom("invites").select(["id", "email", "accepted_at", "revoked_at"]).where("id", "=", inviteId).where("org_id", "=", orgId).executeTakeFirst();
  if (!invite) throw new NotFoundError("No such invite in your organisation.");
  if (invite.accepted_at) throw new InvalidInputError("inviteId", `${invite.email} has already accepted this invite.`);
  if (invite.revoked_at) throw new InvalidInputError("inviteId", `The invite for ${invite.email} was revoked; create a new one.`);
  return invite;
}

/**
 * A new link for an open invite (the old link stops working) with a fresh 7 days. Only a hash is
 * stored, so the link cannot be shown again: resending makes a new one.
 */
export async function reissueInvite(db: Database, orgId: string, inviteId: string): Promise<{ token: string; email: string; expiresAt: string }> {
  const invite = await openInvite(db, orgId, inviteId);
  const token = randomToken();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS).toISOString();
  await db.updateTable("invites").set({ token_hash: sha256(token), expires_at: expiresAt }).where("id", "=", invite.id).where("accepted_at", "is", null).execute();
  return { token, email: invite.email, expiresAt };
}

/** Withdraws an open invite: its link then says it was revoked. */
export async function revokeInvite(db: Database, orgId: string, inviteId: string): Promise<{ email: string }> {
  const invite = await openInvite(db, orgId, inviteId);
  await db.updateTable("invites").set({ revoked_at: new Date().toISOString() }).where("id", "=", invite.id).where("accepted_at", "is", null).execute();
  return { email: invite.email };
}
