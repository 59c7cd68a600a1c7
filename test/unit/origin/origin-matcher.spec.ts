import { describe, expect, it } from '@jest/globals';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import { RuntimeOrigins } from '../../../lib/internal/origin/runtime-origins.js';
import { pattern } from '../support/origins.js';

describe('OriginMatcher.matches', () => {
  const exactOnly = new OriginMatcher(new Set(['https://app.example.com', 'http://localhost:3000']), [], [], undefined);
  const withPatterns = new OriginMatcher(
    new Set(['https://app.example.com']),
    [pattern('https://*.tenants.example.com'), pattern('http://localhost:*')],
    [],
    undefined,
  );
  const withRegExps = new OriginMatcher(
    new Set(),
    [],
    [/^https:\/\/[a-z]+\.regex\.example\.com$/, /^https:\/\/.+$/i],
    undefined,
  );
  const anchoredOnly = new OriginMatcher(new Set(), [], [/^https:\/\/(?:a|b)\.example\.com$/], undefined);
  const nullRegExp = new OriginMatcher(new Set(), [], [/^null$/, /^.*$/], undefined);

  it.each<{ name: string; matcher: OriginMatcher; origin: string; matches: boolean }>([
    { name: 'exact: listed', matcher: exactOnly, origin: 'https://app.example.com', matches: true },
    { name: 'exact: listed with port', matcher: exactOnly, origin: 'http://localhost:3000', matches: true },
    { name: 'exact: other port', matcher: exactOnly, origin: 'http://localhost:3001', matches: false },
    { name: 'exact: trailing slash', matcher: exactOnly, origin: 'https://app.example.com/', matches: false },
    { name: 'exact: uppercase', matcher: exactOnly, origin: 'https://APP.example.com', matches: false },
    { name: 'exact: subdomain', matcher: exactOnly, origin: 'https://x.app.example.com', matches: false },
    { name: 'exact: suffix', matcher: exactOnly, origin: 'https://evilapp.example.com', matches: false },
    { name: 'exact: prefix', matcher: exactOnly, origin: 'https://app.example.com.evil.com', matches: false },
    { name: 'exact: comma list', matcher: exactOnly, origin: 'https://app.example.com, https://evil.com', matches: false },
    { name: 'exact: null', matcher: exactOnly, origin: 'null', matches: false },
    { name: 'exact: empty', matcher: exactOnly, origin: '', matches: false },
    { name: 'patterns: exact entry', matcher: withPatterns, origin: 'https://app.example.com', matches: true },
    { name: 'patterns: subdomain', matcher: withPatterns, origin: 'https://acme.tenants.example.com', matches: true },
    { name: 'patterns: deep subdomain', matcher: withPatterns, origin: 'https://eu.acme.tenants.example.com', matches: true },
    { name: 'patterns: apex', matcher: withPatterns, origin: 'https://tenants.example.com', matches: false },
    { name: 'patterns: suffix lookalike', matcher: withPatterns, origin: 'https://eviltenants.example.com', matches: false },
    { name: 'patterns: http scheme', matcher: withPatterns, origin: 'http://acme.tenants.example.com', matches: false },
    { name: 'patterns: localhost any port', matcher: withPatterns, origin: 'http://localhost:5173', matches: true },
    { name: 'patterns: localhost no port', matcher: withPatterns, origin: 'http://localhost', matches: true },
    { name: 'patterns: padded', matcher: withPatterns, origin: ' http://localhost:5173', matches: false },
    { name: 'patterns: uppercase', matcher: withPatterns, origin: 'https://ACME.tenants.example.com', matches: false },
    { name: 'regexp: matches', matcher: withRegExps, origin: 'https://abc.regex.example.com', matches: true },
    { name: 'regexp: broad regexp, canonical value', matcher: withRegExps, origin: 'https://anything.example', matches: true },
    // Only canonical serialized origins ever reach a RegExp, however broad it is.
    { name: 'regexp: comma list never reaches the RegExp', matcher: withRegExps, origin: 'https://a.com, https://evil.com', matches: false },
    { name: 'regexp: path never reaches the RegExp', matcher: withRegExps, origin: 'https://a.com/path', matches: false },
    { name: 'regexp: padding never reaches the RegExp', matcher: withRegExps, origin: 'https://a.com ', matches: false },
    { name: 'regexp: uppercase never reaches the RegExp', matcher: withRegExps, origin: 'HTTPS://A.COM', matches: false },
    { name: 'regexp: default port never reaches the RegExp', matcher: withRegExps, origin: 'https://a.com:443', matches: false },
    { name: 'regexp: over-long never reaches the RegExp', matcher: withRegExps, origin: `https://${'a'.repeat(400)}.com`, matches: false },
    { name: 'regexp: anchored alternation a', matcher: anchoredOnly, origin: 'https://a.example.com', matches: true },
    { name: 'regexp: anchored alternation b', matcher: anchoredOnly, origin: 'https://b.example.com', matches: true },
    { name: 'regexp: anchored alternation other', matcher: anchoredOnly, origin: 'https://c.example.com', matches: false },
    { name: 'regexp: anchored, suffix attack', matcher: anchoredOnly, origin: 'https://a.example.com.evil.com', matches: false },
    { name: 'regexp: null never reaches /^null$/', matcher: nullRegExp, origin: 'null', matches: false },
    { name: 'regexp: empty never reaches /^.*$/', matcher: nullRegExp, origin: '', matches: false },
  ])('$name: $origin -> $matches', ({ matcher, origin, matches }) => {
    expect(matcher.matches(origin)).toBe(matches);
  });
});

describe('OriginMatcher with runtime origins', () => {
  it.each<{ name: string; exact: string[]; patterns: string[]; remove: string[]; origin: string; matches: boolean }>([
    { name: 'no runtime entries', exact: [], patterns: [], remove: [], origin: 'https://late.example.com', matches: false },
    { name: 'runtime exact', exact: ['https://late.example.com'], patterns: [], remove: [], origin: 'https://late.example.com', matches: true },
    { name: 'runtime exact, other origin', exact: ['https://late.example.com'], patterns: [], remove: [], origin: 'https://other.example.com', matches: false },
    { name: 'runtime pattern', exact: [], patterns: ['https://*.late.example.com'], remove: [], origin: 'https://a.late.example.com', matches: true },
    { name: 'runtime pattern, apex', exact: [], patterns: ['https://*.late.example.com'], remove: [], origin: 'https://late.example.com', matches: false },
    { name: 'runtime exact removed', exact: ['https://late.example.com'], patterns: [], remove: ['https://late.example.com'], origin: 'https://late.example.com', matches: false },
    { name: 'runtime pattern removed', exact: [], patterns: ['https://*.late.example.com'], remove: ['https://*.late.example.com'], origin: 'https://a.late.example.com', matches: false },
    { name: 'runtime entries never see non-canonical values', exact: ['https://late.example.com'], patterns: [], remove: [], origin: 'https://late.example.com/', matches: false },
    { name: 'static exact still matches', exact: [], patterns: [], remove: [], origin: 'https://static.example.com', matches: true },
  ])('$name', ({ exact, patterns, remove, origin, matches }) => {
    const runtime = new RuntimeOrigins();
    const matcher = new OriginMatcher(new Set(['https://static.example.com']), [], [], runtime);
    // Changes made after the matcher was built apply without recompiling.
    for (const value of exact) runtime.addExact(value);
    for (const value of patterns) runtime.addPattern(pattern(value));
    for (const value of remove) runtime.remove(value);
    expect(matcher.matches(origin)).toBe(matches);
  });

  it('sees an origin added after a refusal, and loses it after removal', () => {
    const runtime = new RuntimeOrigins();
    const matcher = new OriginMatcher(new Set(), [], [], runtime);
    const steps: Array<[string, boolean]> = [];
    steps.push(['before add', matcher.matches('https://late.example.com')]);
    runtime.addExact('https://late.example.com');
    steps.push(['after add', matcher.matches('https://late.example.com')]);
    runtime.remove('https://late.example.com');
    steps.push(['after remove', matcher.matches('https://late.example.com')]);
    expect(steps).toEqual([
      ['before add', false],
      ['after add', true],
      ['after remove', false],
    ]);
  });
});

describe('OriginMatcher.isCandidate', () => {
  it.each<[string, boolean]>([
    ['https://example.com', true],
    ['http://localhost:3000', true],
    ['null', false],
    ['', false],
    ['https://example.com/', false],
    ['https://a.com, https://b.com', false],
    ['https://Example.com', false],
  ])('%j -> %s', (origin, expected) => {
    expect(OriginMatcher.isCandidate(origin)).toBe(expected);
  });
});

describe('OriginMatcher.describe', () => {
  it.each<{ name: string; build: () => OriginMatcher; expected: string[] }>([
    { name: 'empty', build: () => new OriginMatcher(new Set(), [], [], undefined), expected: [] },
    {
      name: 'every kind of entry, in order',
      build: () => {
        const runtime = new RuntimeOrigins();
        runtime.addExact('https://late.example.com');
        runtime.addPattern(pattern('https://*.late.example.com'));
        return new OriginMatcher(
          new Set(['https://a.example.com']),
          [pattern('https://*.b.example.com')],
          [/^https:\/\/c\.example\.com$/],
          runtime,
        );
      },
      expected: [
        'https://a.example.com',
        'https://*.b.example.com',
        '/^https:\\/\\/c\\.example\\.com$/',
        'https://late.example.com (runtime)',
        'https://*.late.example.com (runtime)',
      ],
    },
  ])('$name', ({ build, expected }) => {
    expect(build().describe()).toEqual(expected);
  });
});
