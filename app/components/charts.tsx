// Accessible charts that size to their container: the marks are SVG drawn in a stretched
// 0–100 coordinate box (so a chart fills the card at any width; strokes and dots keep their size
// through `vector-effect`), and every word (labels, values, ticks) is HTML text, so it wraps
// instead of being cut and keeps the page's font size on a phone. No inline styles (the CSP
// refuses them): positions are SVG attributes, tick rows are spaced by flexbox.
import { useId, type ReactNode } from "react";
import { ShowAsTable } from "./ShowAsTable";

interface LinePoint {
  label: string;
  value: number;
}

export const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)} %`);
export const clipText = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The chart's numbers as a table behind "Show as table", for reading and copying. */
function ChartTable({ head, rows }: { head: [string, string]; rows: { key: string; label: string; value: ReactNode }[] }) {
  return (
    <ShowAsTable>
      <thead>
        <tr>
          <th>{head[0]}</th>
          <th className="num">{head[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.label}</td>
            <td className="num">{r.value}</td>
          </tr>
        ))}
      </tbody>
    </ShowAsTable>
  );
}

/** Tick labels spread evenly along a row or a column, each centred on its position. */
function Ticks({ values, className }: { values: string[]; className: string }) {
  return (
    <div className={`chart-ticks ${className}`} aria-hidden="true">
      {values.map((v, i) => (
        <span key={i}>
          <span>{v}</span>
        </span>
      ))}
    </div>
  );
}

export function LineChart({ title, points, yLabel, xLabel, max = 100 }: { title: string; points: LinePoint[]; yLabel: string; xLabel: string; max?: number }) {
  const id = useId();
  // x and y in a 100 × 100 box; the box is stretched to the plot area.
  const x = (i: number) => (points.length <= 1 ? 50 : 1.5 + (i / (points.length - 1)) * 97);
  const y = (v: number) => 100 - (Math.min(Math.max(v, 0), max) / max) * 100;
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(2)},${y(p.value).toFixed(2)}`).join(" ");
  const ticks = [100, 75, 50, 25, 0].map((t) => String((t / 100) * max));
  const values = points.map((p) => p.value);
  return (
    <figure className="chart line-chart">
      <div className="line-chart-body">
        <span className="chart-axis-label line-chart-y">{yLabel}</span>
        <Ticks values={ticks} className="line-chart-yticks" />
        <svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-labelledby={`${id}-t ${id}-d`} className="line-chart-plot">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>
            {points.length} points; {yLabel} from {Math.min(...values)} to {Math.max(...values)}.
          </desc>
          {[0, 25, 50, 75, 100].map((t) => (
            <line key={t} x1={0} x2={100} y1={t} y2={t} className="grid" vectorEffect="non-scaling-stroke" />
          ))}
          <path d={path} className="series" fill="none" vectorEffect="non-scaling-stroke" />
          {points.map((p, i) => (
            // A zero-length stroke with round caps: a dot that keeps its size however the box is stretched.
            <path key={i} d={`M${x(i).toFixed(2)},${y(p.value).toFixed(2)}h0`} className="dot" vectorEffect="non-scaling-stroke">
              <title>{`${p.label}: ${p.value}`}</title>
            </path>
          ))}
        </svg>
      </div>
      <figcaption className="chart-axis-label line-chart-x">{xLabel}</figcaption>
      <ChartTable head={[xLabel, yLabel]} rows={points.map((p, i) => ({ key: String(i), label: p.label, value: p.value }))} />
    </figure>
  );
}

// ---------------------------------------------------------------------------------------------
// Horizontal bars for rates where lower is better (false alarms, misses) or higher is better.

export interface HBar {
  key: string;
  label: string;
  value: number;
  note?: string;
  href?: string;
}

/** A round maximum with round ticks: 10 %, 20 %, 25 %, 50 %, 75 % or 100 %. */
export function barScale(top: number): { max: number; step: number } {
  const scales: [number, number][] = [
    [0.1, 0.02],
    [0.2, 0.05],
    [0.25, 0.05],
    [0.5, 0.1],
    [0.75, 0.25],
    [1, 0.25],
  ];
  const [max, step] = scales.find(([m]) => top <= m) ?? [Math.ceil(top), Math.ceil(top) / 4];
  return { max, step };
}

export function HBarChart({
  title,
  bars,
  valueLabel,
  lowerIsBetter,
  thresholds = [0.33, 0.66],
  marker,
}: {
  title: string;
  bars: HBar[];
  valueLabel: string;
  lowerIsBetter: boolean;
  /** [good/mid, mid/bad] boundaries on the value (flipped meaning when higher is better). */
  thresholds?: [number, number];
  marker?: { value: number; label: string };
}) {
  const id = useId();
  const { max, step } = barScale(Math.max(...bars.map((b) => b.value), marker?.value ?? 0));
  const w = (v: number) => (Math.min(Math.max(v, 0), max) / max) * 100;
  const cls = (v: number) => {
    const [a, b] = thresholds;
    if (lowerIsBetter) return v <= a ? "bar-good" : v <= b ? "bar-mid" : "bar-bad";
    return v >= b ? "bar-good" : v >= a ? "bar-mid" : "bar-bad";
  };
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => pct(i * step));
  return (
    <figure className="chart hbar-chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`} className="sr-only">
        {title}
      </figcaption>
      <ul className="hbar-rows">
        {bars.map((b) => (
          <li key={b.key} className="hbar-row">
            <span className="hbar-label">{b.href ? <a href={b.href}>{b.label}</a> : b.label}</span>
            <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="hbar-track" aria-hidden="true">
              <rect x={0} y={0} width={100} height={10} className="bar-bg" />
              <rect x={0} y={0} width={w(b.value)} height={10} className={cls(b.value)} />
              {marker ? <line x1={w(marker.value)} x2={w(marker.value)} y1={0} y2={10} className="marker" vectorEffect="non-scaling-stroke" /> : null}
            </svg>
            <span className="hbar-value">
              {pct(b.value)}
              {b.note ? <span className="muted"> {b.note}</span> : null}
            </span>
          </li>
        ))}
        <li className="hbar-row hbar-axis" aria-hidden="true">
          <Ticks values={ticks} className="hbar-ticks" />
        </li>
      </ul>
      <p className="chart-axis-label hbar-caption">
        {valueLabel}
        {marker ? <span className="muted"> · dashed line: {marker.label}</span> : null}
      </p>
    </figure>
  );
}
