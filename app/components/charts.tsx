// Server-rendered, accessible SVG charts: a title and description for screen readers, axis
// labels, and the same numbers as a table behind a disclosure.
import { useId } from "react";

interface LinePoint {
  label: string;
  value: number;
}

export function LineChart({ title, points, yLabel, xLabel, max = 100 }: { title: string; points: LinePoint[]; yLabel: string; xLabel: string; max?: number }) {
  const id = useId();
  const W = 640;
  const H = 220;
  const pad = { l: 44, r: 12, t: 12, b: 36 };
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const x = (i: number) => pad.l + (points.length <= 1 ? iw / 2 : (i / (points.length - 1)) * iw);
  const y = (v: number) => pad.t + ih - (v / max) * ih;
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {points.length} points; {yLabel} from {Math.min(...points.map((p) => p.value))} to {Math.max(...points.map((p) => p.value))}.
        </desc>
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t}>
            <line x1={pad.l} x2={W - pad.r} y1={y((t / 100) * max)} y2={y((t / 100) * max)} className="grid" />
            <text x={pad.l - 6} y={y((t / 100) * max) + 4} className="tick" textAnchor="end">
              {(t / 100) * max}
            </text>
          </g>
        ))}
        <path d={path} className="series" fill="none" />
        {points.map((p, i) => (
          <circle key={i} cx={x(i)} cy={y(p.value)} r={3.5} className="dot">
            <title>{`${p.label}: ${p.value}`}</title>
          </circle>
        ))}
        <text x={pad.l + iw / 2} y={H - 6} className="axis-label" textAnchor="middle">
          {xLabel}
        </text>
        <text x={12} y={pad.t + ih / 2} className="axis-label" textAnchor="middle" transform={`rotate(-90 12 ${pad.t + ih / 2})`}>
          {yLabel}
        </text>
      </svg>
      <details>
        <summary className="small">Show as table</summary>
        <table className="data">
          <thead>
            <tr>
              <th>{xLabel}</th>
              <th className="num">{yLabel}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <td>{p.label}</td>
                <td className="num">{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)} %`);
export const clipText = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// ---------------------------------------------------------------------------------------------
// Horizontal bars for rates where lower is better (false alarms, misses) or higher is better.

export interface HBar {
  key: string;
  label: string;
  value: number;
  note?: string;
  href?: string;
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
  const row = 24;
  const labelW = 260;
  const noteW = 250;
  const iw = 360;
  const W = labelW + iw + noteW;
  const top = marker ? 16 : 4;
  const H = top + bars.length * row + 26;
  // A round maximum with round ticks: 10 %, 20 %, 25 %, 50 %, 75 % or 100 %.
  const top0 = Math.max(...bars.map((b) => b.value), marker?.value ?? 0);
  const scales: [number, number][] = [
    [0.1, 0.02],
    [0.2, 0.05],
    [0.25, 0.05],
    [0.5, 0.1],
    [0.75, 0.25],
    [1, 0.25],
  ];
  const [max, step] = scales.find(([m]) => top0 <= m) ?? [Math.ceil(top0), Math.ceil(top0) / 4];
  const xs = (v: number) => labelW + (Math.min(v, max) / max) * iw;
  const cls = (v: number) => {
    const [a, b] = thresholds;
    if (lowerIsBetter) return v <= a ? "bar-good" : v <= b ? "bar-mid" : "bar-bad";
    return v >= b ? "bar-good" : v >= a ? "bar-mid" : "bar-bad";
  };
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-labelledby={`${id}-t`} className="hbar-svg">
        <title id={`${id}-t`}>{title}</title>
        {bars.map((b, i) => {
          const label = (
            <text x={labelW - 8} y={top + i * row + 16} textAnchor="end" className="label">
              {clipText(b.label, 36)}
            </text>
          );
          return (
            <g key={b.key}>
              {b.href ? <a href={b.href}>{label}</a> : label}
              <rect x={labelW} y={top + i * row + 4} width={iw} height={16} className="bar-bg" />
              <rect x={labelW} y={top + i * row + 4} width={Math.max(0, xs(b.value) - labelW)} height={16} className={cls(b.value)}>
                <title>{`${b.label}: ${pct(b.value)}${b.note ? ` ${b.note}` : ""}`}</title>
              </rect>
              <text x={labelW + iw + 6} y={top + i * row + 16} className="tick">
                {pct(b.value)}
                {b.note ? ` ${b.note}` : ""}
              </text>
            </g>
          );
        })}
        {ticks.map((t) => (
          <text key={t} x={xs(t)} y={H - 14} textAnchor="middle" className="tick">
            {pct(t)}
          </text>
        ))}
        {marker ? (
          <g>
            <line x1={xs(marker.value)} x2={xs(marker.value)} y1={top - 2} y2={top + bars.length * row + 2} className="marker" />
            <text x={xs(marker.value)} y={10} textAnchor="middle" className="marker-label">
              {marker.label}
            </text>
          </g>
        ) : null}
        <text x={labelW + iw / 2} y={H - 1} textAnchor="middle" className="tick">
          {valueLabel}
        </text>
      </svg>
      <details>
        <summary className="small">Show as table</summary>
        <table className="data">
          <tbody>
            {bars.map((b) => (
              <tr key={b.key}>
                <td>{b.label}</td>
                <td className="num">
                  {pct(b.value, 1)} {b.note ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
