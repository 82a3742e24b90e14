// The one error page every route uses (as the Epic Stack's GeneralErrorBoundary): an HTTP answer
// thrown by a loader or action shows its message under a title for its status; anything else is an
// unexpected error, shown without details. A route may pass its own title per status and a link
// back (e.g. "Clear the filters").
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request could not be used",
  403: "You don't have access to this page",
  404: "Not found",
  409: "This changed in the meantime",
  413: "That was too large",
  429: "Too many requests",
};

export function GeneralErrorBoundary({
  titles = {},
  back = { to: "/", label: "Go to your home page" },
}: {
  /** Titles by status, over the general ones. */
  titles?: Record<number, string>;
  back?: { to: string; label: string };
}) {
  const error = useRouteError();
  const answer = isRouteErrorResponse(error) ? error : null;
  const title = answer ? (titles[answer.status] ?? TITLES[answer.status] ?? `Something went wrong (${answer.status})`) : "Something went wrong";
  const message = answer
    ? typeof answer.data === "string" && answer.data
      ? answer.data
      : answer.statusText
    : "An unexpected error occurred. Your saved work is safe; please try again.";
  return (
    <div className="card error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </div>
  );
}
