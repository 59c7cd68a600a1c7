/**
 * Path segments compared in place: a request path is walked segment by segment through a trie
 * without making a substring of each segment.
 */

/** ASCII `A`-`Z` to lowercase when folding: the only folding a route segment of the trie can see. */
function fold(code: number, caseSensitive: boolean): number {
  return !caseSensitive && code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

/** A hash of `text[start, end)`, folded, computed without allocating a substring. */
export function segmentHash(text: string, start: number, end: number, caseSensitive: boolean): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + fold(text.charCodeAt(i), caseSensitive)) | 0;
  // 30 bits: a small integer in V8 even with pointer compression, so a Map key without a heap number.
  return hash & 0x3fffffff;
}

/** Whether `text[start, end)`, folded, is `segment`. */
export function isSegment(segment: string, text: string, start: number, end: number, caseSensitive: boolean): boolean {
  if (segment.length !== end - start) return false;
  for (let i = 0; i < segment.length; i++) if (segment.charCodeAt(i) !== fold(text.charCodeAt(start + i), caseSensitive)) return false;
  return true;
}
