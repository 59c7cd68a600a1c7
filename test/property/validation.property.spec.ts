import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CorsPolicyOptions } from '../../lib/interfaces/cors-policy-options.interface.js';
import { FieldProblem, validatePolicyFields } from '../../lib/internal/policy/validate-policy-options.js';
import { validateCombination } from '../../lib/internal/policy/validate-combination.js';
import { parseOriginSetting } from '../../lib/internal/origin/origin-setting.js';
import {
  DEFAULT_PORT,
  anyCharArb,
  anyStringArb,
  FORBIDDEN_REQUEST_HEADERS,
  domainArb,
  labelArb,
  loopbackHostArb,
  nearMissArb,
  originSpecArb,
  patternArb,
  patternSource,
  portArb,
  regExpArb,
  serialize,
  validExposedHeaderArb,
  validMethodArb,
  validRequestHeaderArb,
} from './arbitraries.js';
import { extensionSpecArb } from './extension-arbitraries.js';
import { PROPERTY_TIMEOUT_MS, fcParams } from './fast-check-settings.js';

function problemsOf(options: unknown): FieldProblem[] {
  return [...validatePolicyFields(options), ...validateCombination(options as CorsPolicyOptions)];
}

/** Problems without the `message` (it is long, and not what the property is about). */
function brief(problems: FieldProblem[]): Array<{ code: string; field: string }> {
  return problems.map(({ code, field }) => ({ code, field }));
}

// ---------------------------------------------------------------------------------------------
// Valid configurations, built to be valid by construction (never filtered through the validator)
// ---------------------------------------------------------------------------------------------

/** Registrable domains that are not public suffixes, and optional subdomains of them. */
const privateDomainArb = fc
  .tuple(fc.option(labelArb, { nil: undefined }), fc.constantFrom('example.com', 'example.org', 'example.net', 'acme-corp.dev', 'mycompany.co.uk', 'internal.example'))
  .map(([label, base]) => (label === undefined ? base : `${label}.${base}`));

const PUBLIC_SUFFIXES = ['com', 'io', 'uk', 'co.uk', 'github.io', 'herokuapp.com', 's3.amazonaws.com', 'blogspot.com', 'pages.dev', 'vercel.app', 'netlify.app', 'de.com'];

/** Origin entries that are fine with credentials (https, or http on loopback; private-domain wildcards). */
const credentialedOriginItemArb: fc.Arbitrary<string | RegExp> = fc.oneof(
  fc.tuple(fc.constant('https'), fc.oneof(domainArb, loopbackHostArb)).chain(([scheme, host]) => portArb(scheme).map((port) => serialize({ scheme, host, port }))),
  fc.tuple(fc.constant('http'), loopbackHostArb).chain(([scheme, host]) => portArb(scheme).map((port) => serialize({ scheme, host, port }))),
  fc.tuple(privateDomainArb, fc.oneof(portArb('https'), fc.constant('*'))).map(([host, port]) => patternSource({ scheme: 'https', host, anySubdomain: true, port })),
  fc.constantFrom('http://localhost:*', 'http://*.localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*', 'https://*.localhost'),
  domainArb.map((host) => `https://${host}:*`),
  regExpArb.map((r) => new RegExp(r.source, r.flags)),
  // Exact extension origins are exact origins: fine with credentials.
  extensionSpecArb.map(serialize),
);

/** Any valid origin entry when credentials are off. */
const anyOriginItemArb: fc.Arbitrary<string | RegExp> = fc.oneof(
  originSpecArb().map(serialize),
  extensionSpecArb.map(serialize),
  // A trailing-dot host, listed exactly (the URL Standard keeps the dot; Chromium sends it).
  originSpecArb(domainArb).map((o) => serialize({ ...o, host: `${o.host}.` })),
  patternArb.map(patternSource),
  fc.constantFrom(...PUBLIC_SUFFIXES).map((suffix) => `https://*.${suffix}`),
  regExpArb.map((r) => new RegExp(r.source, r.flags)),
);

function allowListed(origin: string): boolean {
  return origin === 'https://app.example.com';
}

function originValueArb(items: fc.Arbitrary<string | RegExp>): fc.Arbitrary<CorsPolicyOptions['origin']> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(items, { maxLength: 5 }) },
    { weight: 2, arbitrary: items },
    { weight: 1, arbitrary: fc.constant(allowListed) },
  );
}

const originCacheArb = fc.record(
  {
    ttl: fc.integer({ min: 1, max: 86_400_000 }),
    negativeTtl: fc.integer({ min: 0, max: 86_400_000 }),
    max: fc.integer({ min: 0, max: 1_000_000 }),
    maxNegative: fc.integer({ min: 0, max: 1_000_000 }),
  },
  { requiredKeys: ['ttl'] },
);

/** The fields that do not depend on credentials. */
const commonFieldsArb = fc.record(
  {
    methods: fc.uniqueArray(validMethodArb, { maxLength: 5 }),
    allowedHeaders: fc.oneof(fc.constant<'*'>('*'), fc.uniqueArray(validRequestHeaderArb, { maxLength: 5 })),
    exposedHeaders: fc.uniqueArray(validExposedHeaderArb, { maxLength: 4 }),
    maxAge: fc.integer({ min: 0, max: 86400 }),
    optionsSuccessStatus: fc.integer({ min: 200, max: 299 }),
    allowPrivateNetwork: fc.boolean(),
    originCache: fc.oneof(fc.constant<false>(false), originCacheArb),
  },
  { requiredKeys: [] },
);

/** Valid options with credentials (optionally with the documented opt-ins), or without. */
function validOptionsArb(credentials: boolean, optIns = true): fc.Arbitrary<CorsPolicyOptions> {
  if (!credentials) {
    return fc
      .tuple(
        commonFieldsArb,
        fc.oneof(fc.constant<'*'>('*'), originValueArb(anyOriginItemArb)),
        fc.oneof(fc.constant(undefined), fc.constant(false), fc.constant<'*'>('*')),
      )
      .map(([common, origin, extra]) => ({
        ...common,
        origin,
        ...(extra === '*' ? { exposedHeaders: '*' as const } : {}),
        ...(extra === false ? { credentials: false } : {}),
      }));
  }
  const insecure = fc.oneof(
    fc.tuple(fc.constant('http'), domainArb).chain(([scheme, host]) => portArb(scheme).map((port) => serialize({ scheme, host, port }))),
    privateDomainArb.map((host) => `http://*.${host}`),
  );
  const publicWildcard = fc.constantFrom(...PUBLIC_SUFFIXES).map((suffix) => `https://*.${suffix}`);
  return fc
    .tuple(
      commonFieldsArb,
      originValueArb(credentialedOriginItemArb),
      optIns ? fc.array(insecure, { maxLength: 2 }) : fc.constant([]),
      optIns ? fc.array(publicWildcard, { maxLength: 2 }) : fc.constant([]),
    )
    .map(([common, origin, insecureItems, publicItems]) => {
      const options: CorsPolicyOptions = { ...common, credentials: true, origin };
      if (insecureItems.length + publicItems.length > 0) {
        const base = Array.isArray(origin) ? origin : typeof origin === 'function' ? [] : [origin as string | RegExp];
        options.origin = [...base, ...insecureItems, ...publicItems];
        if (insecureItems.length > 0) options.dangerouslyAllowInsecureOriginsWithCredentials = true;
        if (publicItems.length > 0) options.dangerouslyAllowPublicSuffixWildcards = true;
      }
      return options;
    });
}

const anyValidOptionsArb = fc.boolean().chain((credentials) => validOptionsArb(credentials));

// ---------------------------------------------------------------------------------------------
// Defects: one per invalid configuration, with the field and code the validator must report
// ---------------------------------------------------------------------------------------------

interface Defect {
  kind: string;
  /** Whether the defect needs credentials on (the base is then built valid with credentials). */
  credentials: boolean;
  /** Applies the defect to a valid base; returns the options and the field the problem must name. */
  apply: (base: CorsPolicyOptions, at: number) => { options: Record<string, unknown>; field: string };
  codes: readonly string[];
  value: unknown;
}

/** A key that is not an option, set to `true` on a valid base; the problem names the key. */
function extraKeyDefect(kind: string, keys: readonly string[], code: string): fc.Arbitrary<Defect> {
  return fc.constantFrom(...keys).map((key): Defect => ({
    kind,
    credentials: false,
    codes: [code],
    value: key,
    apply: (base) => ({ options: { ...base, [key]: true }, field: key }),
  }));
}

/** Inserts `item` into the base's origin list at a position; the field is `origin[i]`. */
function insertOrigin(base: CorsPolicyOptions, at: number, item: unknown): { options: Record<string, unknown>; field: string } {
  const list: unknown[] = Array.isArray(base.origin) ? [...base.origin] : base.origin === undefined || base.origin === '*' || typeof base.origin === 'function' ? [] : [base.origin];
  const i = at % (list.length + 1);
  list.splice(i, 0, item);
  return { options: { ...base, origin: list }, field: `origin[${i}]` };
}

/** Replaces the origin with the single item (field `origin`) or inserts it in a list (`origin[i]`). */
function originDefect(kind: string, value: fc.Arbitrary<unknown>, codes: readonly string[], credentials = false): fc.Arbitrary<Defect> {
  return fc.tuple(value, fc.boolean()).map(([v, single]) => ({
    kind,
    credentials,
    codes,
    value: v,
    apply: (base, at) => (single ? { options: { ...base, origin: v }, field: 'origin' } : insertOrigin(base, at, v)),
  }));
}

/** Inserts an item in a token list (methods, allowedHeaders, exposedHeaders). */
function listDefect(kind: string, field: 'methods' | 'allowedHeaders' | 'exposedHeaders', value: fc.Arbitrary<unknown>, codes: readonly string[]): fc.Arbitrary<Defect> {
  return value.map((v) => ({
    kind,
    credentials: false,
    codes,
    value: v,
    apply: (base, at) => {
      const current = base[field];
      const list: unknown[] = Array.isArray(current) ? [...current] : [];
      const i = at % (list.length + 1);
      list.splice(i, 0, v);
      return { options: { ...base, [field]: list }, field: `${field}[${i}]` };
    },
  }));
}

function fieldDefect(kind: string, field: string, value: fc.Arbitrary<unknown>, codes: readonly string[], credentials = false): fc.Arbitrary<Defect> {
  return value.map((v) => ({
    kind,
    credentials,
    codes,
    value: v,
    apply: (base) => ({ options: { ...base, [field]: v }, field }),
  }));
}

const randomCase = (words: readonly string[]) =>
  fc.tuple(fc.constantFrom(...words), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 })).map(([word, flips]) =>
    [...word].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
  );

const nonCanonicalOriginArb = fc
  .oneof(originSpecArb(), extensionSpecArb)
  .chain(nearMissArb)
  .filter((c) => c.structural && !c.value.includes('*'))
  .map((c) => c.value);

const unsupportedPatternArb = fc
  .tuple(domainArb, fc.constantFrom('http', 'https'))
  .chain(([domain, scheme]) =>
    fc.constantFrom(
      `${scheme}://*`,
      `${scheme}://*.`,
      `*.${domain}`,
      `//*.${domain}`,
      `${scheme}://a.*.${domain}`,
      `${scheme}://*${domain}`,
      `${scheme}://**.${domain}`,
      `${scheme}://*.*.${domain}`,
      `${scheme}://*.${domain}/`,
      `${scheme}://*.${domain}/path`,
      `${scheme}://*.${domain.toUpperCase()}`,
      `${scheme.toUpperCase()}://*.${domain}`,
      `${scheme}://*.${domain}:${DEFAULT_PORT[scheme]}`,
      `${scheme}://*.${domain}:0`,
      `${scheme}://*.${domain}:65536`,
      `${scheme}://*.${domain}:080`,
      `${scheme}://*.${domain}:`,
      `${scheme}://*.${domain}:*:*`,
      `${scheme}://*.${domain}.`,
      `${scheme}://*.[::1]`,
      `${scheme}://*.127.0.0.1`,
      `${scheme}://*.${domain.includes('a') ? domain.replace('a', '\u0430') : `\u0430${domain}`}`,
      `*://${domain}`,
      ` ${scheme}://*.${domain}`,
      `${scheme}://user@*.${domain}`,
      `${scheme}://*.${domain}, ${scheme}://*.evil.com`,
    ),
  );

/** Patterns over extension origins: refused, extensions are allowed exactly. */
const extensionPatternArb = extensionSpecArb.chain(({ scheme, host }) =>
  fc.constantFrom(`${scheme}://*`, `${scheme}://*.${host}`, `${scheme}://${host.slice(0, 8)}*`, `${scheme}://${host}:*`, `${scheme.toUpperCase()}://*`),
);

/** RegExps written for extension origins: refused for the same reason. */
const extensionRegExpArb = fc
  .tuple(fc.constantFrom('chrome-extension', 'moz-extension', 'safari-web-extension', 'chrome\\-extension', 'MOZ-EXTENSION'), fc.constantFrom('[a-p]{32}', '.+', '[0-9a-f-]{36}'), fc.constantFrom('', 'i'))
  .map(([scheme, host, flags]) => new RegExp(`^${scheme}:\\/\\/${host}$`, flags));

const unanchoredRegExpArb = regExpArb.chain((r) =>
  fc
    .constantFrom(
      r.source.slice(1), // no ^
      r.source.slice(0, -1), // no $
      r.source.slice(1, -1), // neither
      `${r.source}|^https:\\/\\/evil\\.example$`, // top-level alternation
      `^https:\\/\\/evil\\.example$|${r.source}`,
      `${r.source.slice(0, -1)}\\$`, // the final $ is escaped
      `^(?:${r.source.slice(1, -1)})|evil$`,
    )
    .map((source) => new RegExp(source, r.flags)),
);

const statefulRegExpArb = fc
  .tuple(regExpArb, fc.constantFrom('g', 'y', 'm', 'gi', 'my'))
  .map(([r, flags]) => new RegExp(r.source, flags));

const insecureOriginArb = fc.tuple(domainArb, fc.boolean()).chain(([host, pattern]) =>
  pattern ? fc.constantFrom(`http://*.${host}`, `http://${host}:*`) : portArb('http').map((port) => serialize({ scheme: 'http', host, port })),
);

/** Loopback look-alikes that are not loopback. */
const fakeLoopbackArb = fc.constantFrom('http://localhost.evil.com', 'http://127.0.0.1.evil.com', 'http://evil-localhost.com', 'http://localhostevil.com', 'http://[::2]', 'http://128.0.0.1', 'http://0.0.0.0');

const defectArb: fc.Arbitrary<Defect> = fc.oneof(
  // Combinations with credentials
  fc.constant<Defect>({
    kind: "origin '*' with credentials",
    credentials: true,
    codes: ['wildcard-with-credentials'],
    value: '*',
    apply: (base) => ({ options: { ...base, origin: '*' }, field: 'origin' }),
  }),
  fc.constant<Defect>({
    kind: "exposedHeaders '*' with credentials",
    credentials: true,
    codes: ['wildcard-exposed-headers-with-credentials'],
    value: '*',
    apply: (base) => ({ options: { ...base, exposedHeaders: '*' }, field: 'exposedHeaders' }),
  }),
  originDefect('http origin with credentials', fc.oneof(insecureOriginArb, fakeLoopbackArb), ['insecure-origin-with-credentials'], true),
  originDefect(
    'public-suffix wildcard with credentials',
    fc.tuple(fc.constantFrom(...PUBLIC_SUFFIXES), fc.constantFrom('', ':*', ':8443')).map(([suffix, port]) => `https://*.${suffix}${port}`),
    ['public-suffix-wildcard-with-credentials'],
    true,
  ),
  // Origins
  originDefect("'null'", fc.constant('null'), ['null-origin']),
  originDefect('non-canonical origin', nonCanonicalOriginArb, ['non-canonical-origin', 'null-origin']),
  originDefect('unsupported pattern', unsupportedPatternArb, ['unsupported-pattern']),
  originDefect('unanchored RegExp', unanchoredRegExpArb, ['unanchored-regexp']),
  originDefect('extension pattern', extensionPatternArb, ['unsupported-pattern']),
  originDefect('RegExp over extension origins', extensionRegExpArb, ['unsupported-pattern']),
  originDefect('stateful RegExp', statefulRegExpArb, ['stateful-regexp']),
  originDefect('not an origin', fc.constantFrom(42, null, {}, true), ['invalid-type', 'reflect-any-origin']),
  fc.constant<Defect>({
    kind: "'*' in an origin list",
    credentials: false,
    codes: ['wildcard-in-list'],
    value: '*',
    apply: (base, at) => insertOrigin(base, at, '*'),
  }),
  fc.constant<Defect>({
    kind: 'origin: true (reflection)',
    credentials: false,
    codes: ['reflect-any-origin'],
    value: true,
    apply: (base) => ({ options: { ...base, origin: true }, field: 'origin' }),
  }),
  // Methods
  listDefect('forbidden method', 'methods', randomCase(['CONNECT', 'TRACE', 'TRACK']), ['forbidden-method']),
  listDefect(
    'lowercase normalized method',
    'methods',
    randomCase(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']).filter((m) => m !== m.toUpperCase()),
    ['lowercase-method'],
  ),
  listDefect('method that is not a token', 'methods', fc.constantFrom('GET POST', 'GET,POST', '', 'D\u00c9LETE', 'PUT\n', '(GET)', 42), ['invalid-method']),
  listDefect("'*' in methods", 'methods', fc.constant('*'), ['wildcard-in-list']),
  fieldDefect("methods: '*'", 'methods', fc.constantFrom('*', 'GET'), ['invalid-type']),
  // Request headers
  listDefect(
    'forbidden request header',
    'allowedHeaders',
    fc.oneof(
      randomCase(FORBIDDEN_REQUEST_HEADERS),
      fc.tuple(fc.constantFrom('proxy-', 'sec-', 'Proxy-', 'Sec-', 'SEC-'), fc.stringMatching(/^[a-z0-9-]{1,10}$/)).map(([p, s]) => p + s),
    ),
    ['forbidden-request-header'],
  ),
  listDefect('request header that is not a token', 'allowedHeaders', fc.constantFrom('x a', 'x:a', '', 'x-\u00e9', 'x-a,x-b', 'x-a\r\n'), ['invalid-header-name']),
  listDefect("'*' in allowedHeaders", 'allowedHeaders', fc.constant('*'), ['wildcard-in-list']),
  // Exposed headers
  listDefect('Set-Cookie exposed', 'exposedHeaders', randomCase(['Set-Cookie', 'Set-Cookie2']), ['set-cookie-exposed']),
  listDefect('exposed header that is not a token', 'exposedHeaders', fc.constantFrom('x a', '', 'ETag;', 'x-\u00e9'), ['invalid-header-name']),
  // Numbers
  fieldDefect(
    'maxAge out of range or not an integer',
    'maxAge',
    fc.oneof(
      fc.integer({ max: -1 }),
      fc.integer({ min: 86401 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((d) => !Number.isInteger(d)),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, '600', null, true),
    ),
    ['invalid-max-age'],
  ),
  fieldDefect(
    'optionsSuccessStatus outside 200..299',
    'optionsSuccessStatus',
    fc.oneof(
      fc.integer({ max: 199 }),
      fc.integer({ min: 300 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: 199, max: 300 }).filter((d) => !Number.isInteger(d)),
      fc.constantFrom(Number.NaN, '204', null),
    ),
    ['invalid-status'],
  ),
  fieldDefect('credentials not a boolean', 'credentials', fc.constantFrom('true', 1, 'yes', null, 'false'), ['invalid-type'], true),
  // Unknown options, and options of cors / @fastify/cors this library does not take
  extraKeyDefect('unknown option', ['origins', 'allowedOrigins', 'maxage', 'credential', 'allowMethods', 'exposeHeaders', 'optionSuccessStatus'], 'unknown-option'),
  extraKeyDefect('unsupported option', ['preflightContinue', 'preflight', 'strictPreflight', 'hideOptionsRoute', 'hook', 'cacheControl', 'logLevel', 'delegator', 'headers'], 'unsupported-option'),
);

describe('policy validation (property)', () => {
  it(
    'every generated valid configuration has no problems',
    () => {
      fc.assert(
        fc.property(anyValidOptionsArb, (options) => {
          expect(brief(problemsOf(options))).toEqual([]);
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'every generated invalid configuration (one defect in a valid one) is refused, with a problem naming the offending field, and only that field',
    () => {
      const invalidCase = defectArb.chain((defect) =>
        fc.tuple(fc.constant(defect), defect.credentials ? validOptionsArb(true, false) : validOptionsArb(false), fc.nat()),
      );
      fc.assert(
        fc.property(invalidCase, ([defect, base, at]) => {
          // Sanity: the base is valid on its own.
          expect(brief(problemsOf(base))).toEqual([]);
          const { options, field } = defect.apply(base, at);
          const problems = brief(problemsOf(options));
          expect({ defect: defect.kind, field, found: problems.some((p) => p.field === field && defect.codes.includes(p.code)), problems }).toEqual({
            defect: defect.kind,
            field,
            found: true,
            problems,
          });
          // Nothing else of the (valid) base is blamed.
          expect(problems.filter((p) => p.field !== field)).toEqual([]);
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** Values the URL parser keeps as written but no page has: port 0, empty labels, characters outside a host name. */
const keptAsWrittenArb = originSpecArb(domainArb).chain(({ scheme, host, port }) => {
  const labels = host.split('.');
  return fc.constantFrom(
    `${scheme}://${host}:0`,
    `${scheme}://${host}:00`,
    `${scheme}://${labels[0]}..${labels.slice(1).join('.')}${port === '' ? '' : `:${port}`}`,
    `${scheme}://.${host}`,
    `${scheme}://${host}..`,
    `${scheme}://${host.replace('.', '!.')}`,
    `${scheme}://${'a'.repeat(64)}.${host}`,
  );
});

/** A canonical origin with one to three characters replaced, inserted or uppercased. */
const mutatedOriginArb = fc
  .tuple(fc.oneof(originSpecArb(), extensionSpecArb).map(serialize), fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'upper'), anyCharArb), { minLength: 1, maxLength: 3 }))
  .map(([origin, edits]) =>
    edits.reduce((value, [at, edit, char]) => {
      const i = at % (value.length + 1);
      if (edit === 'insert') return value.slice(0, i) + char + value.slice(i);
      if (edit === 'upper') return value.slice(0, i) + value.slice(i, i + 1).toUpperCase() + value.slice(i + 1);
      return value.slice(0, i) + char + value.slice(i + 1);
    }, origin),
  );

describe('origin hints (property)', () => {
  it(
    'a refused origin string is never "corrected" to itself, and every suggestion is a value that would be accepted',
    () => {
      const refusedArb = fc.oneof(nonCanonicalOriginArb, unsupportedPatternArb, extensionPatternArb, keptAsWrittenArb, mutatedOriginArb, anyStringArb(40));
      fc.assert(
        fc.property(refusedArb, (value) => {
          const setting = parseOriginSetting(value);
          if (setting.kind !== 'invalid') return;
          const suggestions = [...setting.hint.matchAll(/did you mean "([^"]*)"\?/g)].map((m) => m[1]!);
          for (const suggestion of suggestions) {
            expect({ value, suggestion, same: suggestion === value }).toEqual({ value, suggestion, same: false });
            expect({ value, suggestion, accepted: parseOriginSetting(suggestion).kind }).not.toEqual({ value, suggestion, accepted: 'invalid' });
          }
        }),
        fcParams({ numRuns: 2000 }),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.each(['https://foo:0', 'http://127.0.0.1:0', 'http://example..com:3999'])('%s: refused with the reason, not a suggestion of itself', (value) => {
    const setting = parseOriginSetting(value);
    expect(setting).toMatchObject({ kind: 'invalid', code: 'non-canonical-origin' });
    if (setting.kind === 'invalid') expect(setting.hint).not.toContain('did you mean');
  });
});
