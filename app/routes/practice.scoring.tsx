import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DEFAULT_SCORING_CONFIG } from "~/domain/scoring";
import { requireUser } from "~/models/auth.server";

export const meta: MetaFunction = () => [{ title: "How scoring works · Redline" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { weights: DEFAULT_SCORING_CONFIG.weights, hintCost: DEFAULT_SCORING_CONFIG.hintCost };
}

/** The plain-language half of docs/scoring.md, for trainees. */
export default function Scoring() {
  const { weights, hintCost } = useLoaderData<typeof loader>();
  return (
    <div className="narrow-wide">
      <p className="crumbs small">
        <Link to="/practice">Practice</Link>
      </p>
      <h1>How your review is scored</h1>
      <div className="card">
        <p>Your total is out of 100. Each finding is matched to at most one seeded flaw by the lines it covers, and each flaw to at most one finding.</p>
        <table className="data">
          <thead>
            <tr>
              <th>Part</th>
              <th>What it asks</th>
              <th className="num">Weight</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Detection</td>
              <td>Did you find the seeded flaws and say what is wrong? A critical flaw counts three times a minor one. Full credit needs the right category or a key point in your explanation; the right line alone earns a third.</td>
              <td className="num">{weights.detection}</td>
            </tr>
            <tr>
              <td>Precision</td>
              <td>Were the things you flagged real? Each false alarm costs with the square of your confidence: a hedged note (50 %) costs a quarter of a certain one, and false alarms add up. Submitting "no flaws" on a flawed draft earns no precision.</td>
              <td className="num">{weights.precision}</td>
            </tr>
            <tr>
              <td>Category</td>
              <td>For the flaws you found, did you name the right kind of problem?</td>
              <td className="num">{weights.category}</td>
            </tr>
            <tr>
              <td>Explanation</td>
              <td>Did your explanation state, in your own words, the ideas a good reviewer would (what is wrong, why it matters)? Text copied from the draft or the brief does not count, and saying the line is fine cancels what follows.</td>
              <td className="num">{weights.explanation}</td>
            </tr>
            <tr>
              <td>Hints</td>
              <td>Each hint you take costs {hintCost} points.</td>
              <td className="num">−{hintCost}</td>
            </tr>
          </tbody>
        </table>
        <h2>Also shown, not counted</h2>
        <ul>
          <li>
            <strong>Calibration (Brier)</strong>: how well your confidence matched reality; 0 is perfect, lower is better.
          </li>
          <li>
            <strong>Signal detection</strong>: hit rate, false alarms on correct lines, and d′ — how well you tell flawed lines from correct ones (0 is guessing, 2–3 is strong).
            Flagging everything does not raise d′.
          </li>
        </ul>
        <h2>Clean drafts</h2>
        <p>
          Some drafts have no flaws at all. Submitting them with no findings scores 100; every finding on them is a false alarm, and their category and explanation parts go
          to precision. Knowing when work is right is part of reviewing.
        </p>
        <h2>Your mentor</h2>
        <p>A mentor can change the verdict on any finding, grade your explanation 0–3 and add a real flaw the answer key missed; your score is then recomputed and both the automatic and the final score are kept.</p>
      </div>
    </div>
  );
}
