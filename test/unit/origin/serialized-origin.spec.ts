import { describe, expect, it } from '@jest/globals';
import {
  MAX_ORIGIN_LENGTH,
  OriginParts,
  defaultPortOf,
  isCanonicalPort,
  isLoopbackHost,
  parseSerializedOrigin,
} from '../../../lib/internal/origin/serialized-origin.js';

/** A host of exactly `length` characters made of valid labels (at most 63 characters each). */
function hostOfLength(length: number): string {
  const labels: string[] = [];
  let remaining = length;
  while (remaining > 63) {
    labels.push('a'.repeat(62));
    remaining -= 63; // 62 characters + the dot
  }
  labels.push('b'.repeat(remaining));
  return labels.join('.');
}

/** A Chromium extension id (32 letters a-p) and a lowercase UUID (Firefox, Safari). */
const CHROME_ID = 'abcdefghijklmnopabcdefghijklmnop';
const UUID = '2ab33852-d69b-4ed6-99ad-a4839dfec7ed';

describe('hostOfLength (test helper)', () => {
  it.each([1, 63, 64, 200, 253, 254])('builds a host of %i characters', (length) => {
    expect(hostOfLength(length)).toHaveLength(length);
  });
});

describe('MAX_ORIGIN_LENGTH', () => {
  it('is scheme (64) + "://" + host (253) + ":" + port (5)', () => {
    expect(MAX_ORIGIN_LENGTH).toBe(326);
  });
});

describe('parseSerializedOrigin: canonical origins are accepted', () => {
  const longestHost = hostOfLength(253);
  const longestScheme = 'a'.repeat(64);
  it.each<{ value: string; parts: OriginParts }>([
    { value: 'https://example.com', parts: { scheme: 'https', host: 'example.com', port: '' } },
    { value: 'http://example.com', parts: { scheme: 'http', host: 'example.com', port: '' } },
    { value: 'https://app.example.com:8443', parts: { scheme: 'https', host: 'app.example.com', port: '8443' } },
    { value: 'http://localhost:3000', parts: { scheme: 'http', host: 'localhost', port: '3000' } },
    { value: 'http://localhost', parts: { scheme: 'http', host: 'localhost', port: '' } },
    { value: 'http://127.0.0.1:8080', parts: { scheme: 'http', host: '127.0.0.1', port: '8080' } },
    { value: 'http://[::1]', parts: { scheme: 'http', host: '[::1]', port: '' } },
    { value: 'http://[::1]:3000', parts: { scheme: 'http', host: '[::1]', port: '3000' } },
    { value: 'http://[1::2:0:0:3]', parts: { scheme: 'http', host: '[1::2:0:0:3]', port: '' } },
    { value: 'http://[2001:db8::ff00:42:8329]', parts: { scheme: 'http', host: '[2001:db8::ff00:42:8329]', port: '' } },
    { value: 'http://0.0.0.0:8080', parts: { scheme: 'http', host: '0.0.0.0', port: '8080' } },
    { value: 'https://a.1b', parts: { scheme: 'https', host: 'a.1b', port: '' } },
    { value: 'https://[2001:db8::1]:8443', parts: { scheme: 'https', host: '[2001:db8::1]', port: '8443' } },
    { value: 'https://xn--bcher-kva.example', parts: { scheme: 'https', host: 'xn--bcher-kva.example', port: '' } },
    { value: 'https://xn--n3h.example.com:1', parts: { scheme: 'https', host: 'xn--n3h.example.com', port: '1' } },
    { value: 'https://example.com:65535', parts: { scheme: 'https', host: 'example.com', port: '65535' } },
    // :443 is only the default for https, :80 only for http.
    { value: 'http://example.com:443', parts: { scheme: 'http', host: 'example.com', port: '443' } },
    { value: 'https://example.com:80', parts: { scheme: 'https', host: 'example.com', port: '80' } },
    { value: 'https://my_host.example.com', parts: { scheme: 'https', host: 'my_host.example.com', port: '' } },
    { value: `chrome-extension://${CHROME_ID}`, parts: { scheme: 'chrome-extension', host: CHROME_ID, port: '' } },
    { value: `moz-extension://${UUID}`, parts: { scheme: 'moz-extension', host: UUID, port: '' } },
    { value: `safari-web-extension://${UUID}`, parts: { scheme: 'safari-web-extension', host: UUID, port: '' } },
    // The URL Standard keeps one trailing dot, and Chromium sends it (`http://page.test.:PORT`).
    { value: 'https://example.com.', parts: { scheme: 'https', host: 'example.com.', port: '' } },
    { value: 'http://example.com.:3999', parts: { scheme: 'http', host: 'example.com.', port: '3999' } },
    { value: `https://${longestHost}.`, parts: { scheme: 'https', host: `${longestHost}.`, port: '' } },
    { value: 'wss://socket.example.com:444', parts: { scheme: 'wss', host: 'socket.example.com', port: '444' } },
    { value: `https://${'a'.repeat(63)}.com`, parts: { scheme: 'https', host: `${'a'.repeat(63)}.com`, port: '' } },
    { value: `https://${longestHost}`, parts: { scheme: 'https', host: longestHost, port: '' } },
    // Exactly MAX_ORIGIN_LENGTH characters.
    { value: `${longestScheme}://${longestHost}:12345`, parts: { scheme: longestScheme, host: longestHost, port: '12345' } },
  ])('$value', ({ value, parts }) => {
    expect(parseSerializedOrigin(value)).toEqual(parts);
  });
});

describe('parseSerializedOrigin: anything a browser would not send is refused', () => {
  it.each<{ why: string; value: string }>([
    { why: 'empty string', value: '' },
    { why: 'null origin', value: 'null' },
    { why: 'uppercase host', value: 'https://Example.com' },
    { why: 'uppercase scheme', value: 'HTTPS://example.com' },
    { why: 'uppercase IPv6 hex', value: 'http://[::A]' },
    { why: 'trailing slash', value: 'https://example.com/' },
    { why: 'trailing slash after port', value: 'https://example.com:8443/' },
    { why: 'path', value: 'https://example.com/path' },
    { why: 'query', value: 'https://example.com?x=1' },
    { why: 'fragment', value: 'https://example.com#x' },
    { why: 'default port :443 on https', value: 'https://example.com:443' },
    { why: 'default port :80 on http', value: 'http://example.com:80' },
    { why: 'default port :443 on wss', value: 'wss://example.com:443' },
    { why: 'default port :80 on ws', value: 'ws://example.com:80' },
    { why: 'leading-zero port', value: 'https://example.com:08443' },
    { why: 'port 0', value: 'https://example.com:0' },
    { why: 'port > 65535', value: 'https://example.com:65536' },
    { why: 'six-digit port', value: 'https://example.com:100000' },
    { why: 'empty port', value: 'https://example.com:' },
    { why: 'non-numeric port', value: 'https://example.com:http' },
    { why: 'signed port', value: 'https://example.com:+80' },
    { why: 'userinfo', value: 'https://user@example.com' },
    { why: 'userinfo with password', value: 'https://user:pass@example.com' },
    { why: 'leading space', value: ' https://example.com' },
    { why: 'trailing space', value: 'https://example.com ' },
    { why: 'leading tab', value: '\thttps://example.com' },
    { why: 'trailing tab', value: 'https://example.com\t' },
    { why: 'two trailing dots', value: 'https://example.com..' },
    { why: 'a dot alone', value: 'https://.' },
    { why: 'IPv4 with a trailing dot (sent as the dotted quad)', value: 'http://127.0.0.1.' },
    { why: 'host ending in a number, then a dot', value: 'https://example.123.' },
    { why: 'Chromium extension id of 16 letters', value: 'chrome-extension://abcdefghijklmnop' },
    { why: 'Chromium extension id with a letter after p', value: `chrome-extension://${CHROME_ID.slice(1)}q` },
    { why: 'uppercase Chromium extension id', value: `chrome-extension://${CHROME_ID.toUpperCase()}` },
    { why: 'uppercase extension scheme', value: `Chrome-Extension://${CHROME_ID}` },
    { why: 'extension origin with a trailing slash', value: `chrome-extension://${CHROME_ID}/` },
    { why: 'extension origin with a path', value: `chrome-extension://${CHROME_ID}/popup.html` },
    { why: 'extension origin with a port', value: `chrome-extension://${CHROME_ID}:8080` },
    { why: 'extension origin with userinfo', value: `chrome-extension://user@${CHROME_ID}` },
    { why: 'extension id with a suffix label', value: `chrome-extension://${CHROME_ID}.evil` },
    { why: 'uppercase Firefox UUID', value: `moz-extension://${UUID.toUpperCase()}` },
    { why: 'Firefox UUID in braces', value: `moz-extension://{${UUID}}` },
    { why: 'Firefox UUID without dashes', value: `moz-extension://${UUID.replace(/-/g, '')}` },
    { why: 'Firefox add-on id instead of the internal UUID', value: 'moz-extension://addon@example.com' },
    { why: 'uppercase Safari UUID (as runtime.getURL shows it)', value: `safari-web-extension://${UUID.toUpperCase()}` },
    { why: 'leading dot', value: 'https://.example.com' },
    { why: 'empty label', value: 'https://a..example.com' },
    { why: 'empty host', value: 'https://' },
    { why: 'empty host with port', value: 'https://:8443' },
    { why: 'empty IPv6 literal', value: 'http://[]' },
    { why: 'unterminated IPv6 literal', value: 'http://[::1' },
    { why: 'text after IPv6 literal', value: 'http://[::1]x' },
    { why: 'uncompressed IPv6 zero run', value: 'http://[0:0:0:0:0:0:0:1]' },
    { why: 'partly compressed IPv6', value: 'http://[0:0::1]' },
    { why: 'IPv6 compressing the shorter zero run', value: 'http://[1::2:0:0:0:3]' },
    { why: 'IPv6 leading zeros in a group', value: 'http://[::01]' },
    { why: 'IPv6 with embedded IPv4', value: 'http://[::ffff:127.0.0.1]' },
    { why: 'IPv6 with nine groups', value: 'http://[1:2:3:4:5:6:7:8:9]' },
    { why: 'IPv6 with two "::"', value: 'http://[1::2::3]' },
    { why: 'single-number IPv4 (sent as 0.0.0.0)', value: 'http://0' },
    { why: 'short IPv4 (sent as 127.0.0.1)', value: 'http://127.1' },
    { why: 'hex IPv4 part', value: 'http://0x7f.0.0.1' },
    { why: 'octal IPv4 part', value: 'http://0177.0.0.1' },
    { why: 'IPv4 part over 255', value: 'http://1.2.3.256' },
    { why: 'host ending in a number', value: 'https://example.123' },
    { why: 'punycode label that does not decode', value: 'https://xn--a.example' },
    { why: 'comma-joined list', value: 'https://a.com, https://b.com' },
    { why: 'comma-joined list without space', value: 'https://a.com,https://b.com' },
    { why: 'space-separated list', value: 'https://a.com https://b.com' },
    { why: 'over-long value', value: `https://${'a'.repeat(MAX_ORIGIN_LENGTH)}.com` },
    { why: 'one character over MAX_ORIGIN_LENGTH', value: `${'a'.repeat(65)}://${hostOfLength(253)}:12345` },
    { why: 'host over 253 characters', value: `https://${hostOfLength(254)}` },
    { why: 'label over 63 characters', value: `https://${'a'.repeat(64)}.com` },
    { why: 'scheme over 64 characters', value: `${'a'.repeat(65)}://example.com` },
    { why: 'non-ASCII host (IDN not in punycode)', value: 'https://bücher.example' },
    { why: 'latin1-decoded bytes', value: 'https://exa\u00e9mple.com' },
    { why: 'NUL byte', value: 'https://example.com\u0000' },
    { why: 'CR LF', value: 'https://example.com\r\n' },
    { why: 'DEL', value: 'https://exam\u007fple.com' },
    { why: 'missing scheme', value: 'example.com' },
    { why: 'missing //', value: 'https:example.com' },
    { why: 'single slash', value: 'https:/example.com' },
    { why: 'scheme only', value: 'https' },
    { why: 'scheme starting with a digit', value: '1https://example.com' },
    { why: 'empty scheme', value: '://example.com' },
    { why: 'percent-encoding', value: 'https://ex%61mple.com' },
    { why: 'wildcard', value: '*' },
    { why: 'pattern', value: 'https://*.example.com' },
    { why: 'backslash', value: 'https://example.com\\' },
  ])('$why: $value', ({ value }) => {
    expect(parseSerializedOrigin(value)).toBeUndefined();
  });
});

describe('isCanonicalPort', () => {
  it.each<[string, boolean]>([
    ['1', true],
    ['80', true],
    ['8080', true],
    ['65535', true],
    ['65536', false],
    ['99999', false],
    ['0', false],
    ['080', false],
    ['', false],
    ['123456', false],
    ['8o', false],
    ['-1', false],
    [' 80', false],
  ])('%j -> %s', (port, expected) => {
    expect(isCanonicalPort(port)).toBe(expected);
  });
});

describe('defaultPortOf', () => {
  it.each<[string, string | undefined]>([
    ['http', '80'],
    ['https', '443'],
    ['ws', '80'],
    ['wss', '443'],
    ['ftp', undefined],
    ['chrome-extension', undefined],
    ['HTTPS', undefined],
  ])('%s -> %s', (scheme, expected) => {
    expect(defaultPortOf(scheme)).toBe(expected);
  });
});

describe('isLoopbackHost', () => {
  it.each<[string, boolean]>([
    ['localhost', true],
    ['app.localhost', true],
    ['a.b.localhost', true],
    ['[::1]', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['127.255.255.255', true],
    ['localhost.example.com', false],
    ['notlocalhost', false],
    ['localhostx', false],
    ['example.com', false],
    ['127.0.0.1.nip.io', false],
    ['x127.0.0.1', false],
    ['128.0.0.1', false],
    ['10.0.0.1', false],
    ['127.0.0', false],
    ['[::2]', false],
    ['::1', false],
    ['[::1]x', false],
    ['', false],
  ])('%j -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
