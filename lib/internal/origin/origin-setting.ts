import { extensionOriginHint, extensionSchemeOf, isExtensionOrigin } from './extension-origin.js';
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
  const extensionScheme = extensionSchemeOf(value);
  if (extensionScheme !== undefined) {
    if (isExtensionOrigin(value)) return { kind: 'exact', origin: value };
    const code = value.includes('*') ? 'unsupported-pattern' : 'non-canonical-origin';
    return { kind: 'invalid', code, hint: extensionOriginHint(value, extensionScheme) };
  }
  if (!value.includes('*')) {
    // The parser checks the shape; the URL serializer catches forms browsers rewrite
    // (`http://127.1`, `http://[0:0::1]`, `http://[::ffff:127.0.0.1]`).
    if (isAcceptedOrigin(value)) return { kind: 'exact', origin: value };
    return { kind: 'invalid', code: 'non-canonical-origin', hint: suggestCanonicalOrigin(value) };
  }
  return parsePattern(value, true);
}

/** Whether a value (without `*`) is accepted as an exact origin: in the parser's shape and as the URL serializer writes it. */
function isAcceptedOrigin(value: string): boolean {
  return isExtensionOrigin(value) || (parseSerializedOrigin(value) !== undefined && serializedByUrl(value) === value);
}

/** `did you mean "<candidate>"?` when the candidate differs from the value and would itself be accepted. */
function didYouMean(value: string, candidate: string, accepted: (c: string) => boolean): string | undefined {
  return candidate !== value && accepted(candidate) ? `did you mean "${candidate}"?` : undefined;
}

/** Reads a pattern; `suggest` is false when only checking whether a suggestion would be accepted. */
function parsePattern(value: string, suggest: boolean): OriginSetting {
  const unsupported = (hint: string): OriginSetting => ({ kind: 'invalid', code: 'unsupported-pattern', hint });
  const schemeEnd = value.indexOf('://');
  if (schemeEnd <= 0) {
    const candidate = `https://${value.replace(/^\/*/, '')}`;
    const suggestion = suggest ? didYouMean(value, candidate, (c) => parsePattern(c, false).kind === 'pattern') : undefined;
    return unsupported(`a pattern needs a scheme: ${suggestion ?? 'write scheme://*.domain[:port] or scheme://host:*'}`);
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
  if (suffix.endsWith('.') && suffix.length > 1 && !suffix.endsWith('..')) {
    // A trailing-dot host is its own origin; patterns stay on the usual form, so list such origins exactly.
    const candidate = value.replace(/\.(?=(:[^:]*)?$)/, '');
    const suggestion = suggest ? didYouMean(value, candidate, (c) => parsePattern(c, false).kind === 'pattern') : undefined;
    return unsupported(`a pattern's host cannot end with a dot: ${suggestion ?? 'remove the dot'}; list trailing-dot origins (e.g. "https://example.com.") exactly`);
  }
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
    const candidate = suggest ? canonicalPattern(probe, anySubdomain, port) : undefined;
    const suggestion = candidate === undefined ? undefined : didYouMean(value, candidate, (c) => parsePattern(c, false).kind === 'pattern');
    const shape = 'write it as scheme://*.domain[:port] or scheme://host:*';
    const problem = hostProblem(anySubdomain ? suffix : host);
    return unsupported(`"${value}" is not a valid pattern: ${suggestion ?? (problem === undefined ? shape : `${problem}; ${shape}`)}${because}`);
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

/** The pattern the URL serializer would make of one, written as a pattern (`https://*.example.com`, `http://localhost:*`). */
function canonicalPattern(probe: string, anySubdomain: boolean, port: string): string | undefined {
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    return undefined;
  }
  const host = anySubdomain ? `*.${url.hostname.replace(/^x\./, '')}` : url.hostname;
  const portPart = port === '*' ? ':*' : url.port ? `:${url.port}` : '';
  return `${url.protocol}//${host}${portPart}`;
}

/**
 * Why a host the URL parser keeps is still never in a browser's `Origin`: an empty label, an
 * over-long label or name, or a character outside letters, digits, `-`, `_` and `.`.
 */
function hostProblem(host: string): string | undefined {
  if (host.startsWith('[')) return undefined;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name === '' || name.split('.').includes('')) return 'an empty label ("..", or a leading dot) is not a host name';
  if (name.split('.').some((label) => label.length > 63)) return 'a label longer than 63 characters is not a host name';
  if (name.length > 253) return 'a host name longer than 253 characters is not a host name';
  if (!/^[A-Za-z0-9_.-]*$/.test(name)) return 'a host name has only letters, digits, "-", "_" and "."';
  return undefined;
}

/** Explains how a non-canonical origin differs from the form browsers send, and what to write (never the value itself). */
export function suggestCanonicalOrigin(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.includes('://')) {
    const hostAndPort = trimmed.replace(/^\/+/, '').replace(/\/+$/, '');
    const scheme = /^(localhost|127\.|\[::1\])/.test(hostAndPort) ? 'http' : 'https';
    const suggestion = didYouMean(value, `${scheme}://${hostAndPort}`, isAcceptedOrigin);
    return `an origin needs a scheme: ${suggestion ?? 'write scheme://host[:port]'}`;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return `"${value}" is not a URL origin (scheme://host[:port])`;
  }
  if (url.origin === 'null') return `"${url.protocol}" URLs have no origin a browser would send`;
  // Values the URL parser keeps as they are but no page can have: say why, suggest nothing.
  if (url.port === '0') return "port 0 is never a page's port (no page is served from it): write the port the page is served from";
  const problem = hostProblem(url.hostname);
  if (problem !== undefined) return `"${value}" is not an origin a browser sends: ${problem}`;
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
  const because = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
  const suggestion = didYouMean(value, url.origin, isAcceptedOrigin);
  return `${suggestion ?? `"${value}" is not in the form browsers send (scheme://host[:port])`}${because}`;
}
