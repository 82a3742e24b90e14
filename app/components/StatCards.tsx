import type { ReactNode } from "react";

export interface Stat {
  label: string;
  value: ReactNode;
  note: ReactNode;
}

/** A row of headline numbers, each a card with its label above and a note on what it counts below. */
export function StatCards({ stats }: { stats: Stat[] }) {
  return (
    <div className="grid-4">
      {stats.map((s) => (
        <div className="card" key={s.label}>
          <div className="muted small">{s.label}</div>
          <div className="stat">{s.value}</div>
          <div className="stat-note">{s.note}</div>
        </div>
      ))}
    </div>
  );
}
