import { Form } from "@remix-run/react";
import { formatDateTime } from "~/utils/format";

interface Props {
  /** The answer to a publish just made, if any. */
  published: { unchanged: boolean; revision: number; total: number } | null;
  mine: { status: string; revising: boolean; revision: number } | null;
  /** Another mentor published after this one opened the page (the publish was refused). */
  conflict: { by: string; at: string | null; total: number } | null;
  /** This mentor's draft is based on a version older than a review another mentor published. */
  stale: boolean;
  publishedBy: string | null;
  publishedByMe: boolean;
}

/** Where the mentor's review stands: published, being revised, or overtaken by another mentor's. */
export function ReviewStatus({ published, mine, conflict, stale, publishedBy, publishedByMe }: Props) {
  return (
    <>
      {published ? (
        <div className="success" role="status">
          {published.unchanged
            ? `Nothing changed since you published revision ${published.revision}; the trainee's review is as it was.`
            : `Published${published.revision > 1 ? ` revision ${published.revision}` : ""}. The trainee now sees your feedback and a final score of ${published.total}${published.revision > 1 ? ", marked as revised" : ""}.`}
        </div>
      ) : null}
      {mine?.status === "published" ? (
        <div className="notice" role="status" data-testid="revision-note">
          {mine.revising
            ? `You are editing revision ${mine.revision + 1}. The trainee still sees revision ${mine.revision} until you publish again.`
            : `Your review is published (revision ${mine.revision}). Any change starts a new revision, which the trainee sees only when you publish it.`}
        </div>
      ) : null}
      {conflict ? (
        <div className="form-error" role="alert" data-testid="conflict">
          <strong>Not published: {conflict.by} published a review of this attempt {conflict.at ? `at ${formatDateTime(conflict.at)} ` : ""}after you opened it</strong> (their final score: {conflict.total}). Your
          verdicts and feedback are saved as your draft. Compare with theirs below, then publish yours to replace it, or leave theirs.
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="publish-over" />
            <button type="submit" className="btn btn-small">
              Publish mine instead
            </button>
          </Form>
        </div>
      ) : stale ? (
        <div className="notice" role="status">
          {publishedBy} has published a review since you started yours. Publishing yours will replace it — compare below first.
        </div>
      ) : publishedBy && !publishedByMe ? (
        <div className="notice" role="status">
          {publishedBy} has already published a review of this attempt. Publishing yours replaces theirs; both stay in the audit trail.
        </div>
      ) : null}
    </>
  );
}
