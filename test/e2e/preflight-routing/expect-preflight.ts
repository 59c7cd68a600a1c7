import { expect } from '@jest/globals';
import { RawResponse, corsHeaders } from '../utils/http.js';

/** `Vary` of every preflight answer: the decision depends on all three request headers. */
export const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';

export interface AllowedPreflight {
  origin: string;
  /** The requested method, echoed alone in Access-Control-Allow-Methods. */
  method: string;
  /** Expected Access-Control-Allow-Headers; omitted = header absent. */
  allowHeaders?: string;
  /** Access-Control-Allow-Credentials: true expected. */
  credentials?: boolean;
  /** Expected Access-Control-Max-Age; omitted = header absent. */
  maxAge?: number;
  /** Expected status; default 204. */
  status?: number;
}

/** A successful preflight: status, every Access-Control-* header exactly (absent ones included), Vary, empty body. */
export function expectAllowed(res: RawResponse, expected: AllowedPreflight): void {
  const cors: Record<string, string[]> = {
    'access-control-allow-origin': [expected.origin],
    'access-control-allow-methods': [expected.method],
  };
  if (expected.allowHeaders !== undefined) cors['access-control-allow-headers'] = [expected.allowHeaders];
  if (expected.credentials) cors['access-control-allow-credentials'] = ['true'];
  if (expected.maxAge !== undefined) cors['access-control-max-age'] = [String(expected.maxAge)];
  const status = expected.status ?? 204;
  expect({ status: res.status, cors: corsHeaders(res), vary: res.headers.vary, body: res.body, length: res.headers['content-length'] }).toEqual({
    status,
    cors,
    vary: [PREFLIGHT_VARY],
    body: '',
    // RFC 9110 §8.6: a 204 carries no Content-Length.
    length: status === 204 ? undefined : ['0'],
  });
}

/** A refused preflight: 403, not a single Access-Control-* header, empty body. */
export function expectRefused(res: RawResponse): void {
  expect({ status: res.status, cors: corsHeaders(res), vary: res.headers.vary, body: res.body, length: res.headers['content-length'] }).toEqual({
    status: 403,
    cors: {},
    vary: [PREFLIGHT_VARY],
    body: '',
    length: ['0'],
  });
}
