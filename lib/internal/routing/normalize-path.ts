/** How the adapter compares request paths (see each platform's facts). */
export interface PathPolicyMatching {
  readonly caseSensitive: boolean;
  readonly strictTrailingSlash: boolean;
  /** Fastify matches the percent-decoded path (reserved characters stay encoded); Express the raw one. */
  readonly decode: boolean;
  /** Fastify's `ignoreDuplicateSlashes`. */
  readonly collapseSlashes?: boolean;
  /** Fastify's `useSemicolonDelimiter`: `;` ends the path. */
  readonly semicolonEndsPath?: boolean;
}

/**
 * A request path (no query) as the adapter's router compares it, or undefined when it cannot be
 * decoded (the adapter answers 400: it matches nothing). Decoding is find-my-way's: `decodeURI`,
 * which leaves the reserved characters (`/`, `?`, `#`, ...) encoded, with `%25` kept as it is.
 */
export function normalizeRequestPath(raw: string, matching: PathPolicyMatching): string | undefined {
  let path = raw;
  if (matching.semicolonEndsPath) {
    const semicolon = path.indexOf(';');
    if (semicolon !== -1) path = path.slice(0, semicolon);
  }
  if (matching.decode && path.includes('%')) {
    try {
      path = decodeURI(path.replace(/%25/g, '%2525'));
    } catch {
      return undefined;
    }
  }
  if (matching.collapseSlashes && path.includes('//')) path = path.replace(/\/{2,}/g, '/');
  if (!matching.strictTrailingSlash && path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return matching.caseSensitive ? path : path.toLowerCase();
}
