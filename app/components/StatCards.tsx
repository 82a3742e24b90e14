import type { ReactNode } from "react";

export interface Stat {
  label: string;
  value: ReactNode;
  /** What the number counts, under it; left out, the card has only the label and the number. */
  note?: ReactNode;
}

/**
 * A row of headline numbers, each a card with its label above and a note on what it counts below.
 * `className` is the grid of the row (`grid-4` by default, `grid-3` for three cards).
 */
export function StatCards({ stats, className = "grid-4" }: { stats: Stat[]; className?: string }) {
  return (
    <div className={className}>
      {stats.map((s) => (
        <div className="card" key={s.label}>
          <div className="muted small">{s.label}</div>
          <div className="stat">{s.value}</div>
          {s.note === undefined ? null : <div className="stat-note">{s.note}</div>}
        </div>
      ))}
    </div>
  );
}
