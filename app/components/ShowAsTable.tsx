import type { ReactNode } from "react";

/**
 * The table behind a chart, folded under "Show as table": the same numbers for screen readers,
 * copying and exact reading. Wide tables scroll sideways inside the region, not the page.
 * `children` are the table's <thead> and <tbody>.
 */
export function ShowAsTable({ children }: { children: ReactNode }) {
  return (
    <details>
      <summary className="small">Show as table</summary>
      <div className="scroll-x" tabIndex={0} role="region" aria-label="Table (scrolls sideways)">
        <table className="data">{children}</table>
      </div>
    </details>
  );
}
