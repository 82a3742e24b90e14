// Looking a passage up in a text. A flaw site's or a decoy's anchor names one place only when it
// is found exactly once: the engine, content:check and the results pages all ask it this way.

/** Offset of the only occurrence of `needle`, or -1 when it is missing or found more than once. */
export function onceAt(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 || text.indexOf(needle, at + 1) >= 0 ? -1 : at;
}

/** Every offset at which `needle` starts (overlapping ones too); none for an empty needle. */
export function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}
