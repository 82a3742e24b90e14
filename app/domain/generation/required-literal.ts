// Text every match of an operator's pattern must contain, so a document without it is skipped
// before the regular expression runs (most operators match nothing in most documents).

/**
 * The longest run of plain characters every match of the pattern contains ("" when the pattern
 * has a top-level alternative or no such run). Conservative: only characters outside groups,
 * classes and escapes like \w count, and a character made optional by a quantifier does not.
 */
export function requiredLiteral(pattern: string): string {
  let best = "";
  let run = "";
  let depth = 0;
  const end = () => {
    if (run.length > best.length) best = run;
    run = "";
  };
  const literal = (ch: string, next: string | undefined) => {
    if (next === "?" || next === "*" || next === "{") return end(); // optional: not required
    run += ch;
    if (next === "+") end();
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const esc = pattern[++i];
      if (esc === undefined) return "";
      if (depth === 0 && /^[^A-Za-z0-9]$/.test(esc)) literal(esc, pattern[i + 1]);
      else end();
    } else if (ch === "[") {
      end();
      for (i++; i < pattern.length && pattern[i] !== "]"; i++) if (pattern[i] === "\\") i++;
    } else if (ch === "(") {
      end();
      depth++;
    } else if (ch === ")") {
      end();
      depth--;
    } else if (ch === "|") {
      if (depth === 0) return "";
    } else if (depth > 0) continue;
    else if (".^$?*+{}]".includes(ch)) end();
    else literal(ch, pattern[i + 1]);
  }
  end();
  return best;
}
