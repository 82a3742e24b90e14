import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { Field } from "~/components/Field";
import { db } from "~/db/db.server";
import { GENERATION_LIMITS, generationOverview, type GenerationEngine } from "~/models/generation-jobs.server";
import { cancelGenerationJob, GenerationNotConfigured, startGenerationJob } from "~/models/generation-runner.server";
import { packs } from "~/models/content.server";
import { requireRole } from "~/models/auth.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Generation · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  return generationOverview(db(), { orgId: admin.orgId });
}

const EngineSchema = z.object({ engine: z.enum(["offline", "model"], { message: "Choose an engine: the offline seeding engine or the model" }) });

/** Built per request: it names the packs on disk and the server-side limits. The offline engine has no mode choice and spends nothing. */
function startSchema(engine: GenerationEngine) {
  const base = z.object({
    intent: z.literal("start"),
    domain: z.string().refine((d) => packs().packs.some((p) => p.domain === d), "Choose a domain from the list"),
    count: z.coerce
      .number({ message: "Enter how many drafts to generate" })
      .int("Enter a whole number of drafts")
      .min(1, "Generate at least 1 draft")
      .max(GENERATION_LIMITS.maxCount, `At most ${GENERATION_LIMITS.maxCount} drafts per batch`),
    difficulty: z.union([z.literal("spread"), z.coerce.number().int().min(1).max(5)], { message: "Choose a difficulty from 1 to 5, or a spread" }),
  });
  if (engine === "offline") {
    return base.extend({
      mode: z.literal("flaws", { message: "The offline engine seeds flaws in curated sources only; “Draft from a brief” needs a model" }),
      spendLimit: z.unknown().transform(() => 0),
    });
  }
  return base.extend({
    mode: z.enum(["flaws", "brief"], { message: "Choose a mode" }),
    spendLimit: z.coerce
      .number({ message: "Enter a spend limit in US dollars, e.g. 1.00" })
      .positive("The spend limit must be more than $0")
      .max(GENERATION_LIMITS.maxSpendUsd, `The spend limit can be at most $${GENERATION_LIMITS.maxSpendUsd} per batch`),
  });
}

const CancelSchema = z.object({ intent: z.literal("cancel"), jobId: z.string().min(1, "Missing job") });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await request.formData();
  if (form.get("intent") === "cancel") {
    const parsed = parseForm(CancelSchema, form);
    if (!parsed.ok) return data({ errors: parsed.errors, values: {} as Record<string, string> }, { status: 400 });
    await cancelGenerationJob(db(), parsed.data.jobId, { orgId: admin.orgId });
    return redirect("/admin/generation");
  }
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const engine = parseForm(EngineSchema, form);
  if (!engine.ok) return data({ errors: engine.errors, values }, { status: 400 });
  const parsed = parseForm(startSchema(engine.data.engine), form);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const { domain, mode, count, difficulty, spendLimit } = parsed.data;
  try {
    await startGenerationJob(db(), {
      engine: engine.data.engine,
      domain,
      mode,
      count,
      difficulty: difficulty === "spread" ? null : difficulty,
      spendLimitUsd: spendLimit,
      origin: "admin",
      orgId: admin.orgId,
      createdBy: admin.id,
    });
  } catch (e) {
    if (e instanceof GenerationNotConfigured) return data({ errors: { form: e.message } as Record<string, string>, values }, { status: 400 });
    throw e;
  }
  return redirect("/admin/generation");
}

const STATUS_PILL: Record<string, string> = {
  queued: "pill pill-blue",
  running: "pill pill-blue",
  done: "pill pill-green",
  cancelled: "pill",
  stopped: "pill pill-amber",
  failed: "pill pill-red",
};

function usd(n: number): string {
  return n < 0.01 && n > 0 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

export default function AdminGeneration() {
  const { setup, jobs, pool, domains, modes, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const busy = useNavigation().state === "submitting";
  const active = jobs.some((j) => j.active);
  const revalidator = useRevalidator();

  // Live progress: reload the page's data every second while a job runs.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle" && document.visibilityState === "visible") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  const poolDomains = [...new Set(pool.map((p) => p.domain))];
  const generators = [...new Set(pool.map((p) => p.label))];

  return (
    <div>
      {active ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <h1>Generation</h1>
      <p className="lede">
        Fill the practice pool with new drafts. The offline seeding engine applies the content packs&apos; curated flaws; a model proposes new ones. Either
        way Redline applies and verifies every edit, so only drafts with a proven answer key reach trainees.
      </p>

      {setup.configured ? (
        <p className="notice" data-testid="generation-setup">
          Model <strong>{setup.model}</strong> at <code>{setup.endpoint}</code>.
          {setup.priceKnown ? null : " Its price is not in Redline's table, so spend is estimated at a high fallback price (see docs/ai-generation.md)."}
        </p>
      ) : (
        <div className="notice" data-testid="generation-setup">
          <p>
            <strong>No model is configured: batches use the offline seeding engine.</strong> Its drafts come from the content packs&apos; curated flaw sites
            and operators; it needs no network and spends nothing.
          </p>
          <p>
            To generate drafts with a model, set <code>OPENAI_MODEL</code> and <code>OPENAI_API_KEY</code> (for api.openai.com), or <code>OPENAI_MODEL</code>{" "}
            and <code>OPENAI_BASE_URL</code> for a local OpenAI-compatible server such as Ollama (<code>http://127.0.0.1:11434/v1</code>), vLLM or LM Studio,
            then restart Redline. See <code>docs/ai-generation.md</code>.
          </p>
        </div>
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="start-h">
          <h2 id="start-h">Start a batch</h2>
          {errors.form ? <div className="form-error">{errors.form}</div> : null}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="start" />
            <label htmlFor="g-engine">Engine</label>
            <select id="g-engine" name="engine" defaultValue={values.engine ?? (setup.configured ? "model" : "offline")} aria-describedby="g-engine-help">
              <option value="offline">Offline seeding engine</option>
              {setup.configured ? <option value="model">Model {setup.model}</option> : null}
            </select>
            <p id="g-engine-help" className="muted small">
              The offline engine seeds the packs&apos; curated flaws (about 1 draft in 10 is a flawless control draft), needs no model and spends nothing; mode
              and spend limit apply to model batches only.
            </p>
            {errors.engine ? <div className="field-error">{errors.engine}</div> : null}
            <label htmlFor="g-domain">Domain</label>
            <select id="g-domain" name="domain" defaultValue={values.domain ?? domains[0]?.id}>
              {domains.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            {errors.domain ? <div className="field-error">{errors.domain}</div> : null}
            <label htmlFor="g-mode">Mode</label>
            <select id="g-mode" name="mode" defaultValue={values.mode ?? "flaws"} aria-describedby="g-mode-help">
              {modes.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
            <ul id="g-mode-help" className="muted small">
              {modes.map((m) => (
                <li key={m.id}>
                  <strong>{m.label}:</strong> {m.description}
                </li>
              ))}
            </ul>
            {errors.mode ? <div className="field-error">{errors.mode}</div> : null}
            <Field
              label={`Drafts (1–${limits.maxCount})`}
              name="count"
              type="number"
              min={1}
              max={limits.maxCount}
              defaultValue={values.count ?? "5"}
              error={errors.count}
            />
            <label htmlFor="g-difficulty">Difficulty</label>
            <select id="g-difficulty" name="difficulty" defaultValue={values.difficulty ?? "spread"}>
              <option value="spread">Spread over 1–5</option>
              {[1, 2, 3, 4, 5].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
            {errors.difficulty ? <div className="field-error">{errors.difficulty}</div> : null}
            <Field
              label="Spend limit for a model batch (US$)"
              name="spendLimit"
              type="number"
              step="0.01"
              min="0.01"
              max={limits.maxSpendUsd}
              defaultValue={values.spendLimit ?? String(limits.defaultSpendUsd)}
              error={errors.spendLimit}
            />
            <p>
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Start batch
              </button>
            </p>
          </Form>
        </section>

        <section className="card" aria-labelledby="pool-h">
          <h2 id="pool-h">Practice pool</h2>
          {pool.length === 0 ? (
            <p className="empty">No drafts in the pool yet.</p>
          ) : (
            <table className="data" data-testid="pool">
              <thead>
                <tr>
                  <th>Domain</th>
                  {generators.map((g) => (
                    <th key={g}>{g}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {poolDomains.map((d) => (
                  <tr key={d}>
                    <td>{d}</td>
                    {generators.map((g) => (
                      <td key={g}>{pool.filter((p) => p.domain === d && p.label === g).reduce((n, p) => n + p.count, 0)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="jobs-h">
        <h2 id="jobs-h">Batches</h2>
        {jobs.length === 0 ? (
          <p className="empty">No batches yet.</p>
        ) : (
          <table className="data" data-testid="jobs">
            <thead>
              <tr>
                <th>Started</th>
                <th>Batch</th>
                <th>Status</th>
                <th>Progress</th>
                <th>Model calls</th>
                <th>Spend</th>
                <th />
              </tr>
            </thead>
            {jobs.map((j) => (
              <tbody key={j.id} data-testid="job" data-status={j.status} data-engine={j.engine}>
                <tr>
                  <td>
                    {formatDateTime(j.createdAt)}
                    <div className="muted small">by {j.startedBy}</div>
                  </td>
                  <td>
                    {j.domain} · {j.mode === "brief" ? "draft from a brief" : "flaws on a curated source"}
                    <div className="muted small" data-testid="job-engine">
                      {j.engineLabel} · difficulty {j.difficulty ?? "1–5"}
                    </div>
                  </td>
                  <td>
                    <span className={STATUS_PILL[j.status] ?? "pill"} data-testid="job-status">
                      {j.cancelRequested && j.active ? "cancelling" : j.status}
                    </span>
                  </td>
                  <td>
                    <progress value={j.done} max={j.requested} aria-label={`${j.done} of ${j.requested} drafts done`} />
                    <div className="small" data-testid="job-progress">
                      {j.done}/{j.requested} done · {j.accepted} accepted · {j.rejected} rejected
                    </div>
                  </td>
                  {j.engine === "offline" ? (
                    <td colSpan={2} className="muted small">
                      no model: no calls, no spend
                    </td>
                  ) : (
                    <>
                      <td>{j.calls}</td>
                      <td>
                        {usd(j.spentUsd)} <span className="muted small">of {usd(j.spendLimitUsd)}</span>
                      </td>
                    </>
                  )}
                  <td>
                    {j.active && !j.cancelRequested ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="jobId" value={j.id} />
                        <button type="submit" className="btn btn-small btn-danger">
                          Cancel
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
                {j.stopReason || j.failures.length ? (
                  <tr>
                    <td colSpan={7}>
                      {j.stopReason ? (
                        <p className="small" data-testid="job-stop-reason">
                          {j.stopReason}
                        </p>
                      ) : null}
                      {j.failures.length ? (
                        <ul className="plain-list small" aria-label="Failures" data-testid="job-failures">
                          {j.failures.map((f) => (
                            <li key={f.seq}>
                              <span className="pill pill-red">{f.reasonLabel}</span> draft {f.seq} ({f.sourceTitle}, {f.calls} call{f.calls === 1 ? "" : "s"}):{" "}
                              {f.detail}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ) : null}
              </tbody>
            ))}
          </table>
        )}
      </section>
    </div>
  );
}
