import { OriginParts } from './serialized-origin.js';

/**
 * A compiled origin pattern: `https://*.example.com` (one or more labels in front of the
 * suffix, never the apex) or `http://localhost:*` (any port, or none). Matched on parsed
 * parts, never by substring, so `https://evilexample.com` cannot match `*.example.com`.
 */
export interface OriginPattern {
  /** The pattern as configured. */
  readonly source: string;
  readonly scheme: string;
  /** The exact host, or the suffix after `*.` when `anySubdomain` is set. */
  readonly host: string;
  readonly anySubdomain: boolean;
  /** '' for the scheme's default port, a port number, or '*' for any port. */
  readonly port: string;
}

/** Whether the parsed origin matches the pattern. */
export function matchesPattern(pattern: OriginPattern, origin: OriginParts): boolean {
  if (origin.scheme !== pattern.scheme) return false;
  if (pattern.port !== '*' && origin.port !== pattern.port) return false;
  if (!pattern.anySubdomain) return origin.host === pattern.host;
  const host = origin.host;
  const suffixLength = pattern.host.length;
  // At least one label, then a dot exactly at the label boundary, then the suffix.
  return (
    host.length > suffixLength + 1 &&
    host.charCodeAt(host.length - suffixLength - 1) === 0x2e &&
    host.endsWith(pattern.host)
  );
}
