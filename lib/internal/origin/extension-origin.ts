/**
 * Browser-extension origins. The URL Standard gives non-special schemes an opaque origin
 * (`new URL('chrome-extension://x').origin` is `'null'` in Node), but browsers register their
 * extension schemes as standard schemes and serialize an extension page's origin as
 * `scheme://host`: that is what they send as `Origin` (cors-protocol B21). Chromium's host is the
 * 32-letter extension id (letters a-p); Firefox's is the per-install internal UUID, lowercase;
 * Safari's is a per-install UUID that `runtime.getURL()` shows in uppercase but that WebKit
 * lowercases in the origin (`SecurityOriginData::fromURL` lowercases the host). Only that exact
 * form is an extension origin: no port, path, trailing slash, userinfo or uppercase.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The host each extension scheme uses, anchored. */
const EXTENSION_HOSTS: ReadonlyMap<string, RegExp> = new Map([
  ['chrome-extension', /^[a-p]{32}$/],
  ['moz-extension', new RegExp(`^${UUID}$`)],
  ['safari-web-extension', new RegExp(`^${UUID}$`)],
]);

/** What the host of each extension scheme looks like, for messages. */
const HOST_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'chrome-extension': 'the 32-letter extension id (letters a to p)',
  'moz-extension': "the extension's internal UUID (about:debugging), lowercase 8-4-4-4-12 hex",
  'safari-web-extension': "the extension's UUID, lowercase 8-4-4-4-12 hex (Safari lowercases it in Origin)",
};

/**
 * A RegExp source written for an extension scheme: `-extension:` (dash and colon escaped or not),
 * as in `^chrome-extension:\/\/`, `^(?:chrome|moz)-extension:` or `^moz\-extension\:`. A host
 * such as `chrome-extension.example.com` is not one.
 */
export const EXTENSION_REGEXP_SOURCE = /\\?-extension\\?:/i;

/** Why extension origins are never matched by a pattern or a RegExp (`what` names the one configured). */
export function extensionPatternHint(what: string): string {
  return (
    `extension origins are allowed exactly, never by pattern: ${what} would allow every extension ` +
    'the user installs (any of which may be hostile); list the exact origin of your extension'
  );
}

/** Whether the scheme is one of the browser-extension schemes this library knows. */
export function isExtensionScheme(scheme: string): boolean {
  return EXTENSION_HOSTS.has(scheme);
}

/** Whether `host` is, exactly, the host an extension origin of `scheme` has. */
export function isExtensionHost(scheme: string, host: string): boolean {
  return EXTENSION_HOSTS.get(scheme)?.test(host) ?? false;
}

/** Whether the value is exactly an extension origin as browsers send it. */
export function isExtensionOrigin(value: string): boolean {
  const schemeEnd = value.indexOf('://');
  return schemeEnd > 0 && isExtensionHost(value.slice(0, schemeEnd), value.slice(schemeEnd + 3));
}

/** The extension scheme a configured value is written with (in any case, after spaces), if any. */
export function extensionSchemeOf(value: string): string | undefined {
  const match = /^\s*([a-z-]+):/i.exec(value);
  const scheme = match?.[1]?.toLowerCase();
  return scheme !== undefined && isExtensionScheme(scheme) ? scheme : undefined;
}

/**
 * Why a configured value with an extension scheme is not an extension origin, and what to write.
 * The suggestion is only given when it is a valid extension origin different from the value.
 */
export function extensionOriginHint(value: string, scheme: string): string {
  if (value.includes('*')) return extensionPatternHint(`a pattern over ${scheme}://`);
  const rest = value.trim().slice(value.trim().indexOf(':') + 1).replace(/^\/\//, '');
  const authority = rest.split(/[/?#]/)[0]!;
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  const reasons: string[] = [];
  if (value !== value.trim()) reasons.push('remove the whitespace');
  if (!value.trim().slice(scheme.length + 1).startsWith('//')) reasons.push('write "://" after the scheme');
  if (authority.includes('@')) reasons.push('remove the userinfo');
  if (/:\d*$/.test(authority)) reasons.push('remove the port');
  if (rest.length > authority.length) reasons.push(rest === `${authority}/` ? 'remove the trailing slash' : 'remove the path');
  if (/[A-Z]/.test(value)) reasons.push('use lowercase');
  const candidate = `${scheme}://${host.toLowerCase()}`;
  const expected = `a ${scheme} origin is ${scheme}:// followed by ${HOST_DESCRIPTIONS[scheme]}`;
  if (isExtensionOrigin(candidate) && candidate !== value) {
    return `did you mean "${candidate}"?${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`;
  }
  return `"${value}" is not an extension origin: ${expected}`;
}
