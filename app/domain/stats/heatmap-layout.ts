// Where the heatmap's group headers go: each header starts over its first column and runs as wide
// as its text; a header that would overlap one already on a line moves to the next line down. With
// few columns the cells widen so the headers have room. Pure geometry, in SVG user units.

export interface HeatmapLayoutInput {
  columns: readonly { group: string }[];
  /** Width of the trainee-name column at the left. */
  labelW: number;
}

export interface GroupHeader {
  name: string;
  from: number;
  to: number;
  /** Line of headers, 0 at the top. */
  level: number;
  x: number;
  /** Right end of the header text (estimated from its length). */
  end: number;
}

export interface HeatmapLayout {
  cellW: number;
  groups: GroupHeader[];
  /** Height of the header lines. */
  groupH: number;
  /** Rightmost point any header reaches. */
  right: number;
}

/** Estimated width of an uppercase 11 px bold label with letter spacing. */
export const groupLabelWidth = (name: string) => Math.ceil(name.length * 8.2) + 4;
const GAP = 8;
const LINE = 14;

export function heatmapLayout({ columns, labelW }: HeatmapLayoutInput): HeatmapLayout {
  const n = columns.length;
  const cellW = n > 30 ? 17 : n > 15 ? 24 : n > 8 ? 34 : 44;
  const groups: GroupHeader[] = [];
  columns.forEach((c, i) => {
    const last = groups[groups.length - 1];
    if (last && last.name === c.group) last.to = i;
    else groups.push({ name: c.group, from: i, to: i, level: 0, x: 0, end: 0 });
  });
  const lineEnds: number[] = [];
  for (const g of groups) {
    g.x = labelW + g.from * cellW + 3;
    g.end = g.x + groupLabelWidth(g.name);
    let level = lineEnds.findIndex((end) => end + GAP <= g.x);
    if (level < 0) level = lineEnds.length;
    lineEnds[level] = g.end;
    g.level = level;
  }
  const lines = Math.max(1, lineEnds.length);
  return { cellW, groups, groupH: 6 + lines * LINE, right: Math.max(0, ...groups.map((g) => g.end)) };
}
