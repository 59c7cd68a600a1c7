import { domainToASCII } from 'node:url';
import { isExtensionHost, isExtensionScheme } from './extension-origin.js';

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
  // Extension origins have one exact shape per scheme (extension-origin.ts): nothing else with
  // that scheme is a candidate, so no pattern, RegExp or function sees a look-alike.
  if (isExtensionScheme(scheme)) {
    const host = value.slice(hostStart);
    return isExtensionHost(scheme, host) ? { scheme, host, port: '' } : undefined;
  }
  let j = hostStart;
  if (value.charCodeAt(j) === 0x5b) {
    j++;
    while (j < length && value.charCodeAt(j) !== 0x5d) {
      if (!isIpv6Char(value.charCodeAt(j))) return undefined;
      j++;
    }
    if (j >= length || j === hostStart + 1) return undefined;
    j++;
    if (!isCanonicalIpv6(value.slice(hostStart + 1, j - 1))) return undefined;
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
    // An empty host or an empty label is never serialized by a browser. One trailing dot is: the
    // URL Standard keeps it (`http://example.com.` is its own origin, and Chromium sends it).
    if (j === hostStart) return undefined;
  }
  const host = value.slice(hostStart, j);
  if (host.length - (endsInDot(host) ? 1 : 0) > 253) return undefined;
  // Special schemes parse a host that ends in a number as IPv4 and re-serialize it
  // (`http://0` is sent as `http://0.0.0.0`), so only the dotted-quad form is canonical.
  if (scheme in DEFAULT_PORTS && host.charCodeAt(0) !== 0x5b) {
    if (endsInNumber(host) && !CANONICAL_IPV4.test(host)) return undefined;
    // A punycode label that does not decode (`xn--a`) makes the URL parser fail: no browser sends it.
    if (host.includes('xn--') && domainToASCII(host) !== host) return undefined;
  }
  let port = '';
  if (j < length) {
    if (value.charCodeAt(j) !== 0x3a) return undefined;
    port = value.slice(j + 1);
    if (!isCanonicalPort(port) || DEFAULT_PORTS[scheme] === port) return undefined;
  }
  return { scheme, host, port };
}

const IPV4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const CANONICAL_IPV4 = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);

function endsInDot(host: string): boolean {
  return host.charCodeAt(host.length - 1) === 0x2e;
}

/**
 * The URL standard's "ends in a number": the last label (after dropping one trailing dot) is
 * decimal digits or `0x` hex. Such hosts are parsed as IPv4, so `http://127.0.0.1.` is sent
 * as `http://127.0.0.1`.
 */
function endsInNumber(host: string): boolean {
  const name = endsInDot(host) ? host.slice(0, -1) : host;
  const last = name.slice(name.lastIndexOf('.') + 1);
  return /^(?:[0-9]+|0x[0-9a-f]*)$/.test(last);
}

/**
 * Whether the text between the brackets is an IPv6 address in the one form the URL standard
 * serializes: eight groups of lowercase hex without leading zeros, the first longest run of two
 * or more zero groups written as `::`, no embedded IPv4. Linear in the (bounded) length.
 */
function isCanonicalIpv6(address: string): boolean {
  if (address.length > 39 || address.includes('.')) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const present = head.length + tail.length;
  if (halves.length === 1 ? present !== 8 : present > 6) return false;
  const groups = halves.length === 1 ? head : [...head, ...new Array<string>(8 - present).fill('0'), ...tail];
  if (!groups.every((g) => /^(?:0|[1-9a-f][0-9a-f]{0,3})$/.test(g))) return false;
  return serializeIpv6(groups) === address;
}

function serializeIpv6(groups: readonly string[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let k = 0; k < 8; k++) {
    if (groups[k] !== '0') continue;
    let end = k;
    while (end < 8 && groups[end] === '0') end++;
    if (end - k > bestLength) {
      bestStart = k;
      bestLength = end - k;
    }
    k = end;
  }
  if (bestStart === -1) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
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
