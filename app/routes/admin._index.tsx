import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { db } from "~/db/db.server";
import { inviteToOrganisation, listInvites } from "~/models/invite.server";
import { listUsers, setUserDisabled } from "~/models/user.server";
import { requireRole } from "~/models/auth.server";
import { parseForm } from "~/utils/forms";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "People · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const [users, invites] = await Promise.all([listUsers(db(), admin.orgId), listInvites(db(), admin.orgId)]);
  return {
    me: admin.id,
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
      role: i.role,
      expiresAt: i.expires_at,
      acceptedAt: i.accepted_at,
    })),
  };
}

const InviteSchema = z.object({
  intent: z.literal("invite"),
  email: z.string().trim().min(1, "Enter the email address to invite").email("Enter a valid email address, like name@firm.com"),
  role: z.enum(["trainee", "mentor", "admin"], { message: "Choose a role: trainee, mentor or admin" }),
});
const DisableSchema = z.object({
  intent: z.enum(["disable", "enable"]),
  userId: z.string().min(1, "Missing user"),
});

interface AdminResult {
  kind: "invite" | "user";
  errors: Record<string, string>;
  values: Record<string, string>;
  link: string | null;
  email: string | null;
}

function result(r: Partial<AdminResult> & { kind: AdminResult["kind"] }, status = 200) {
  const body: AdminResult = { errors: {}, values: {}, link: null, email: null, ...r };
  return data(body, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  if (form.get("intent") === "invite") {
    const values = { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "") };
    const parsed = parseForm(InviteSchema, form);
    if (!parsed.ok) return result({ kind: "invite", errors: parsed.errors, values }, 400);
    const invite = await inviteToOrganisation(db(), { orgId: admin.orgId, email: parsed.data.email, role: parsed.data.role, invitedBy: admin.id });
    if (!invite.ok) return result({ kind: "invite", errors: { email: invite.error }, values }, 400);
    return result({ kind: "invite", link: `${new URL(request.url).origin}/invite/${invite.token}`, email: parsed.data.email });
  }
  const parsed = parseForm(DisableSchema, form);
  if (!parsed.ok) return result({ kind: "user", errors: { form: Object.values(parsed.errors)[0] } }, 400);
  if (parsed.data.userId === admin.id) return result({ kind: "user", errors: { form: "You cannot disable your own account." } }, 400);
  const ok = await setUserDisabled(db(), admin.orgId, parsed.data.userId, parsed.data.intent === "disable");
  if (!ok) throw new Response("No such user in your organisation.", { status: 404 });
  return result({ kind: "user" });
}

export default function AdminHome() {
  const { users, invites, me } = useLoaderData<typeof loader>();
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
            <label htmlFor="f-role">Role</label>
            <select id="f-role" name="role" defaultValue={result?.values?.role ?? "trainee"} aria-invalid={inviteErrors.role ? true : undefined}>
              <option value="trainee">Trainee</option>
              <option value="mentor">Mentor</option>
              <option value="admin">Admin</option>
            </select>
            {inviteErrors.role ? <div className="field-error">{inviteErrors.role}</div> : null}
            <p>
              <button type="submit" className="btn btn-primary">
                Create invite link
              </button>
            </p>
          </Form>
          {result?.link ? (
            <div className="success" role="status">
              <p>
                Invite for <strong>{result.email}</strong> created. Send them this link (single use, valid 7 days):
              </p>
              <input type="text" readOnly value={result.link} aria-label="Invite link" data-testid="invite-link" />
            </div>
          ) : null}
        </div>
        <div className="card">
          <h2>Recent invites</h2>
          {invites.length === 0 ? (
            <p className="empty">No invites yet.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Role</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {invites.map((i) => (
                  <tr key={i.id}>
                    <td>{i.email}</td>
                    <td>{i.role}</td>
                    <td>
                      {i.acceptedAt ? (
                        <span className="pill pill-green">accepted</span>
                      ) : new Date(i.expiresAt) < new Date() ? (
                        <span className="pill">expired</span>
                      ) : (
                        <span className="pill pill-blue">pending until {formatDate(i.expiresAt)}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      <div className="card">
        <h2>Accounts</h2>
        {result?.kind === "user" && result.errors.form ? <div className="form-error">{result.errors.form}</div> : null}
        <table className="data">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Last active</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{u.role}</td>
                <td>{u.lastActive ? formatDate(u.lastActive) : <span className="muted">never</span>}</td>
                <td>{u.disabled ? <span className="pill pill-red">disabled</span> : <span className="pill pill-green">active</span>}</td>
                <td>
                  {u.id === me ? null : (
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={u.disabled ? "enable" : "disable"}
                        className={`btn btn-small ${u.disabled ? "" : "btn-danger"}`}
                        aria-label={`${u.disabled ? "Enable" : "Disable"} ${u.name}`}
                      >
                        {u.disabled ? "Enable" : "Disable"}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
