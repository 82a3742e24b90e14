import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { db } from "~/db/db.server";
import { onlyInvisible, onlyInvisibleMessage } from "~/domain/text/format-chars";
import { acceptInvite, lookupInvite } from "~/models/invite.server";
import { homeFor, signIn } from "~/models/auth.server";
import { clearFields, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Accept invite · Redline" }];

const REASONS = {
  unknown: "This invite link is not valid. Check that you copied the whole link, or ask your administrator for a new one.",
  expired: "This invite has expired. Ask your administrator for a new one.",
  used: "This invite has already been used. If it was you, sign in instead.",
  revoked: "This invite was withdrawn by your administrator. Ask them for a new one if you should have access.",
  "email-taken": "An account with this email already exists. Sign in instead.",
} as const;

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await lookupInvite(db(), params.token ?? "");
  if (!invite.ok) return { invite: null, problem: REASONS[invite.reason] };
  return { invite: { email: invite.email, role: invite.role, name: invite.name, cohort: invite.cohort }, problem: null };
}

const AcceptSchema = z
  .object({
    name: z
      .string()
      .trim()
      .refine((t) => !onlyInvisible(t), { message: onlyInvisibleMessage("Your name"), abort: true })
      .min(2, "Enter your name (at least 2 characters)").max(100, "Your name can be at most 100 characters"),
    password: z.string().min(10, "Choose a password of at least 10 characters").max(200, "The password can be at most 200 characters"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "The two passwords do not match", path: ["confirm"] });

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(AcceptSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, name: String(form.get("name") ?? ""), problem: null }, { status: 400 });
  const result = await acceptInvite(db(), params.token ?? "", parsed.data);
  if (!result.ok) return data({ errors: {}, name: parsed.data.name, problem: REASONS[result.reason] }, { status: 400 });
  return signIn(request, result.user, homeFor(result.user.role));
}

export default function AcceptInvite() {
  const { invite, problem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  // Passwords are never kept after a failed submission.
  useEffect(() => {
    if (actionData && formRef.current) clearFields(formRef.current, ["password", "confirm"]);
  }, [actionData]);
  const shownProblem = actionData?.problem ?? problem;
  return (
    <div className="narrow">
      <div className="card">
        <h1>Join Redline</h1>
        {shownProblem ? (
          <div className="form-error" role="alert">
            {shownProblem}
          </div>
        ) : null}
        {invite ? (
          <>
            <p className="lede">
              You were invited as <strong>{invite.role}</strong> with <strong>{invite.email}</strong>
              {invite.cohort ? (
                <>
                  {" "}
                  to the cohort <strong>{invite.cohort}</strong>
                </>
              ) : null}
              . {invite.name ? "Check your name and choose a password." : "Choose your name and a password."}
            </p>
            <Form method="post" noValidate ref={formRef}>
              <Field label="Your name" name="name" autoComplete="name" defaultValue={actionData?.name ?? invite.name} error={actionData?.errors?.name} />
              <Field label="Password" name="password" type="password" autoComplete="new-password" error={actionData?.errors?.password} />
              <Field label="Repeat password" name="confirm" type="password" autoComplete="new-password" error={actionData?.errors?.confirm} />
              <p>
                <button type="submit" className="btn btn-primary">
                  Create account
                </button>
              </p>
            </Form>
          </>
        ) : (
          <p>
            <Link to="/login">Go to sign in</Link>
          </p>
        )}
      </div>
    </div>
  );
}
