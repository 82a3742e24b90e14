import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { db } from "~/db/db.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDemoDatabase } from "~/models/demo.server";
import { releaseSignIn, reserveSignIn } from "~/models/login-limit.server";
import { checkCredentials } from "~/models/user.server";
import { getUser, homeFor, knownDevice, signIn } from "~/models/auth.server";
import { safeRedirectPath } from "~/utils/http.server";
import { demoAllowed } from "~/utils/env.server";
import { clearFields, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Sign in · Redline" }];

const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").email("Enter a valid email address, like name@firm.com"),
  password: z.string().min(1, "Enter your password"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homeFor(user.role));
  const demo = demoAllowed() && (await isDemoDatabase(db()));
  return {
    demo: demo ? { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.filter((a, i) => i < 4).map((a) => ({ email: a.email, role: a.role })) } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const client = context.clientIp ?? "unknown";
  const form = await request.formData();
  // Only as much of the address as an address can be is shown back.
  const email = String(form.get("email") ?? "").slice(0, 320);
  const parsed = parseForm(LoginSchema, form);
  if (!parsed.ok) return data({ formError: null, fieldErrors: parsed.errors, email }, { status: 400 });
  // Reserve before the slow password check, so a burst cannot all pass the limit at once.
  const reservation = await reserveSignIn(db(), { address: client, email: parsed.data.email, device: await knownDevice(request, parsed.data.email) });
  if (!reservation.ok) {
    const minutes = Math.ceil(reservation.retryAfter / 60);
    return data(
      { formError: `Too many failed sign-in attempts. Wait ${minutes === 1 ? "a minute" : `${minutes} minutes`}, then try again.`, fieldErrors: {}, email },
      { status: 429, headers: { "Retry-After": String(reservation.retryAfter) } },
    );
  }
  const result = await checkCredentials(db(), parsed.data.email, parsed.data.password);
  if (!result.ok) {
    const formError =
      result.reason === "disabled"
        ? "This account has been disabled. Ask your administrator to re-enable it."
        : "That email and password do not match an account. Check both and try again.";
    return data({ formError, fieldErrors: {}, email }, { status: 400 });
  }
  await releaseSignIn(db(), reservation);
  return signIn(request, result.user, safeRedirectPath(parsed.data.redirectTo, homeFor(result.user.role)), client);
}

export default function Login() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  // Passwords are never kept after a failed submission.
  useEffect(() => {
    if (actionData && formRef.current) clearFields(formRef.current, ["password"]);
  }, [actionData]);
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow">
      <div className="card">
        <h1>Sign in to Redline</h1>
        <p className="lede">Practise reviewing AI-written work: find the flaws, explain them, get feedback.</p>
        {actionData?.formError ? (
          <div className="form-error" role="alert">
            {actionData.formError}
          </div>
        ) : null}
        <Form method="post" noValidate ref={formRef}>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={actionData?.email ?? ""}
            error={actionData?.fieldErrors?.email}
            required
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            error={actionData?.fieldErrors?.password}
            required
          />
          <div className="row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Signing in…" : "Sign in"}
            </button>
          </div>
        </Form>
      </div>
      {demo ? (
        <div className="card demo-box">
          <h3>Demo accounts</h3>
          <p className="muted small">This is a demo installation. Every account's password is <code>{demo.password}</code>.</p>
          <table className="data">
            <tbody>
              {demo.accounts.map((a) => (
                <tr key={a.email}>
                  <td>{a.role}</td>
                  <td>
                    <code>{a.email}</code>
                  </td>
                </tr>
              ))}
              <tr>
                <td>trainee</td>
                <td>
                  <code>trainee2@redline.test</code> … <code>trainee8@redline.test</code>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
