/**
 * The longest origin worth parsing: scheme (64) + "://" + host (253) + ":" + port (5).
 * Anything longer is refused before any matching work (cors-protocol N10).
 */
export const MAX_ORIGIN_LENGTH = 64 + 3 + 253 + 1 + 5;

/** An origin split into its parts; `port` is '' when the scheme's default is used. */
export interface OriginParts {
  scheme: string;
  host: string;
  port: string;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443' };

function isSchemeChar(code: number, first: boolean): boolean {
  const lower = code >= 0x61 && code <= 0x7a;
  if (first) return lower;
  return lower || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;
}

function isHostChar(code: number): boolean {
  // Lowercase LDH plus '_' (which the URL parser keeps); browsers never send uppercase.
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e || code === 0x5f;
}

function isIpv6Char(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66) || code === 0x3a || code === 0x2e;
}

/**
 * Parses a value in the exact form browsers serialize origins (`scheme://host[:port]`,
 * lowercase, punycode, no default port, no path). Returns undefined for anything else,
 * including `null`, so that only canonical values ever reach a matcher. Linear in the length.
 */
export function parseSerializedOrigin(value: string): OriginParts | undefined {
  const length = value.length;
  if (length === 0 || length > MAX_ORIGIN_LENGTH) return undefined;
  let i = 0;
  while (i < length && value.charCodeAt(i) !== 0x3a) {
    if (!isSchemeChar(value.charCodeAt(i), i === 0)) return undefined;
    i++;
  }
  if (i === 0 || i > 64 || value.charCodeAt(i + 1) !== 0x2f || value.charCodeAt(i + 2) !== 0x2f) return undefined;
  const scheme = value.slice(0, i);
  const hostStart = i + 3;
  let j = hostStart;
  if (value.charCodeAt(j) === 0x5b) {
    j++;
    while (j < length && value.charCodeAt(j) !== 0x5d) {
      if (!isIpv6Char(value.charCodeAt(j))) return undefined;
      j++;
    }
    if (j >= length || j === hostStart + 1) return undefined;
    j++;
  } else {
    let labelLength = 0;
    while (j < length && value.charCodeAt(j) !== 0x3a) {
      const code = value.charCodeAt(j);
      if (!isHostChar(code)) return undefined;
      if (code === 0x2e) {
        if (labelLength === 0) return undefined;
        labelLength = 0;
      } else if (++labelLength > 63) {
        return undefined;
      }
      j++;
    }
    // Empty host, empty label or a trailing dot are never serialized by a browser.
    if (labelLength === 0) return undefined;
  }
  const host = value.slice(hostStart, j);
  if (host.length > 253) return undefined;
  let port = '';
  if (j < length) {
    if (value.charCodeAt(j) !== 0x3a) return undefined;
    port = value.slice(j + 1);
    if (!isCanonicalPort(port) || DEFAULT_PORTS[scheme] === port) return undefined;
  }
  return { scheme, host, port };
}

/** A decimal port without leading zeros in 1..65535. */
export function isCanonicalPort(port: string): boolean {
  if (port.length === 0 || port.length > 5 || port.charCodeAt(0) === 0x30) return false;
  for (let k = 0; k < port.length; k++) {
    const code = port.charCodeAt(k);
    if (code < 0x30 || code > 0x39) return false;
  }
  return Number(port) <= 65535;
}

/** The default port of a scheme, if it has one the URL standard knows. */
export function defaultPortOf(scheme: string): string | undefined {
  return DEFAULT_PORTS[scheme];
}

/** True for hosts that are the local machine: localhost names and loopback addresses. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
