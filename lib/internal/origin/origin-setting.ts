import { OriginPattern } from './origin-pattern.js';
import { defaultPortOf, isCanonicalPort, parseSerializedOrigin } from './serialized-origin.js';

/** What a configured origin string turned out to be. */
export type OriginSetting =
  | { kind: 'exact'; origin: string }
  | { kind: 'pattern'; pattern: OriginPattern }
  | { kind: 'invalid'; code: 'null-origin' | 'non-canonical-origin' | 'unsupported-pattern'; hint: string };

/**
 * Reads one configured origin string: an exact canonical origin, a subdomain pattern
 * (`https://*.example.com`) or a port pattern (`http://localhost:*`). Anything else is
 * invalid, with a hint that says what was probably meant.
 */
export function parseOriginSetting(value: string): OriginSetting {
  if (value === 'null') {
    return {
      kind: 'invalid',
      code: 'null-origin',
      hint: 'browsers send "null" from sandboxed iframes, data: and file: pages and after redirects, so it identifies no site; remove it',
    };
  }
  if (!value.includes('*')) {
    // The parser checks the shape; the URL serializer catches forms browsers rewrite
    // (`http://127.1`, `http://[0:0::1]`, `http://[::ffff:127.0.0.1]`).
    if (parseSerializedOrigin(value) && serializedByUrl(value) === value) return { kind: 'exact', origin: value };
    return { kind: 'invalid', code: 'non-canonical-origin', hint: suggestCanonicalOrigin(value) };
  }
  return parsePattern(value);
}

function parsePattern(value: string): OriginSetting {
  const unsupported = (hint: string): OriginSetting => ({ kind: 'invalid', code: 'unsupported-pattern', hint });
  const schemeEnd = value.indexOf('://');
  if (schemeEnd <= 0) {
    return unsupported(`a pattern needs a scheme: did you mean "https://${value.replace(/^\/*/, '')}"?`);
  }
  const scheme = value.slice(0, schemeEnd);
  const rest = value.slice(schemeEnd + 3);
  const colon = rest.lastIndexOf(':');
  const host = colon === -1 ? rest : rest.slice(0, colon);
  const port = colon === -1 ? '' : rest.slice(colon + 1);
  if (host === '*' || host === '*.') {
    return unsupported(`"${value}" would allow every site; use origin: '*' (without credentials) or list the origins`);
  }
  if ((colon !== -1 && port === '') || (port !== '' && port !== '*' && !isCanonicalPort(port))) {
    return unsupported(`"${port}" is not a port; use a number in 1..65535 or "*" for any port`);
  }
  if (port !== '' && port !== '*' && port === defaultPortOf(scheme)) {
    return unsupported(`remove the default port: "${scheme}://${host}"`);
  }
  const anySubdomain = host.startsWith('*.');
  const suffix = anySubdomain ? host.slice(2) : host;
  if (suffix.includes('*') || rest.includes('/')) {
    return unsupported(
      'only a leading "*." (any subdomain) and ":*" (any port) are supported, e.g. "https://*.example.com" or "http://localhost:*"; use an anchored RegExp for anything else',
    );
  }
  const probe = `${scheme}://${anySubdomain ? `x.${suffix}` : suffix}${port === '' ? '' : `:${port === '*' ? '1' : port}`}`;
  const parts = parseSerializedOrigin(probe);
  if (!parts || serializedByUrl(probe) !== probe || (anySubdomain && suffix.startsWith('['))) {
    const reasons = [
      ...(/[A-Z]/.test(value) ? ['use lowercase'] : []),
      // eslint-disable-next-line no-control-regex
      ...(/[^\x00-\x7f]/.test(value) ? ['use the punycode form of the host'] : []),
    ];
    const because = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
    return unsupported(`"${value}" is not a valid pattern: ${suggestCanonicalPattern(probe, anySubdomain, port)}${because}`);
  }
  return { kind: 'pattern', pattern: { source: value, scheme, host: suffix, anySubdomain, port } };
}

/** The origin the URL standard serializes for a value, or undefined when it has none. */
function serializedByUrl(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** A hint for a pattern, written as a pattern (`https://*.example.com`, `http://localhost:*`). */
function suggestCanonicalPattern(probe: string, anySubdomain: boolean, port: string): string {
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return 'write it as scheme://*.domain[:port] or scheme://host:*';
  }
  const host = anySubdomain ? `*.${url.hostname.replace(/^x\./, '')}` : url.hostname;
  const portPart = port === '*' ? ':*' : url.port ? `:${url.port}` : '';
  return `did you mean "${url.protocol}//${host}${portPart}"?`;
}

/** Explains how a non-canonical origin differs from the form browsers send, and what to write. */
export function suggestCanonicalOrigin(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.includes('://')) {
    const hostAndPort = trimmed.replace(/^\/+/, '').replace(/\/+$/, '');
    const scheme = /^(localhost|127\.|\[::1\])/.test(hostAndPort) ? 'http' : 'https';
    return `an origin needs a scheme: did you mean "${scheme}://${hostAndPort}"?`;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return `"${value}" is not a URL origin (scheme://host[:port])`;
  }
  if (url.origin === 'null') return `"${url.protocol}" URLs have no origin a browser would send`;
  const reasons: string[] = [];
  if (trimmed !== value) reasons.push('remove the whitespace');
  if (url.username || url.password) reasons.push('remove the userinfo');
  if (url.pathname !== '/' || url.search || url.hash) reasons.push('remove the path');
  else if (/\/[?#]?$/.test(trimmed)) reasons.push('remove the trailing slash');
  const authority = trimmed.slice(trimmed.indexOf('://') + 3).split(/[/?#]/)[0] ?? '';
  if (/[A-Z]/.test(trimmed.slice(0, trimmed.indexOf('://') + 3 + authority.length))) reasons.push('use lowercase');
  const explicitPort = /:(\d+)$/.exec(authority)?.[1];
  if (explicitPort !== undefined && url.port === '') reasons.push(`remove the default port :${explicitPort}`);
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(authority)) reasons.push('use the punycode form of the host');
  if (authority.replace(/:\d+$/, '').endsWith('.')) reasons.push('remove the trailing dot');
  const because = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
  const canonical = url.origin.replace(/\.(?=(:\d+)?$)/, '');
  return `did you mean "${canonical}"?${because}`;
}
