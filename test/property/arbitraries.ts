/**
 * Generators and reference models shared by the property suite. Everything here is plain
 * data (specs) so that fast-check prints readable counterexamples; the specs are turned into
 * library objects (options, compiled policies, functions) inside each property.
 */
import fc from 'fast-check';
import { CorsPolicyOptions } from '../../lib/interfaces/cors-policy-options.interface.js';
import { OriginPattern } from '../../lib/internal/origin/origin-pattern.js';
import { parseOriginSetting } from '../../lib/internal/origin/origin-setting.js';
import { RuntimeOrigins } from '../../lib/internal/origin/runtime-origins.js';
import { compilePolicy } from '../../lib/internal/policy/compile-policy.js';
import { CompiledPolicy } from '../../lib/internal/policy/compiled-policy.js';
import { EXTENSION_SCHEMES, extensionNearMissArb, extensionSpecArb, isModelExtensionOrigin } from './extension-arbitraries.js';

/**
 * One character of any kind: mostly ASCII (printable and control), some Latin-1, some anywhere in
 * Unicode (lone surrogates included). Cheaper to set up than fast-check's 'binary' unit.
 */
export const anyCharArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0xff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x100, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
);

/** A string of any characters. */
export function anyStringArb(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: anyCharArb, maxLength });
}

// ---------------------------------------------------------------------------------------------
// Origins, patterns, regexps
// ---------------------------------------------------------------------------------------------

export const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' };

/** A canonical origin in parts; `port` is '' for the scheme's default. */
export interface OriginSpec {
  scheme: string;
  host: string;
  port: string;
}

export function serialize(origin: OriginSpec): string {
  return `${origin.scheme}://${origin.host}${origin.port === '' ? '' : `:${origin.port}`}`;
}

/** `scheme://*.host[:port|:*]` (anySubdomain) or `scheme://host:*`. */
export interface PatternSpec {
  scheme: string;
  host: string;
  anySubdomain: boolean;
  /** '' (default port), a port number, or '*'. */
  port: string;
}

export function patternSource(pattern: PatternSpec): string {
  return `${pattern.scheme}://${pattern.anySubdomain ? '*.' : ''}${pattern.host}${pattern.port === '' ? '' : `:${pattern.port}`}`;
}

/** An anchored RegExp given as source + flags, with an origin it was built around. */
export interface RegExpSpec {
  source: string;
  flags: string;
  seed: OriginSpec;
}

/** Labels shared by configurations and candidates, so that candidates often hit configured entries. */
const COMMON_LABELS = ['a', 'b', 'app', 'api', 'www', 'example', 'evil', 'foo-bar', 'x1', 'cdn', 'com', 'io'];

export const labelArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...COMMON_LABELS) },
  {
    weight: 1,
    arbitrary: fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,12}[a-z0-9])?$/).filter((label) => !label.startsWith('xn--')),
  },
);

/** Top-level labels are never numeric, so a host is never read as an IPv4 address. */
export const tldArb = fc.constantFrom('com', 'org', 'net', 'dev', 'io', 'test', 'example');

export const domainArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(labelArb, { minLength: 1, maxLength: 3 }), tldArb)
  .map(([labels, tld]) => [...labels, tld].join('.'));

export const loopbackHostArb = fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'app.localhost');

export const hostArb: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: domainArb }, { weight: 1, arbitrary: loopbackHostArb });

export const schemeArb = fc.constantFrom('http', 'https');

/** A port string for a scheme: '' (default) or a non-default port. */
export function portArb(scheme: string): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('8080', '8443', '3000') },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 65535 }).map(String) },
    )
    .filter((port) => port !== DEFAULT_PORT[scheme]);
}

export function originSpecArb(host: fc.Arbitrary<string> = hostArb): fc.Arbitrary<OriginSpec> {
  return fc
    .tuple(schemeArb, host)
    .chain(([scheme, h]) => portArb(scheme).map((port) => ({ scheme, host: h, port })));
}

export const patternArb: fc.Arbitrary<PatternSpec> = fc.oneof(
  // https://*.example.com, https://*.example.com:8443, http://*.localhost:*
  fc
    .tuple(schemeArb, fc.oneof({ weight: 5, arbitrary: domainArb }, { weight: 1, arbitrary: fc.constant('localhost') }))
    .chain(([scheme, host]) =>
      fc
        .oneof(portArb(scheme), fc.constant('*'))
        .map((port): PatternSpec => ({ scheme, host, anySubdomain: true, port })),
    ),
  // http://localhost:*, https://app.example.com:*
  fc.tuple(schemeArb, hostArb).map(([scheme, host]): PatternSpec => ({ scheme, host, anySubdomain: false, port: '*' })),
);

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export const regExpArb: fc.Arbitrary<RegExpSpec> = fc.oneof(
  // ^https:\/\/app\.example\.com$
  fc.tuple(originSpecArb(), fc.constantFrom('', 'i')).map(
    ([seed, flags]): RegExpSpec => ({ source: `^${escapeRegExp(serialize(seed))}$`, flags, seed }),
  ),
  // ^https:\/\/[a-z0-9-]+\.example\.com(?::\d+)?$
  fc.tuple(schemeArb, domainArb, fc.boolean(), fc.constantFrom('', 'u')).map(
    ([scheme, domain, anyPort, flags]): RegExpSpec => ({
      source: `^${scheme}:\\/\\/[a-z0-9-]+\\.${escapeRegExp(domain)}${anyPort ? '(?::\\d+)?' : ''}$`,
      flags,
      seed: { scheme, host: `app.${domain}`, port: '' },
    }),
  ),
);

/** A static origin configuration: what `origin: [...]` and the runtime origins of a policy hold. */
export interface OriginConfig {
  exact: OriginSpec[];
  patterns: PatternSpec[];
  regexps: RegExpSpec[];
  /** undefined: the policy has no runtime-origin set at all. */
  runtime: { exact: OriginSpec[]; patterns: PatternSpec[] } | undefined;
}

export const originConfigArb: fc.Arbitrary<OriginConfig> = fc.record({
  exact: fc.array(fc.oneof({ weight: 5, arbitrary: originSpecArb() }, { weight: 1, arbitrary: extensionSpecArb }), { maxLength: 4 }),
  patterns: fc.array(patternArb, { maxLength: 3 }),
  regexps: fc.array(regExpArb, { maxLength: 2 }),
  runtime: fc.option(
    fc.record({ exact: fc.array(originSpecArb(), { maxLength: 2 }), patterns: fc.array(patternArb, { maxLength: 2 }) }),
    { nil: undefined },
  ),
});

export function configOriginValue(config: OriginConfig): Array<string | RegExp> {
  return [
    ...config.exact.map(serialize),
    ...config.patterns.map(patternSource),
    ...config.regexps.map((r) => new RegExp(r.source, r.flags)),
  ];
}

/** Parses a pattern through the library, failing loudly if the generator produced an invalid one. */
export function libPattern(spec: PatternSpec): OriginPattern {
  const setting = parseOriginSetting(patternSource(spec));
  if (setting.kind !== 'pattern') {
    throw new Error(`generated pattern ${patternSource(spec)} was not accepted: ${JSON.stringify(setting)}`);
  }
  return setting.pattern;
}

export function buildRuntime(config: OriginConfig): RuntimeOrigins | undefined {
  if (config.runtime === undefined) return undefined;
  const runtime = new RuntimeOrigins();
  for (const origin of config.runtime.exact) runtime.addExact(serialize(origin));
  for (const pattern of config.runtime.patterns) runtime.addPattern(libPattern(pattern));
  return runtime;
}

/** Canonical origins that the configuration allows (one or more per entry), for building candidates. */
export function seedsOf(config: OriginConfig): fc.Arbitrary<OriginSpec> {
  const options: fc.Arbitrary<OriginSpec>[] = [originSpecArb()];
  for (const origin of [...config.exact, ...(config.runtime?.exact ?? [])]) options.push(fc.constant(origin));
  for (const pattern of [...config.patterns, ...(config.runtime?.patterns ?? [])]) options.push(patternMatchArb(pattern));
  for (const regexp of config.regexps) options.push(fc.constant(regexp.seed));
  return fc.oneof(...options);
}

/** A canonical origin matching a pattern. */
export function patternMatchArb(pattern: PatternSpec): fc.Arbitrary<OriginSpec> {
  return fc
    .tuple(fc.array(labelArb, { minLength: 1, maxLength: 2 }), pattern.port === '*' ? portArb(pattern.scheme) : fc.constant(pattern.port))
    .map(([labels, port]) => ({
      scheme: pattern.scheme,
      host: pattern.anySubdomain ? `${labels.join('.')}.${pattern.host}` : pattern.host,
      port,
    }));
}

// ---------------------------------------------------------------------------------------------
// Reference model of origin matching
// ---------------------------------------------------------------------------------------------

/**
 * The origin the WHATWG URL parser serializes for `value`, when `value` is already exactly that
 * serialization; otherwise undefined. This is "a value a browser can send as Origin" for
 * http(s).
 */
export function urlCanonical(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.origin === value && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}

/**
 * Reference model for "does the static configuration allow this Origin value": the value must
 * be a canonical serialized origin (checked with the WHATWG URL parser) and then equal an
 * exact origin, match a pattern on parsed parts (same scheme, port rule, host ends with
 * '.' + suffix), or match a RegExp. 'ambiguous' for canonical origins outside what the model
 * is meant to decide (hosts with characters other than LDH/underscore, or punycode labels).
 */
export function referenceAllows(config: OriginConfig, value: string): boolean | 'ambiguous' {
  // Extension origins are opaque to the URL parser but sent as scheme://host: modelled separately.
  if (isModelExtensionOrigin(value)) {
    const listed = [...config.exact, ...(config.runtime?.exact ?? [])].map(serialize).includes(value);
    return listed || config.regexps.some((r) => new RegExp(r.source, r.flags).test(value));
  }
  const url = urlCanonical(value);
  if (url === undefined) return false;
  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname;
  const port = url.port;
  const ipv6 = /^\[[0-9a-f:.]+\]$/.test(host);
  if (!ipv6 && (!/^[a-z0-9_.-]+$/.test(host) || /(^|\.)xn--/.test(host) || host.split('.').some((l) => l.length > 63) || host.length > 253)) {
    return 'ambiguous';
  }
  const exact = [...config.exact, ...(config.runtime?.exact ?? [])].map(serialize);
  if (exact.includes(value)) return true;
  for (const pattern of [...config.patterns, ...(config.runtime?.patterns ?? [])]) {
    if (pattern.scheme !== scheme) continue;
    if (pattern.port !== '*' && pattern.port !== port) continue;
    if (pattern.anySubdomain ? host.endsWith(`.${pattern.host}`) : host === pattern.host) return true;
  }
  return config.regexps.some((r) => new RegExp(r.source, r.flags).test(value));
}

// ---------------------------------------------------------------------------------------------
// Near misses
// ---------------------------------------------------------------------------------------------

export interface Candidate {
  kind: string;
  /** True when the candidate is never a canonical origin: it must be refused whatever the configuration. */
  structural: boolean;
  value: string;
}

const LOOKALIKES: Readonly<Record<string, string>> = {
  a: '\u0430', // Cyrillic а
  c: '\u0441', // Cyrillic с
  e: '\u0435', // Cyrillic е
  o: '\u043e', // Cyrillic о
  p: '\u0440', // Cyrillic р
  x: '\u0445', // Cyrillic х
  y: '\u0443', // Cyrillic у
  i: '\u0456', // Ukrainian і
};

function withPort(scheme: string, host: string, port: string): string {
  return `${scheme}://${host}${port === '' ? '' : `:${port}`}`;
}

/** Near misses of a canonical origin: values an attacker or a sloppy proxy can produce. */
export function nearMissArb(seed: OriginSpec): fc.Arbitrary<Candidate> {
  if (EXTENSION_SCHEMES.includes(seed.scheme)) return extensionNearMissArb(seed);
  const { scheme, host, port } = seed;
  const origin = serialize(seed);
  const labels = host.startsWith('[') ? [host] : host.split('.');
  const semantic = (kind: string, value: fc.Arbitrary<string>) => value.map((v): Candidate => ({ kind, structural: false, value: v }));
  const structural = (kind: string, value: fc.Arbitrary<string>) => value.map((v): Candidate => ({ kind, structural: true, value: v }));
  const otherScheme = scheme === 'https' ? 'http' : 'https';
  return fc.oneof(
    // --- may be canonical: compare with the reference model ---
    semantic('prefix', fc.constantFrom('evil', 'evil-', 'x', '0', '-', 'a').map((p) => withPort(scheme, `${p}${host}`, port))),
    semantic('suffix-label', fc.tuple(labelArb, tldArb).map(([l, t]) => withPort(scheme, `${host}.${l}.${t}`, port))),
    semantic('suffix-glued', fc.constantFrom('evil', '-evil', '0', 'x').map((s) => withPort(scheme, `${host}${s}`, port))),
    semantic(
      'infix-label',
      fc
        .tuple(labelArb, fc.nat())
        .map(([l, at]) => {
          if (labels.length < 2) return withPort(scheme, `${l}.${host}`, port);
          const i = 1 + (at % (labels.length - 1));
          return withPort(scheme, [...labels.slice(0, i), l, ...labels.slice(i)].join('.'), port);
        }),
    ),
    semantic('subdomain', labelArb.map((l) => withPort(scheme, `${l}.${host}`, port))),
    semantic('parent-domain', fc.constant(labels.length > 2 ? withPort(scheme, labels.slice(1).join('.'), port) : withPort(scheme, `evil.${host}`, port))),
    semantic('scheme-swap', fc.constant(withPort(otherScheme, host, port === DEFAULT_PORT[otherScheme] ? '' : port))),
    semantic(
      'port-change',
      fc.integer({ min: 1, max: 65535 }).map((p) => {
        const next = port === '' ? String(p) : p % 2 === 0 ? '' : String(((Number(port) % 65535) + 1));
        return withPort(scheme, host, next === DEFAULT_PORT[scheme] ? '' : next);
      }),
    ),
    semantic('other-origin', originSpecArb().map(serialize)),
    // The URL Standard keeps a trailing dot and Chromium sends it: its own origin, allowed only if listed so.
    semantic('trailing-dot', fc.constant(withPort(scheme, `${host}.`, port))),
    // --- never canonical: must always be refused ---
    structural(
      'uppercase',
      fc.nat().map((n) => {
        const letters = [...origin].map((c, i) => (/[a-z]/.test(c) && (i < scheme.length || i > scheme.length + 2) ? i : -1)).filter((i) => i >= 0);
        const i = letters[n % letters.length]!;
        return origin.slice(0, i) + origin[i]!.toUpperCase() + origin.slice(i + 1);
      }),
    ),
    structural('default-port', fc.constant(withPort(scheme, host, DEFAULT_PORT[scheme]!))),
    structural('port-leading-zero', fc.constant(withPort(scheme, host, `0${port === '' ? DEFAULT_PORT[scheme]! : port}`))),
    structural('empty-port', fc.constant(`${scheme}://${host}:`)),
    structural('path', fc.constantFrom('/', '/x', '?', '?a=b', '#', '#x', '/.', '//').map((s) => origin + s)),
    structural(
      'userinfo',
      fc.constantFrom('user@', 'user:pw@', '@', `${host}@`).map((u) => `${scheme}://${u}${host}${port === '' ? '' : `:${port}`}`),
    ),
    structural('userinfo-confusion', fc.constantFrom('evil.com', 'evil.example').map((e) => `${origin}@${e}`)),
    structural(
      'whitespace',
      fc
        .tuple(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u200b', '\ufeff', '\u3000'), fc.constantFrom('before', 'after', 'both'))
        .map(([w, where]) => (where === 'before' ? w + origin : where === 'after' ? origin + w : w + origin + w)),
    ),
    structural(
      'list',
      fc
        .tuple(originSpecArb().map(serialize), fc.constantFrom(', ', ',', ' ', ' , ', '\t'))
        .chain(([other, sep]) => fc.constantFrom(`${origin}${sep}${other}`, `${other}${sep}${origin}`, `${origin}${sep}${origin}`, `${origin}${sep}*`, `*${sep}${origin}`, `null${sep}${origin}`)),
    ),
    structural(
      'lookalike',
      fc.nat().map((n) => {
        const positions = [...host].map((c, i) => (c in LOOKALIKES ? i : -1)).filter((i) => i >= 0);
        if (positions.length === 0) return withPort(scheme, `\u0430${host}`, port);
        const i = positions[n % positions.length]!;
        return withPort(scheme, host.slice(0, i) + LOOKALIKES[host[i]!]! + host.slice(i + 1), port);
      }),
    ),
    structural('fullwidth-dot', fc.constant(withPort(scheme, host.includes('.') ? host.replace('.', '\uff0e') : `${host}\uff0ecom`, port))),
    structural(
      'percent-encoding',
      fc.nat().map((n) => {
        const i = n % host.length;
        const encoded = `%${host.charCodeAt(i).toString(16).padStart(2, '0')}`;
        return withPort(scheme, host.slice(0, i) + encoded + host.slice(i + 1), port);
      }),
    ),
    structural(
      'scheme-mangling',
      fc.constantFrom(
        `${scheme}:/${host}`,
        `${scheme}:${host}`,
        `${scheme}:\\\\${host}`,
        `//${host}`,
        host,
        `${scheme}:///${host}`,
        `${scheme.toUpperCase()}://${host}`,
      ),
    ),
    structural('null', fc.constantFrom('null', 'NULL', 'null ', '"null"')),
    structural('control-char', fc.constantFrom('\0', '\u0001', '\u007f').map((c) => origin + c)),
    structural('quoted', fc.constant(`"${origin}"`)),
  );
}

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

export type OriginRule =
  | { kind: 'any' }
  | { kind: 'list'; config: OriginConfig; single: boolean }
  | { kind: 'function'; allows: string[]; async: boolean };

/** A policy as plain data: `origin` is a rule, the rest are option values. */
export interface PolicySpec {
  origin: OriginRule;
  credentials?: boolean;
  methods?: string[];
  allowedHeaders?: string[] | '*';
  exposedHeaders?: string[] | '*';
  maxAge?: number;
  optionsSuccessStatus?: number;
  allowPrivateNetwork?: boolean;
  dangerouslyAllowInsecureOriginsWithCredentials?: boolean;
}

/** HTTP token characters (RFC 9110), without '*' which has a meaning in lists. */
const tokenArb = fc.stringMatching(/^[!#$%&'+.^_`|~0-9A-Za-z-]{1,12}$/);

/** Fetch's forbidden request-header names (plus the `proxy-` and `sec-` prefixes). */
export const FORBIDDEN_REQUEST_HEADERS = [
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
];

export function isForbiddenRequestHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_REQUEST_HEADERS.includes(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/** Method names a valid configuration may list. */
export const validMethodArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'patch', 'MKCOL'),
  tokenArb.filter((m) => !['CONNECT', 'TRACE', 'TRACK'].includes(m.toUpperCase()) && !(m !== m.toUpperCase() && NORMALIZED_METHODS.includes(m.toUpperCase()))),
);

/** Request header names a valid configuration may list. */
export const validRequestHeaderArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('content-type', 'Content-Type', 'authorization', 'Authorization', 'x-request-id', 'X-Api-Key', 'accept', 'if-match'),
  tokenArb.filter((h) => !isForbiddenRequestHeader(h)),
);

/** Response header names a valid configuration may expose. */
export const validExposedHeaderArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('ETag', 'X-Total-Count', 'Link', 'content-length', 'Retry-After'),
  tokenArb.filter((h) => !/^set-cookie2?$/i.test(h)),
);

export const originRuleArb: fc.Arbitrary<OriginRule> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<OriginRule>({ kind: 'any' }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('list' as const), config: originConfigArb, single: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('function' as const),
      allows: fc.array(originSpecArb().map(serialize), { maxLength: 3 }),
      async: fc.boolean(),
    }),
  },
);

export function policySpecArb(origin: fc.Arbitrary<OriginRule> = originRuleArb): fc.Arbitrary<PolicySpec> {
  return fc.record(
    {
      origin,
      credentials: fc.boolean(),
      methods: fc.uniqueArray(validMethodArb, { maxLength: 4 }),
      allowedHeaders: fc.oneof(fc.constant<'*'>('*'), fc.uniqueArray(validRequestHeaderArb, { maxLength: 4 })),
      exposedHeaders: fc.oneof(fc.constant<'*'>('*'), fc.uniqueArray(validExposedHeaderArb, { maxLength: 3 })),
      maxAge: fc.integer({ min: 0, max: 86400 }),
      optionsSuccessStatus: fc.integer({ min: 200, max: 299 }),
      allowPrivateNetwork: fc.boolean(),
      dangerouslyAllowInsecureOriginsWithCredentials: fc.boolean(),
    },
    { requiredKeys: ['origin'] },
  );
}

/** The options object a user would write for the spec. */
export function toOptions(spec: PolicySpec): CorsPolicyOptions {
  const { origin: rule, ...rest } = spec;
  const options: CorsPolicyOptions = { ...rest };
  if (rule.kind === 'any') options.origin = '*';
  else if (rule.kind === 'function') options.origin = originFunction(rule).fn;
  else {
    const value = configOriginValue(rule.config);
    options.origin = rule.single && value.length === 1 ? value[0]! : value;
  }
  return options;
}

/** The origin function of a rule, with a log of the values it was asked about. */
export function originFunction(rule: Extract<OriginRule, { kind: 'function' }>): {
  fn: (origin: string) => boolean | Promise<boolean>;
  calls: string[];
} {
  const calls: string[] = [];
  const allows = new Set(rule.allows);
  const fn = (origin: string) => {
    calls.push(origin);
    return rule.async ? Promise.resolve(allows.has(origin)) : allows.has(origin);
  };
  return { fn, calls };
}

export function compileSpec(spec: PolicySpec): CompiledPolicy {
  const runtime = spec.origin.kind === 'list' ? buildRuntime(spec.origin.config) : undefined;
  return compilePolicy(toOptions(spec), runtime, 'the property test');
}

/** Reference verdict on an Origin value for a policy spec. */
export function referenceVerdict(spec: PolicySpec, origin: string): boolean | 'ambiguous' {
  const rule = spec.origin;
  if (rule.kind === 'any') return true;
  if (rule.kind === 'function') return rule.allows.includes(origin);
  return referenceAllows(rule.config, origin);
}

/** Origin header values for requests against a policy: none, allowed ones, near misses, junk. */
export function originHeaderArb(rule: OriginRule): fc.Arbitrary<string | undefined> {
  const seeds = seedsOfRule(rule);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: seeds.map(serialize) },
    { weight: 4, arbitrary: seeds.chain(nearMissArb).map((c) => c.value) },
    { weight: 1, arbitrary: anyStringArb(40) },
  );
}

/** Canonical origins a rule allows (and some it does not). */
export function seedsOfRule(rule: OriginRule): fc.Arbitrary<OriginSpec> {
  if (rule.kind === 'list') return seedsOf(rule.config);
  if (rule.kind === 'function' && rule.allows.length > 0) return fc.oneof(originSpecArb(), fc.constantFrom(...rule.allows).map(parseSpec));
  return originSpecArb();
}

/** The parts of a canonical origin produced by `serialize`. */
export function parseSpec(origin: string): OriginSpec {
  const url = new URL(origin);
  return { scheme: url.protocol.slice(0, -1), host: url.hostname, port: url.port };
}

// ---------------------------------------------------------------------------------------------
// Reference model of Access-Control-Request-Headers parsing
// ---------------------------------------------------------------------------------------------

export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface HeaderListCaps {
  maxLength: number;
  maxNames: number;
  maxEmpty: number;
}

/**
 * Reference for `parseRequestHeaderNames`: split on ',', trim spaces and tabs, drop empty items,
 * every other item must be a token; lowercase. Undefined when malformed or over a cap.
 */
export function referenceRequestHeaderNames(value: string, caps: HeaderListCaps): string[] | undefined {
  if (value.length > caps.maxLength) return undefined;
  const names: string[] = [];
  let empty = 0;
  for (const raw of value.split(',')) {
    let start = 0;
    let end = raw.length;
    while (start < end && (raw[start] === ' ' || raw[start] === '\t')) start++;
    while (end > start && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--;
    const item = raw.slice(start, end);
    if (item === '') {
      empty++;
      continue;
    }
    if (!TOKEN.test(item)) return undefined;
    names.push(item.toLowerCase());
  }
  if (empty > caps.maxEmpty || names.length > caps.maxNames) return undefined;
  return names;
}
