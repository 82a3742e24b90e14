/**
 * React 18's streaming renderer encodes into a 2,048-byte buffer and, when a multi-byte character
 * (·, —, ⟨ …) does not fit at its end, flushes the whole buffer anyway: the unwritten bytes reach
 * the page as NUL characters ("U+202C\0⟩"). They only ever trail a chunk (at most 3, the rest of a
 * 4-byte character), and HTML never needs a NUL, so each chunk loses its trailing NULs.
 * Upstream: facebook/react#26228 (fixed in React 19).
 */
export function trimTrailingNuls(chunk: Buffer): Buffer {
  let end = chunk.length;
  while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}
