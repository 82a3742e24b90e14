/**
 * Under a false alarm placed on a decoy: the passage is correct though unusual, and why. The same
 * words on the trainee's results and on the mentor's review of the attempt.
 */
export function DecoyNote({ decoy }: { decoy: { why: string } | null | undefined }) {
  return decoy ? (
    <p className="notice small" data-testid="decoy-note">
      <strong>This passage is correct, though unusual — a decoy.</strong> {decoy.why}
    </p>
  ) : null;
}
