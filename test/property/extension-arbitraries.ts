/**
 * Browser-extension origins for the property suite, and their reference model. The WHATWG URL
 * parser cannot be the model here: `chrome-extension:` is not a special scheme, so
 * `new URL('chrome-extension://<id>').origin` is `'null'` in Node. Browsers nonetheless register
 * their extension schemes as standard schemes and send `Origin: <scheme>://<host>`, lowercase,
 * with no port or path (cors-protocol B21). The model below writes that rule out independently
 * of the library: a Chromium id is 32 letters a-p; Firefox and Safari use a lowercase UUID.
 */
import fc from 'fast-check';
import type { Candidate, OriginSpec } from './arbitraries.js';

const MODEL: Readonly<Record<string, RegExp>> = {
  'chrome-extension': /^chrome-extension:\/\/[a-p]{32}$/,
  'moz-extension': /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  'safari-web-extension': /^safari-web-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

export const EXTENSION_SCHEMES = Object.keys(MODEL);

/** Reference model: whether a value is exactly an extension origin a browser sends. */
export function isModelExtensionOrigin(value: string): boolean {
  return Object.values(MODEL).some((re) => re.test(value));
}

const chromeIdArb = fc.array(fc.constantFrom(...'abcdefghijklmnop'), { minLength: 32, maxLength: 32 }).map((c) => c.join(''));
const uuidArb = fc.uuid().map((u) => u.toLowerCase());

/** A canonical extension origin, as an origin spec (no port). */
export const extensionSpecArb: fc.Arbitrary<OriginSpec> = fc.oneof(
  chromeIdArb.map((host) => ({ scheme: 'chrome-extension', host, port: '' })),
  fc.tuple(fc.constantFrom('moz-extension', 'safari-web-extension'), uuidArb).map(([scheme, host]) => ({ scheme, host, port: '' })),
);

/** Near misses of an extension origin: other extensions (may be allowed), and forms no browser sends. */
export function extensionNearMissArb(seed: OriginSpec): fc.Arbitrary<Candidate> {
  const { scheme, host } = seed;
  const origin = `${scheme}://${host}`;
  const semantic = (kind: string, value: fc.Arbitrary<string>) => value.map((v): Candidate => ({ kind, structural: false, value: v }));
  const structural = (kind: string, value: fc.Arbitrary<string>) => value.map((v): Candidate => ({ kind, structural: true, value: v }));
  const letters = [...host].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  return fc.oneof(
    semantic('other-extension', extensionSpecArb.map((s) => `${s.scheme}://${s.host}`)),
    semantic('same-host-other-scheme', fc.constantFrom(...EXTENSION_SCHEMES.filter((s) => s !== scheme)).map((s) => `${s}://${host}`)),
    semantic('same-host-on-https', fc.constantFrom('https', 'http').map((s) => `${s}://${host}`)),
    structural('uppercase-id', fc.nat().map((n) => {
      const i = letters[n % letters.length]!;
      return `${scheme}://${host.slice(0, i)}${host[i]!.toUpperCase()}${host.slice(i + 1)}`;
    })),
    structural('uppercase-scheme', fc.constantFrom(scheme.toUpperCase(), scheme[0]!.toUpperCase() + scheme.slice(1)).map((s) => `${s}://${host}`)),
    structural('trailing-slash-or-path', fc.constantFrom('/', '/popup.html', '/?x', '#', '/.').map((p) => origin + p)),
    structural('port', fc.constantFrom('1', '80', '443', '8080', '', '0').map((p) => `${origin}:${p}`)),
    structural('userinfo', fc.constantFrom('user@', 'user:pw@', '@').map((u) => `${scheme}://${u}${host}`)),
    structural('suffix-label', fc.constantFrom('.evil', '.evil.com', '.', '-evil', 'a', '0').map((s) => origin + s)),
    structural('prefix', fc.constantFrom('evil.', 'a', '-', 'x.').map((p) => `${scheme}://${p}${host}`)),
    structural('truncated', fc.integer({ min: 0, max: host.length - 1 }).map((n) => `${scheme}://${host.slice(0, n)}`)),
    structural('braces', fc.constant(`${scheme}://{${host}}`)),
    structural('whitespace', fc.constantFrom(' ', '\t', '\u00a0').map((w) => w + origin)),
    structural('list', extensionSpecArb.map((s) => `${origin}, ${s.scheme}://${s.host}`)),
    structural('scheme-mangling', fc.constantFrom(`${scheme}:${host}`, `${scheme}:/${host}`, `${scheme}:///${host}`, `//${host}`)),
  );
}
