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
            <title>
              {p.label}: {p.value}
            </title>
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

interface Bar {
  label: string;
  value: number; // 0..1
  note?: string;
}

export function BarChart({ title, bars, valueLabel }: { title: string; bars: Bar[]; valueLabel: string }) {
  const id = useId();
  const row = 26;
  const W = 640;
  const labelW = 210;
  const H = bars.length * row + 30;
  const iw = W - labelW - 70;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} className="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * row + 4})`}>
            <text x={labelW - 8} y={15} textAnchor="end" className="tick">
              {b.label.length > 30 ? b.label.slice(0, 29) + "…" : b.label}
            </text>
            <rect x={labelW} y={3} width={iw} height={16} className="bar-bg" />
            <rect x={labelW} y={3} width={Math.max(0, b.value) * iw} height={16} className={b.value >= 0.66 ? "bar-good" : b.value >= 0.33 ? "bar-mid" : "bar-bad"} />
            <text x={labelW + iw + 6} y={15} className="tick">
              {Math.round(b.value * 100)} %{b.note ? ` ${b.note}` : ""}
            </text>
          </g>
        ))}
        <text x={labelW + iw / 2} y={H - 4} textAnchor="middle" className="axis-label">
          {valueLabel}
        </text>
      </svg>
      <details>
        <summary className="small">Show as table</summary>
        <table className="data">
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <td>{b.label}</td>
                <td className="num">
                  {Math.round(b.value * 100)} % {b.note ?? ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
