// Charts for the mentor dashboards, server-rendered SVG like charts.tsx: a title and description
// for screen readers, a <title> on every mark (the browser shows it on hover), and the same
// numbers as a table behind a disclosure. No style attributes (the CSP forbids them): colours
// are SVG fill attributes or classes from dashboards.css.
import { useId } from "react";
import { clipText, pct } from "./charts";
import { heatmapLayout } from "~/domain/stats/heatmap-layout";
import { ShowAsTable } from "./ShowAsTable";

// ---------------------------------------------------------------------------------------------
// Colour scale for rates (hit rate): five bins, red (low) to blue (high), colour-blind safe.

export const RATE_BINS = [
  { upTo: 0.2, fill: "#d73027", label: "0–20 %" },
  { upTo: 0.4, fill: "#fc8d59", label: "20–40 %" },
  { upTo: 0.6, fill: "#fee090", label: "40–60 %" },
  { upTo: 0.8, fill: "#91bfdb", label: "60–80 %" },
  { upTo: 1.01, fill: "#4575b4", label: "80–100 %" },
] as const;
export const NO_DATA_FILL = "#eef0f3";

export function rateFill(rate: number): string {
  return (RATE_BINS.find((b) => rate < b.upTo) ?? RATE_BINS[RATE_BINS.length - 1]).fill;
}


function Swatch({ fill, opacity = 1 }: { fill: string; opacity?: number }) {
  return (
    <svg width="16" height="16" aria-hidden="true">
      <rect x="0.5" y="0.5" width="15" height="15" rx="2" fill={fill} fillOpacity={opacity} stroke="#c5cbd6" />
    </svg>
  );
}

export function RateLegend({ minFlaws }: { minFlaws: number }) {
  return (
    <div className="legend" aria-label="Colour scale">
      <span>Share of seeded flaws detected:</span>
      {RATE_BINS.map((b) => (
        <span key={b.label} className="legend-item">
          <Swatch fill={b.fill} /> {b.label}
        </span>
      ))}
      <span className="legend-item">
        <Swatch fill={NO_DATA_FILL} /> no flaws met yet
      </span>
      <span className="legend-item">
        <Swatch fill={RATE_BINS[3].fill} opacity={0.4} /> faded: fewer than {minFlaws} flaws
      </span>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Heatmap: trainees × categories.

export interface HeatmapProps {
  title: string;
  columns: { category: string; name: string; group: string }[];
  rows: { traineeId: string; name: string; cells: ({ flaws: number; hits: number } | null)[]; overall: { flaws: number; hits: number } }[];
  hrefFor: (traineeId: string) => string;
  minFlaws?: number;
}


export function Heatmap({ title, columns, rows, hrefFor, minFlaws = 3 }: HeatmapProps) {
  const id = useId();
  const labelW = 170;
  // Group headers are packed onto as many lines as they need never to overlap (few columns used
  // to put "SECURITY" over "CONCURRENCY"); few columns get wider cells.
  const { cellW, groups, groupH, right } = heatmapLayout({ columns, labelW });
  const cellH = 18;
  // Narrow columns get vertical labels (no overlap); wider ones a readable slant.
  const angle = cellW < 24 ? 90 : 60;
  const longest = columns.length ? Math.max(...columns.map((c) => Math.min(c.name.length, 30))) : 0;
  const colLabelH = Math.ceil(longest * 6.1 * Math.sin((angle * Math.PI) / 180)) + 12;
  const top = groupH + colLabelH;
  const gridW = columns.length * cellW;
  const overallX = labelW + gridW + 10;
  const width = Math.max(overallX + 46 + (angle === 90 ? 20 : 120), right + 8);
  const height = top + rows.length * cellH + 8;
  const x = (i: number) => labelW + i * cellW;
  const y = (r: number) => top + r * cellH;
  return (
    <figure className="chart">
      {/* A scrolling region is a tab stop, so keyboard users can scroll it too. */}
      <div className="scroll-x" tabIndex={0} role="region" aria-label={`${title} (scrolls sideways)`}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-labelledby={`${id}-t ${id}-d`} className="heatmap-svg">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>
            {rows.length} trainees by {columns.length} flaw categories; colour shows the share of seeded flaws detected. The table below has the same numbers.
          </desc>
          {groups.map((g) => (
            <g key={`${g.name}-${g.from}`}>
              <text x={g.x} y={13 + g.level * 14} className="group-label">
                {g.name}
              </text>
              {g.from > 0 ? <line x1={x(g.from) - 0.5} x2={x(g.from) - 0.5} y1={2 + g.level * 14} y2={height - 6} className="group-rule" /> : null}
            </g>
          ))}
          {columns.map((c, i) => {
            const cx = x(i) + cellW / 2 + 4;
            const cy = top - 5;
            return (
              <text key={c.category} x={cx} y={cy} transform={`rotate(-${angle} ${cx} ${cy})`} className="col-label">
                {clipText(c.name, 30)}
                <title>{c.name}</title>
              </text>
            );
          })}
          <text x={overallX} y={top - 6} className="col-label">
            All
          </text>
          {rows.map((r, ri) => (
            <g key={r.traineeId}>
              <a href={hrefFor(r.traineeId)}>
                <text x={labelW - 8} y={y(ri) + 13} textAnchor="end" className="row-label">
                  {clipText(r.name, 24)}
                </text>
              </a>
              {r.cells.map((cell, ci) => {
                const col = columns[ci];
                if (!cell) {
                  return (
                    <rect key={ci} x={x(ci)} y={y(ri)} width={cellW} height={cellH} fill={NO_DATA_FILL}>
                      <title>{`${r.name} — ${col.name}: no flaw yet`}</title>
                    </rect>
                  );
                }
                const rate = cell.hits / cell.flaws;
                return (
                  <rect key={ci} x={x(ci)} y={y(ri)} width={cellW} height={cellH} fill={rateFill(rate)} fillOpacity={cell.flaws < minFlaws ? 0.4 : undefined}>
                    <title>{`${r.name} — ${col.name}: ${cell.hits} of ${cell.flaws} detected (${pct(rate)})`}</title>
                  </rect>
                );
              })}
              <text x={overallX} y={y(ri) + 13} className="overall-label">
                {r.overall.flaws ? pct(r.overall.hits / r.overall.flaws) : "—"}
                <title>{`${r.name}: ${r.overall.hits} of ${r.overall.flaws} seeded flaws detected in all categories`}</title>
              </text>
            </g>
          ))}
        </svg>
      </div>
      <RateLegend minFlaws={minFlaws} />
      <ShowAsTable>
        <thead>
          <tr>
            <th>Trainee</th>
            {columns.map((c) => (
              <th key={c.category} className="num" title={c.group}>
                {c.name}
              </th>
            ))}
            <th className="num">All categories</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.traineeId}>
              <td>
                <a href={hrefFor(r.traineeId)}>{r.name}</a>
              </td>
              {r.cells.map((c, i) => (
                <td key={i} className="num">
                  {c ? `${pct(c.hits / c.flaws)} (${c.hits}/${c.flaws})` : "—"}
                </td>
              ))}
              <td className="num">{r.overall.flaws ? `${pct(r.overall.hits / r.overall.flaws)} (${r.overall.hits}/${r.overall.flaws})` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </ShowAsTable>
    </figure>
  );
}

// ---------------------------------------------------------------------------------------------
// Small multiples: one sparkline per trainee, with everyone's mean as a dashed reference.

export interface SparkSeries {
  key: string;
  name: string;
  href: string;
  values: (number | null)[];
  attempts: number;
  mean: number | null;
}

function firstLast(values: (number | null)[]): { first: number | null; last: number | null } {
  const xs = values.filter((v): v is number => v !== null);
  return { first: xs.length ? xs[0] : null, last: xs.length ? xs[xs.length - 1] : null };
}

function sparkPath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): { path: string; dots: [number, number][] } {
  let path = "";
  const dots: [number, number][] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    const prev = i > 0 ? values[i - 1] : null;
    const next = i < values.length - 1 ? values[i + 1] : null;
    path += `${prev === null ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
    if (prev === null && next === null) dots.push([x(i), y(v)]);
  });
  return { path: path.trim(), dots };
}

export function SmallMultiples({ title, series, reference, bucketLabels, valueLabel }: { title: string; series: SparkSeries[]; reference: (number | null)[]; bucketLabels: string[]; valueLabel: string }) {
  const W = 180;
  const H = 46;
  const pad = 4;
  const n = Math.max(1, bucketLabels.length);
  const x = (i: number) => pad + (n <= 1 ? (W - 2 * pad) / 2 : (i / (n - 1)) * (W - 2 * pad));
  // One vertical scale for every box (so boxes compare), tight around the data: 10-point steps,
  // at least 30 points tall.
  const all = [...series.flatMap((s) => s.values), ...reference].filter((v): v is number => v !== null);
  let lo = all.length ? Math.floor(Math.min(...all) / 10) * 10 : 0;
  let hi = all.length ? Math.ceil(Math.max(...all) / 10) * 10 : 100;
  if (hi - lo < 30) {
    hi = Math.min(100, lo + 30);
    lo = Math.max(0, hi - 30);
  }
  const y = (v: number) => pad + (H - 2 * pad) * (1 - (v - lo) / (hi - lo || 1));
  const ref = sparkPath(reference, x, y);
  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="muted small">
        Vertical scale of every box: {lo}–{hi}.
      </figcaption>
      <div className="multiples">
        {series.map((s) => {
          const line = sparkPath(s.values, x, y);
          const { first, last } = firstLast(s.values);
          const change = first !== null && last !== null && s.values.filter((v) => v !== null).length > 1 ? Math.round(last - first) : null;
          return (
            <div key={s.key} className="multiple">
              <div className="multiple-head">
                <a href={s.href} title={s.name}>
                  {s.name}
                </a>
                <span className="num">
                  {last === null ? "—" : last.toFixed(0)}
                  {change !== null ? <span className={change > 0 ? "up" : change < 0 ? "down" : "muted"}>{` ${change > 0 ? "▲" : change < 0 ? "▼" : "±"}${Math.abs(change)}`}</span> : null}
                </span>
              </div>
              <svg viewBox={`0 0 ${W} ${H}`} className="spark" role="img" aria-label={`${s.name}: ${s.attempts} attempts, mean ${s.mean ?? "—"}${last !== null ? `, latest ${last}` : ""}`}>
                <line x1={pad} x2={W - pad} y1={H - pad} y2={H - pad} className="spark-base" />
                {ref.path ? <path d={ref.path} className="spark-ref" /> : null}
                {line.path ? <path d={line.path} className="spark-line" /> : null}
                {line.dots.map(([cx, cy], i) => (
                  <circle key={i} cx={cx} cy={cy} r={2.5} className="spark-dot" />
                ))}
                <title>{`${s.name}, ${valueLabel}: ${s.values.map((v, i) => `${bucketLabels[i]} ${v ?? "—"}`).join("; ")}`}</title>
              </svg>
            </div>
          );
        })}
      </div>
      <ShowAsTable>
        <thead>
          <tr>
            <th>Trainee</th>
            <th className="num">Attempts</th>
            <th className="num">Mean</th>
            {bucketLabels.map((l) => (
              <th key={l} className="num">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.key}>
              <td>{s.name}</td>
              <td className="num">{s.attempts}</td>
              <td className="num">{s.mean ?? "—"}</td>
              {s.values.map((v, i) => (
                <td key={i} className="num">
                  {v ?? "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </ShowAsTable>
    </figure>
  );
}

export { pct };
