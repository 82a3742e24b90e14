const ROWS = [
  { key: "detection", label: "Detection", help: "Share of the flaws you found, weighted by severity" },
  { key: "precision", label: "Precision", help: "How much of your confidence went to real flaws" },
  { key: "category", label: "Category", help: "Found flaws you put in the right category" },
  { key: "explanation", label: "Explanation", help: "Key points your explanations covered" },
] as const;

interface Props {
  components: Record<(typeof ROWS)[number]["key"], number | null>;
  weights: Record<(typeof ROWS)[number]["key"], number>;
}

/** The score's components as labelled bars (an accessible list, not a chart). */
export function ScoreBars({ components, weights }: Props) {
  return (
    <div className="bars" role="list" aria-label="Score components">
      {ROWS.map((r) => {
        const v = components[r.key];
        return (
          <div key={r.key} role="listitem" className="bar-row">
            <span title={r.help}>
              {r.label} <span className="muted small">×{weights[r.key]}</span>
            </span>
            <span className="bar" aria-hidden="true">
              <span className={`w${v === null ? 0 : Math.round(v * 20) * 5}`} />
            </span>
            <span className="num">{v === null ? "n/a" : `${Math.round(v * 100)} %`}</span>
          </div>
        );
      })}
    </div>
  );
}
