import * as H from '../http/headers.js';
import { isMethodToken, parseRequestHeaderNames } from '../http/request-header-names.js';
import type { RefusedVerdict } from './cors-verdict.js';
import { refusal } from './refusal-text.js';

/** What a preflight asks for, parsed. */
export interface PreflightAsk {
  readonly method: string;
  /** Requested header names, lowercase. */
  readonly headerNames: readonly string[];
  readonly privateNetwork: boolean;
}

/**
 * Parses what a preflight asks for from its request headers (`Access-Control-Request-Method`,
 * `-Headers`, `-Private-Network`), for HTTP routes and socket.io's polling alike; a malformed
 * method or header list is a refusal. Linear in the header's length, capped.
 */
export function parsePreflight(headers: Readonly<Record<string, string | string[] | undefined>>): PreflightAsk | RefusedVerdict {
  const method = headers[H.ACCESS_CONTROL_REQUEST_METHOD];
  if (typeof method !== 'string' || !isMethodToken(method)) return refusal('malformed-request-method', undefined);
  const rawNames = headers[H.ACCESS_CONTROL_REQUEST_HEADERS];
  const headerNames = rawNames === undefined ? [] : typeof rawNames === 'string' ? parseRequestHeaderNames(rawNames) : undefined;
  if (headerNames === undefined) return refusal('malformed-request-headers', undefined);
  return { method, headerNames, privateNetwork: headers[H.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK] === 'true' };
}
