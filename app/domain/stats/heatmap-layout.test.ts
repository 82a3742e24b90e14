import { describe, expect, it } from "vitest";
import { heatmapLayout } from "./heatmap-layout";

const cols = (...groups: [string, number][]) => groups.flatMap(([g, n]) => Array.from({ length: n }, () => ({ group: g })));

function overlaps(layout: ReturnType<typeof heatmapLayout>) {
  const bad: string[] = [];
  for (const a of layout.groups)
    for (const b of layout.groups) if (a !== b && a.level === b.level && a.x < b.x && a.end > b.x) bad.push(`${a.name} over ${b.name}`);
  return bad;
}

describe("heatmap group headers", () => {
  it("three one-column groups with long names never share a line where they would overlap", () => {
    // Filtered to a few categories: one column per group (the case that overlapped).
    const layout = heatmapLayout({ columns: cols(["Concurrency", 1], ["Security", 1], ["Data integrity", 1]), labelW: 170 });
    expect(overlaps(layout)).toEqual([]);
    expect(layout.groups.map((g) => g.level)).toEqual([0, 1, 2]);
    expect(layout.groupH).toBeGreaterThanOrEqual(3 * 14);
  });

  it("wide groups stay on one line, and few columns get wider cells", () => {
    const layout = heatmapLayout({ columns: cols(["Logic", 6], ["Async", 5], ["Security", 5]), labelW: 170 });
    expect(layout.groups.every((g) => g.level === 0)).toBe(true);
    expect(overlaps(layout)).toEqual([]);
    expect(heatmapLayout({ columns: cols(["Logic", 3]), labelW: 170 }).cellW).toBeGreaterThan(layout.cellW);
  });

  it("reports how far right the headers reach so the chart can be wide enough", () => {
    const layout = heatmapLayout({ columns: cols(["A very long group name indeed", 1]), labelW: 100 });
    expect(layout.right).toBeGreaterThan(100 + layout.cellW);
  });
});
