import { parseSerializedOrigin } from '../origin/serialized-origin.js';

/** What the handshake path reads of a request: Node's `IncomingMessage` has all of it. */
export interface HandshakeRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The connection; a TLS socket has `encrypted: true`. */
  readonly socket?: unknown;
}

/** Characters a `Host` value (`host[:port]`) never has; one of them means it is not a plain authority. */
const NOT_AN_AUTHORITY = /[/?#@\\\s,]/;

/** The first value of a header that proxies may repeat or join with commas. */
function firstValue(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value[0] : value;
  if (joined === undefined) return undefined;
  const comma = joined.indexOf(',');
  return (comma === -1 ? joined : joined.slice(0, comma)).trim();
}

/**
 * The origin of the server as the client addressed it, the way a browser serializes it: the
 * scheme of the connection (`https` over TLS, else `http`) and the `Host` header, lowercased,
 * without the scheme's default port. With `trustForwarded`, `X-Forwarded-Proto` and
 * `X-Forwarded-Host` (first value each) replace them: only a proxy that sets both may be
 * trusted this way. Undefined when the values do not make an origin.
 */
export function ownOrigin(request: HandshakeRequest, trustForwarded: boolean): string | undefined {
  const headers = request.headers;
  const forwardedProto = trustForwarded ? firstValue(headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const forwardedHost = trustForwarded ? firstValue(headers['x-forwarded-host']) : undefined;
  const scheme = forwardedProto || ((request.socket as { encrypted?: unknown } | null | undefined)?.encrypted === true ? 'https' : 'http');
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  // Host is one value (RFC 9112 3.2): anything list-like fails the authority check below.
  const rawHost = forwardedHost || (typeof headers.host === 'string' ? headers.host : undefined);
  if (!rawHost || rawHost.length > 300 || NOT_AN_AUTHORITY.test(rawHost)) return undefined;
  const host = rawHost.toLowerCase();
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  const origin = `${scheme}://${host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host}`;
  return parseSerializedOrigin(origin) === undefined ? undefined : origin;
}
