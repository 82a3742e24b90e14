// The trainee's program on the practice home: modules in order, the current one with its pass
// rule and due date, one "Next exercise" button; and mastery per category with "practise this".
import { Form, Link } from "@remix-run/react";
import { formatDate } from "~/utils/format";

export interface ProgramModuleDTO {
  key: string;
  title: string;
  domains: string[];
  focus: string[];
  state: "complete" | "awaiting-sign-off" | "current" | "locked";
  dueAt: string | null;
  overdue: boolean;
  dueSoon: boolean;
  rule: string;
  submitted: number;
  required: number;
  note: string | null;
  returned: boolean;
}

export interface ProgramDTO {
  programId: string;
  name: string;
  description: string;
  modules: ProgramModuleDTO[];
  certificateId: string | null;
}

export interface MasteryDTO {
  key: string;
  domain: string;
  name: string;
  percent: number;
  evidence: number;
  due: boolean;
}

const STATE_LABEL: Record<ProgramModuleDTO["state"], string> = {
  complete: "complete",
  "awaiting-sign-off": "passed — awaiting mentor sign-off",
  current: "current",
  locked: "locked",
};

export function ProgramPanel({ programs, busy }: { programs: ProgramDTO[]; busy: boolean }) {
  return (
    <>
      {programs.map((p) => {
        const current = p.modules.find((m) => m.state === "current" || m.state === "awaiting-sign-off");
        const done = p.modules.filter((m) => m.state === "complete").length;
        return (
          <section key={p.programId} className="card" aria-labelledby={`prog-${p.programId}`} data-testid="program-panel">
            <div className="row">
              <h2 id={`prog-${p.programId}`}>{p.name}</h2>
              <span className="muted small">
                {done} of {p.modules.length} modules complete
              </span>
            </div>
            {p.description ? <p className="muted">{p.description}</p> : null}
            {p.modules.filter((m) => m.overdue).map((m) => (
              <div key={m.key} className="form-error" role="alert">
                Overdue: “{m.title}” was due {formatDate(m.dueAt!)}.
              </div>
            ))}
            {current?.returned && current.note ? (
              <div className="warning" role="status">
                Your mentor returned “{current.title}”: {current.note}
              </div>
            ) : null}
            {current ? (
              <div className="next-box">
                <Form method="post">
                  <input type="hidden" name="intent" value="next" />
                  <input type="hidden" name="programId" value={p.programId} />
                  <button type="submit" className="btn btn-primary" disabled={busy}>
                    Next exercise
                  </button>
                </Form>
                <span>
                  <strong>{current.title}</strong> · {current.rule}
                  {current.dueAt ? <span className={current.dueSoon ? "pill pill-amber" : "pill"}>due {formatDate(current.dueAt)}</span> : null}
                </span>
              </div>
            ) : p.certificateId ? (
              <p className="success">
                Program complete. <Link to={`/certificates/${p.certificateId}`}>Your certificate</Link>
              </p>
            ) : null}
            {current ? (
              <progress className="progress-track" aria-label={`Drafts reviewed in ${current.title}`} max={current.required} value={Math.min(current.submitted, current.required)} />
            ) : null}
            <ol className="module-steps">
              {p.modules.map((m, i) => (
                <li key={m.key} className={m.state === "current" || m.state === "awaiting-sign-off" ? "is-current" : m.state === "locked" ? "is-locked" : undefined}>
                  <span className="step-title">
                    {i + 1}. {m.title}
                  </span>
                  <span className="small muted">
                    {m.domains.join(", ")}
                    {m.focus.length ? ` · focus: ${m.focus.join(", ")}` : ""}
                  </span>
                  <span className={`pill ${m.state === "complete" ? "pill-green" : m.state === "awaiting-sign-off" ? "pill-amber" : m.state === "current" ? "pill-blue" : ""}`}>{STATE_LABEL[m.state]}</span>
                  {m.dueAt ? <span className={`small ${m.overdue ? "pill pill-red" : "muted"}`}>due {formatDate(m.dueAt)}</span> : null}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

export function MasteryPanel({ mastery, busy }: { mastery: MasteryDTO[]; busy: boolean }) {
  if (!mastery.length) return null;
  return (
    <section className="card" aria-labelledby="mastery-h">
      <h2 id="mastery-h">Your mastery by category</h2>
      <p className="muted small">Your chance of catching a medium-difficulty flaw of each kind, from every review you submitted (mentor verdicts count over the automatic score). Weakest first.</p>
      <ul className="mastery-list" data-testid="mastery">
        {mastery.slice(0, 12).map((m) => (
          <li key={m.key}>
            <span>
              {m.name} <span className="muted small">{m.domain}</span> {m.due ? <span className="pill pill-amber">review due</span> : null}
            </span>
            <meter className="bar" aria-hidden="true" min={0} max={100} low={50} optimum={100} value={m.percent} />
            <span className="num">{m.percent} %</span>
            <Form method="post">
              <input type="hidden" name="intent" value="practise" />
              <input type="hidden" name="category" value={m.key} />
              <button type="submit" className="btn btn-small" disabled={busy} aria-label={`Practise this: ${m.name} (${m.domain})`}>
                Practise this
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
