/**
 * A `paths` key of the module options: an exact path (`/graphql`) or a path ending in `/*`
 * (`/assets/*`), which covers the path before it and everything below, in whole segments.
 */
export interface PathPattern {
  /** As written. */
  readonly source: string;
  /** The literal part: the whole path, or what precedes `/*` (`''` for `/*`). */
  readonly prefix: string;
  readonly wildcard: boolean;
}

/**
 * Characters a pattern may use: RFC 3986 `pchar` without percent-encoding, and `/`. Percent
 * escapes are refused because the adapters disagree on decoding (Express matches the raw path,
 * Fastify the decoded one); `:`, `*` inside, `?`, `#`, braces and parentheses are route syntax.
 */
const LITERAL = /^[A-Za-z0-9\-._~!$&'+,;=@/]*$/;

/** Parses a pattern, or says in one sentence what is wrong with it. */
export function parsePathPattern(source: unknown): PathPattern | string {
  if (typeof source !== 'string' || source.length === 0) return 'a path pattern is a non-empty string';
  if (source[0] !== '/') return `paths start with "/": did you mean "/${source}"?`;
  const wildcard = source.endsWith('/*');
  const prefix = wildcard ? source.slice(0, -2) : source;
  if (prefix.includes('*')) return 'a "*" may only end a pattern, as a whole segment ("/assets/*")';
  if (/[:{}()]/.test(prefix)) {
    return 'path patterns take no parameters: use an exact path or a trailing "/*"; for a controller route, put @Cors() on its controller or handler';
  }
  if (/[?#]/.test(prefix)) return 'a path pattern has no query or fragment';
  if (prefix.includes('//') || (wildcard && prefix.endsWith('/'))) return 'a path pattern has no empty segments ("//")';
  if (!LITERAL.test(prefix)) return 'a path pattern uses unreserved characters only (letters, digits, "-._~!$&\'+,;=@"), not percent escapes or spaces';
  return { source, prefix, wildcard };
}
