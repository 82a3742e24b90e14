import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PostButton } from "~/components/PostButton";
import { CopyLink } from "~/components/CopyLink";
import { DataTable } from "~/components/DataTable";
import { Field } from "~/components/Field";
import { InvalidInputError } from "~/domain/errors";
import { db } from "~/db/db.server";
import { inviteToOrganisation, listInvites, reissueInvite, revokeInvite } from "~/models/invite.server";
import { listCohortsWithMembers } from "~/models/cohort.server";
import { listUsers, setUserDisabled } from "~/models/user.server";
import { requireRole } from "~/models/auth.server";
import { parseForm } from "~/utils/forms";
import { formatDate } from "~/utils/format";
import { domainErrorResponse } from "~/utils/http.server";
import mentorAdminStyles from "~/styles/mentor-admin.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mentorAdminStyles }];

export const meta: MetaFunction = () => [{ title: "People · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [users, invites, cohorts] = await Promise.all([listUsers(db(), admin.orgId), listInvites(db(), admin.orgId), listCohortsWithMembers(db(), admin.orgId)]);
  return {
    me: admin.id,
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name })),
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      disabled: u.disabled_at !== null,
      lastActive: u.last_active_at,
    })),
    invites: invites.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      role: i.role,
      cohort: i.cohort,
      expiresAt: i.expires_at,
      acceptedAt: i.accepted_at,
      revokedAt: i.revoked_at,
    })),
  };
}

const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: z.string().trim().min(1, "Enter the email address to invite").email("Enter a valid email address, like name@firm.com"),
  role: z.enum(["trainee", "mentor", "admin"], { message: "Choose a role: trainee, mentor or admin" }),
  name: z.string().trim().max(100, "A name can be at most 100 characters").optional(),
  cohortId: z.string().optional(),
});
const InviteActionSchema = z.object({
  intent: z.enum(["resend", "revoke"]),
  inviteId: z.string().min(1, "Missing invite"),
});
const DisableSchema = z.object({
  intent: z.enum(["disable", "enable"]),
  userId: z.string().min(1, "Missing user"),
});

interface AdminResult {
  kind: "invite" | "invites" | "user";
  errors: Record<string, string>;
  values: Record<string, string>;
  link: string | null;
  email: string | null;
  notice: string | null;
}

function result(r: Partial<AdminResult> & { kind: AdminResult["kind"] }, status = 200) {
  const body: AdminResult = { errors: {}, values: {}, link: null, email: null, notice: null, ...r };
  return data(body, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  if (form.get("intent") === "invite") {
    const values = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? ""), name: String(form.get("name") ?? ""), cohortId: String(form.get("cohortId") ?? "") };
    const parsed = parseForm(InviteSchema, form);
    if (!parsed.ok) return result({ kind: "invite", errors: parsed.errors, values }, 400);
    const { email, role, name, cohortId } = parsed.data;
    const invite = await inviteToOrganisation(db(), { orgId: admin.orgId, email, role, name, cohortId: cohortId || null, invitedBy: admin.id });
    if (!invite.ok) return result({ kind: "invite", errors: { [invite.field]: invite.error }, values }, 400);
    return result({ kind: "invite", link: `${new URL(request.url).origin}/invite/${invite.token}`, email });
  }
  if (form.get("intent") === "resend" || form.get("intent") === "revoke") {
    const parsed = parseForm(InviteActionSchema, form);
    if (!parsed.ok) return result({ kind: "invites", errors: { form: Object.values(parsed.errors)[0] } }, 400);
    try {
      if (parsed.data.intent === "resend") {
        const r = await reissueInvite(db(), admin.orgId, parsed.data.inviteId);
        return result({ kind: "invites", link: `${new URL(request.url).origin}/invite/${r.token}`, email: r.email });
      }
      const r = await revokeInvite(db(), admin.orgId, parsed.data.inviteId);
      return result({ kind: "invites", notice: `The invite for ${r.email} is revoked: its link now says so and creates no account.` });
    } catch (e) {
      if (e instanceof InvalidInputError) return result({ kind: "invites", errors: { form: e.message } }, 400);
      throw domainErrorResponse(e) ?? e;
    }
  }
  const parsed = parseForm(DisableSchema, form);
  if (!parsed.ok) return result({ kind: "user", errors: { form: Object.values(parsed.errors)[0] } }, 400);
  if (parsed.data.userId === admin.id) return result({ kind: "user", errors: { form: "You cannot disable your own account." } }, 400);
  const ok = await setUserDisabled(db(), admin.orgId, parsed.data.userId, parsed.data.intent === "disable");
  if (!ok) throw new Response("No such user in your organisation.", { status: 404 });
  return result({ kind: "user" });
}

export default function AdminHome() {
  const { users, invites, me, cohorts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const inviteErrors = result?.kind === "invite" ? result.errors : {};
  return (
    <div>
      <h1>People</h1>
      <p className="lede">Invite trainees, mentors and admins; disable accounts that should no longer sign in.</p>
      <div className="grid-2">
        <div className="card">
          <h2>Invite someone</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <Field label="Email" name="email" type="email" defaultValue={result?.values?.email ?? ""} error={inviteErrors.email} />
            <Field label="Name (optional; they can change it)" name="name" autoComplete="off" defaultValue={result?.values?.name ?? ""} error={inviteErrors.name} maxLength={100} />
            <label htmlFor="f-role">Role</label>
            <select id="f-role" name="role" defaultValue={result?.values?.role ?? "trainee"} aria-invalid={inviteErrors.role ? true : undefined}>
              <option value="trainee">Trainee</option>
              <option value="mentor">Mentor</option>
              <option value="admin">Admin</option>
            </select>
            {inviteErrors.role ? <div className="field-error">{inviteErrors.role}</div> : null}
            <label htmlFor="f-cohortId">Cohort (joined when they accept)</label>
            <select id="f-cohortId" name="cohortId" defaultValue={result?.values?.cohortId ?? ""} aria-invalid={inviteErrors.cohortId ? true : undefined}>
              <option value="">No cohort</option>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            {inviteErrors.cohortId ? <div className="field-error">{inviteErrors.cohortId}</div> : null}
            <p>
              <button type="submit" className="btn btn-primary">
                Create invite link
              </button>
            </p>
          </Form>
          {result?.kind === "invite" && result.link ? (
            <div className="success" role="status">
              <p>
                Invite for <strong>{result.email}</strong> created. Send them this link (single use, valid 7 days):
              </p>
              <CopyLink link={result.link} label={`Invite link for ${result.email}`} testId="invite-link" />
            </div>
          ) : null}
        </div>
        <div className="card">
          <h2>Recent invites</h2>
          {result?.kind === "invites" && result.link ? (
            <div className="success" role="status">
              <p>
                New link for <strong>{result.email}</strong>, valid 7 days; the earlier link no longer works:
              </p>
              <CopyLink link={result.link} label={`New invite link for ${result.email}`} testId="resent-link" />
            </div>
          ) : null}
          {result?.kind === "invites" && result.notice ? (
            <div className="success" role="status">
              {result.notice}
            </div>
          ) : null}
          {result?.kind === "invites" && result.errors.form ? (
            <div className="form-error" role="alert">
              {result.errors.form}
            </div>
          ) : null}
          <DataTable
            rows={invites}
            columns={["Invitee", "Role · cohort", "Status", { label: <span className="sr-only">Actions</span> }]}
            className="data invites"
            empty={<p className="empty">No invites yet.</p>}
          >
            {(i) => {
              const open = !i.acceptedAt && !i.revokedAt;
              return (
                <tr key={i.id}>
                  <td>
                    {i.name ? (
                      <>
                        {i.name}
                        <br />
                      </>
                    ) : null}
                    <span className="small">{i.email}</span>
                  </td>
                  <td>
                    {i.role}
                    {i.cohort ? <span className="small muted"> · {i.cohort}</span> : null}
                  </td>
                  <td>
                    {i.acceptedAt ? (
                      <span className="pill pill-green">accepted</span>
                    ) : i.revokedAt ? (
                      <span className="pill pill-red">revoked</span>
                    ) : new Date(i.expiresAt) < new Date() ? (
                      <span className="pill">expired</span>
                    ) : (
                      <span className="pill pill-blue">pending until {formatDate(i.expiresAt)}</span>
                    )}
                  </td>
                  <td>
                    {open ? (
                      <Form method="post" className="invite-actions">
                        <input type="hidden" name="inviteId" value={i.id} />
                        <button type="submit" name="intent" value="resend" className="btn btn-small" aria-label={`New link for ${i.email}`}>
                          New link
                        </button>
                        <button type="submit" name="intent" value="revoke" className="btn btn-small btn-danger" aria-label={`Revoke the invite for ${i.email}`}>
                          Revoke
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              );
            }}
          </DataTable>
        </div>
      </div>
      <div className="card">
        <h2>Accounts</h2>
        {result?.kind === "user" && result.errors.form ? <div className="form-error">{result.errors.form}</div> : null}
        <DataTable rows={users} columns={["Name", "Email", "Role", "Last active", "Status", ""]}>
          {(u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.lastActive ? formatDate(u.lastActive) : <span className="muted">never</span>}</td>
              <td>{u.disabled ? <span className="pill pill-red">disabled</span> : <span className="pill pill-green">active</span>}</td>
              <td>
                {u.id === me ? null : (
                  <PostButton
                    fields={{ userId: u.id }}
                    name="intent"
                    value={u.disabled ? "enable" : "disable"}
                    className={`btn btn-small ${u.disabled ? "" : "btn-danger"}`}
                    aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.name}`}
                  >
                    {u.disabled ? "Enable" : "Disable"}
                  </PostButton>
                )}
              </td>
            </tr>
          )}
        </DataTable>
      </div>
    </div>
  );
}
