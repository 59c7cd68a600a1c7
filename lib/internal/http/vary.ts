/**
 * Adds `token` to a `Vary` value unless it is already listed (case-insensitively) or the
 * value is `*`. Existing values are kept: `Vary` is appended to, never overwritten.
 */
export function appendVary(current: unknown, token: string): string {
  // The common case (the value this module wrote, checked again when the head is written), without allocating.
  if (current === token) return token;
  const value = Array.isArray(current) ? current.join(', ') : current === undefined || current === null ? '' : String(current);
  if (value.trim() === '') return token;
  const lowerToken = token.toLowerCase();
  for (const item of value.split(',')) {
    const name = item.trim().toLowerCase();
    if (name === '*' || name === lowerToken) return value;
  }
  return `${value}, ${token}`;
}
