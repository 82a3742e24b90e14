// What a pull request's checks load: the files the diff produces (its post-image), not the diff
// itself (decisions 097 and 100). Pure.
//
// A file shown whole (one hunk starting at line 1 of the new file) is rebuilt as the module it
// becomes. A file shown as one hunk inside it (a test added to an existing `describe`) is rebuilt
// as the hunk's enclosing line, which git prints after the hunk header (`@@ -18,5 +18,29 @@
// describe("GET /api/x", () => {`), followed by the hunk's new lines; the check supplies whatever
// the hunk uses from outside it. Line counts in hunk headers are not enforced: a flaw variant
// edits the diff as a reader sees it, and may add or drop a line.

export interface PostImage {
  /** The path after the change (`b/…`). */
  file: string;
  /** Shown whole: the hunk starts at line 1 of the new file. */
  whole: boolean;
  /** The rebuilt text, or why it cannot be rebuilt from the diff. */
  text?: string;
  error?: string;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@ ?(.*)$/;

/** Every changed file of a unified diff with its post-image (or why none can be rebuilt). */
export function postImages(diff: string): PostImage[] {
  const lines = diff.split("\n");
  const out: PostImage[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = /^diff --git a\/(\S+) b\/(\S+)$/.exec(lines[i]);
    if (!header) continue;
    const file = header[2];
    const hunks: { start: number; context: string; lines: string[]; blanks: number }[] = [];
    let problem: string | undefined;
    let j = i + 1;
    for (; j < lines.length && !lines[j].startsWith("diff --git "); j++) {
      const l = lines[j];
      const h = HUNK.exec(l);
      if (h) {
        hunks.push({ start: Number(h[1]), context: h[2], lines: [], blanks: 0 });
        continue;
      }
      const hunk = hunks[hunks.length - 1];
      if (!hunk) continue; // index, ---, +++ and mode lines
      if (l.startsWith("-") || l.startsWith("\\")) continue; // removed, "\ No newline at end of file"
      if (l.startsWith("+") || l.startsWith(" ")) {
        hunk.lines.push(l.slice(1));
        hunk.blanks = 0;
      } else if (l === "") {
        hunk.lines.push(""); // a blank context line whose leading space was trimmed
        hunk.blanks++;
      }      else problem ??= `line ${j + 1} of the diff is inside a hunk of ${file} but starts with neither " ", "+" nor "-": "${l.slice(0, 60)}"`;
    }
    i = j - 1;
    // Empty lines after a file's last hunk end the diff's text; they are not context.
    const last = hunks[hunks.length - 1];
    if (last) last.lines.splice(last.lines.length - last.blanks, last.blanks);
    if (problem) out.push({ file, whole: false, error: problem });
    else if (!hunks.length) out.push({ file, whole: false, error: `${file} has no hunk in the diff` });
    else if (hunks.length > 1) out.push({ file, whole: false, error: `${file} is shown in ${hunks.length} hunks (at lines ${hunks.map((h) => h.start).join(", ")} of the new file); only a file shown whole or in one hunk can be rebuilt from the diff` });
    else if (hunks[0].start === 1) out.push({ file, whole: true, text: hunks[0].lines.join("\n") });
    else if (!hunks[0].context.trim()) out.push({ file, whole: false, error: `${file}: the hunk at line ${hunks[0].start} of the new file does not name the block it sits in (no text after its @@ header), so it cannot be rebuilt from the diff` });
    else out.push({ file, whole: false, text: `${hunks[0].context}\n${hunks[0].lines.join("\n")}` });
  }
  return out;
}

/** The module a pull request's checks load by default: the first changed `.ts` file that is not a test, shown whole. */
export function mainModule(images: PostImage[]): PostImage | { error: string } {
  const candidates = images.filter((p) => /\.tsx?$/.test(p.file) && !/\.test\.tsx?$/.test(p.file));
  if (!candidates.length) return { error: "the diff changes no TypeScript module (a .ts file that is not a test)" };
  const whole = candidates.find((p) => p.whole && p.text !== undefined);
  if (whole) return whole;
  return { error: candidates[0].error ?? `${candidates[0].file} is not shown whole in the diff` };
}
