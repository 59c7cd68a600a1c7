import * as H from '../http/headers.js';

/**
 * The header values a policy grants, computed once when it is compiled (and, for several
 * candidates that must all allow, combined by the decision core). The writers send these as they are.
 */
export interface Grant {
  /** `origin: '*'`: `Access-Control-Allow-Origin: *`, no `Vary: Origin`. */
  readonly anyOrigin: boolean;
  readonly credentials: boolean;
  /** `Access-Control-Expose-Headers` of actual responses, or undefined to omit it. */
  readonly exposeHeaders: string | undefined;
  /** Seconds of `Access-Control-Max-Age`, or undefined to omit it. */
  readonly maxAgeSeconds: number | undefined;
  readonly allowPrivateNetwork: boolean;
  readonly successStatus: number;
  /** The fixed headers of a successful preflight (`Access-Control-Allow-Credentials`, `-Max-Age`), as sent. */
  readonly preflightHeaders: Readonly<Record<string, string>>;
}

/** The fixed headers of a successful preflight for a grant's values. */
export function fixedPreflightHeaders(anyOrigin: boolean, credentials: boolean, maxAgeSeconds: number | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  // Credentials are never granted with `*` (the browser would refuse the response).
  if (credentials && !anyOrigin) headers[H.ALLOW_CREDENTIALS] = 'true';
  if (maxAgeSeconds !== undefined) headers[H.MAX_AGE] = String(maxAgeSeconds);
  return headers;
}
