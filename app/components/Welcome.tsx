// The first thing a new joiner sees on the practice home, until their first review is submitted:
// how a review works in three steps and where to begin — their program's "Next exercise" (the
// program panel below holds the button) or, without a program, the "Start a review" form (or the
// review they already started).
import { Link } from "@remix-run/react";

export interface WelcomeProgram {
  programId: string;
  name: string;
  hasCurrentModule: boolean;
}

export function Welcome({ name, programs, openAttempt }: { name: string; programs: WelcomeProgram[]; openAttempt: { id: string; title: string } | null }) {
  const program = programs.find((p) => p.hasCurrentModule);
  return (
    <section className="card welcome" aria-labelledby="welcome-h" data-testid="welcome">
      <h2 id="welcome-h">Welcome to Redline, {name}</h2>
      <ol className="welcome-steps">
        <li>Read the brief, then the draft an AI wrote for it. It may contain flaws — or none.</li>
        <li>Flag each flaw: the lines, what kind of flaw it is, and why it matters.</li>
        <li>Submit. You get a score against the answer key right away, and a mentor reviews your work.</li>
      </ol>
      <p className="welcome-next">
        {program ? (
          <>
            Your first exercise is in your program <a href={`#prog-${program.programId}`}>{program.name}</a>: press <strong>Next exercise</strong> there.
          </>
        ) : openAttempt ? (
          <>
            Carry on with your first review: <Link to={`/practice/attempts/${openAttempt.id}`}>{openAttempt.title}</Link>.
          </>
        ) : (
          <>
            Pick a domain and a difficulty under <a href="#start-h">Start a review</a> — “2 · easy” is a good first exercise.
          </>
        )}
      </p>
    </section>
  );
}
