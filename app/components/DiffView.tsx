import type { DiffRow } from "~/domain/practice/diff-view";

/** The clean-vs-flawed diff as text rows; flags and flaws are labelled for screen readers too. */
export function DiffView({ rows, flagLabel = "your flag" }: { rows: DiffRow[]; flagLabel?: string }) {
  return (
    <div className="diff" role="table" aria-label="Differences between the clean and the reviewed draft">
      {rows.map((r, i) =>
        r.kind === "gap" ? (
          <div key={i} className="diff-gap" role="row">
            <span role="cell">⋯ {r.segments[0][1]}</span>
          </div>
        ) : (
          <div key={i} role="row" id={r.flawedLine && r.kind !== "del" ? `D${r.flawedLine}` : undefined} className={`diff-row ${r.kind}${r.flags.length ? " flagged" : ""}`}>
            <span role="cell" className="no">{r.cleanLine ?? ""}</span>
            <span role="cell" className="no">{r.flawedLine ?? ""}</span>
            <span role="cell" className="sign" aria-label={r.kind === "del" ? "removed" : r.kind === "add" ? "added" : "unchanged"}>
              {r.kind === "del" ? "−" : r.kind === "add" ? "+" : ""}
            </span>
            <span role="cell">
              {r.segments.map(([kind, text], k) => (kind === "del" ? <del key={k}>{text}</del> : kind === "add" ? <ins key={k}>{text}</ins> : <span key={k}>{text}</span>))}
            </span>
            <span role="cell" className="flag">
              {r.flags.length ? `${flagLabel} ${r.flags.map((n) => `#${n}`).join(", ")}` : ""}
            </span>
          </div>
        ),
      )}
    </div>
  );
}
