import { DataTable } from "~/components/DataTable";
import { formatDateTime } from "~/utils/format";

export interface OtherReview {
  mentor: string;
  status: string;
  feedback: string;
  publishedAt: string | null;
  updatedAt: string;
  verdicts: number;
}

export interface AuditLine {
  id: string;
  at: string;
  actor: string;
  sentence: string;
}

/** What other mentors did with this attempt and every change to it, in sentences, for the mentor review page. */
export function ReviewHistory({ others, audit }: { others: OtherReview[]; audit: AuditLine[] }) {
  return (
    <>
      {others.length ? (
        <section className="card" aria-labelledby="others-h">
          <h2 id="others-h">Other mentors' reviews</h2>
          <ul className="plain-list">
            {others.map((o, i) => (
              <li key={i}>
                <strong>{o.mentor}</strong> ·{" "}
                {o.status === "published" ? (
                  `published ${o.publishedAt ? formatDateTime(o.publishedAt) : ""}`
                ) : (
                  // A saved draft (also what the publish confirmation saves) is the mentor's work in progress.
                  <span data-testid="other-draft">
                    <span className="pill pill-amber">draft, not published</span> saved {formatDateTime(o.updatedAt)}; the trainee has not seen it
                  </span>
                )}{" "}
                · {o.verdicts} verdict{o.verdicts === 1 ? "" : "s"} changed
                {o.feedback ? <p className="finding-text">{o.feedback}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="audit-h">
        <h2 id="audit-h">Audit trail</h2>
        <DataTable rows={audit} columns={["When", "Who", "What"]} className="data small" empty={<p className="muted">No changes yet.</p>}>
          {(e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.sentence}</td>
            </tr>
          )}
        </DataTable>
      </section>
    </>
  );
}
