import type { ReactNode } from "react";

/** A column heading: its text, or its content with `num` for a right-aligned number column. */
export type Column = string | { label: ReactNode; num?: boolean };

/**
 * A data table: a heading row and one row per item (the caller renders each `<tr>`). With
 * `empty`, no items show that instead of an empty table.
 */
export function DataTable<T>({
  rows,
  columns,
  className = "data",
  empty,
  children,
}: {
  rows: readonly T[];
  columns: readonly Column[];
  className?: string;
  empty?: ReactNode;
  children: (row: T, index: number) => ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <table className={className}>
      <thead>
        <tr>
          {columns.map((c, i) =>
            typeof c === "string" ? (
              <th key={i}>{c}</th>
            ) : (
              <th key={i} className={c.num ? "num" : undefined}>
                {c.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{rows.map(children)}</tbody>
    </table>
  );
}
