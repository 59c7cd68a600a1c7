import { describe, expect, it } from '@jest/globals';
import { PathPattern, parsePathPattern } from '../../../lib/internal/routing/path-pattern.js';
import { PathPolicyIndex, PathPolicyMatching } from '../../../lib/internal/routing/path-policy-index.js';

const EXPRESS: PathPolicyMatching = { caseSensitive: false, strictTrailingSlash: false, decode: false };
const FASTIFY: PathPolicyMatching = { caseSensitive: true, strictTrailingSlash: true, decode: true };

function pattern(source: string): PathPattern {
  const parsed = parsePathPattern(source);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

function index(sources: readonly string[], matching: PathPolicyMatching): PathPolicyIndex<string> {
  return new PathPolicyIndex(
    sources.map((source) => ({ pattern: pattern(source), target: source })),
    matching,
  );
}

const PATTERNS = ['/graphql', '/assets/*', '/assets/private/*', '/assets/private/open.json', '/docs-json', '/docs/*'];

describe('parsePathPattern', () => {
  it.each([
    ['/graphql', { prefix: '/graphql', wildcard: false }],
    ['/assets/*', { prefix: '/assets', wildcard: true }],
    ['/*', { prefix: '', wildcard: true }],
    ['/', { prefix: '/', wildcard: false }],
    ["/a-b_c.d~e!$&'+,;=@/f", { prefix: "/a-b_c.d~e!$&'+,;=@/f", wildcard: false }],
  ])('accepts %s', (source, expected) => {
    expect(parsePathPattern(source)).toEqual({ source, ...expected });
  });

  it.each([
    ['graphql', 'paths start with "/": did you mean "/graphql"?'],
    ['', 'a path pattern is a non-empty string'],
    ['/a/*/b', 'a "*" may only end a pattern, as a whole segment ("/assets/*")'],
    ['/assets*', 'a "*" may only end a pattern, as a whole segment ("/assets/*")'],
    ['/items/:id', 'path patterns take no parameters: use an exact path or a trailing "/*"; for a controller route, put @Cors() on its controller or handler'],
    ['/docs{/:page}', 'path patterns take no parameters: use an exact path or a trailing "/*"; for a controller route, put @Cors() on its controller or handler'],
    ['/graphql?x=1', 'a path pattern has no query or fragment'],
    ['/a//b', 'a path pattern has no empty segments ("//")'],
    ['/a//*', 'a path pattern has no empty segments ("//")'],
    ['/caf%C3%A9', 'a path pattern uses unreserved characters only (letters, digits, "-._~!$&\'+,;=@"), not percent escapes or spaces'],
    ['/a b', 'a path pattern uses unreserved characters only (letters, digits, "-._~!$&\'+,;=@"), not percent escapes or spaces'],
  ])('refuses %j: %s', (source, message) => {
    expect(parsePathPattern(source)).toBe(message);
  });

  it('refuses what is not a string', () => {
    expect(parsePathPattern(42)).toBe('a path pattern is a non-empty string');
  });
});

describe('PathPolicyIndex', () => {
  // [request path, Express (case-insensitive, trailing slash ignored, raw), Fastify (case-sensitive, strict, decoded)]
  it.each<[string, string | undefined, string | undefined]>([
    ['/graphql', '/graphql', '/graphql'],
    ['/GraphQL', '/graphql', undefined],
    ['/graphql/', '/graphql', undefined],
    ['/graphql/x', undefined, undefined],
    ['/graphq', undefined, undefined],
    ['/assets', '/assets/*', '/assets/*'],
    ['/assets/', '/assets/*', '/assets/*'],
    ['/assets/x.json', '/assets/*', '/assets/*'],
    ['/assets/a/b/c.css', '/assets/*', '/assets/*'],
    ['/assetsX/a', undefined, undefined],
    ['/ASSETS/x.json', '/assets/*', undefined],
    ['/assets/private', '/assets/private/*', '/assets/private/*'],
    ['/assets/private/key.pem', '/assets/private/*', '/assets/private/*'],
    ['/assets/private/open.json', '/assets/private/open.json', '/assets/private/open.json'],
    ['/assets/privateer.json', '/assets/*', '/assets/*'],
    ['/%61ssets/x.json', undefined, '/assets/*'],
    ['/assets%2Fprivate/key.pem', undefined, undefined],
    // Malformed percent-encoding: Express matches it raw; on Fastify it matches nothing (fail closed).
    ['/assets/%E0%A4%A', '/assets/*', undefined],
    ['/docs', '/docs/*', '/docs/*'],
    ['/docs-json', '/docs-json', '/docs-json'],
    ['/', undefined, undefined],
    ['*', undefined, undefined],
  ])('%s -> Express %s, Fastify %s', (path, onExpress, onFastify) => {
    expect(index(PATTERNS, EXPRESS).find(path)).toBe(onExpress);
    expect(index(PATTERNS, FASTIFY).find(path)).toBe(onFastify);
  });

  it('/* covers every path; anything more specific wins', () => {
    const all = index(['/*', '/assets/*', '/graphql'], FASTIFY);
    expect(['/', '/x', '/a/b/c', '/assets/x', '/graphql', '/graphql/x'].map((p) => all.find(p))).toEqual([
      '/*',
      '/*',
      '/*',
      '/assets/*',
      '/graphql',
      '/*',
    ]);
  });

  it("follows Fastify's duplicate-slash and semicolon options", () => {
    const fastify = index(['/assets/*', '/graphql'], { ...FASTIFY, collapseSlashes: true, semicolonEndsPath: true });
    expect(fastify.find('//assets//x.json')).toBe('/assets/*');
    expect(fastify.find('/graphql;jsessionid=1')).toBe('/graphql');
    expect(index(['/graphql'], FASTIFY).find('/graphql;jsessionid=1')).toBeUndefined();
  });

  it('keys patterns the adapter cannot tell apart alike', () => {
    const express = new PathPolicyIndex<never>([], EXPRESS);
    expect(express.keyOf(pattern('/GraphQL'))).toBe(express.keyOf(pattern('/graphql')));
    expect(express.keyOf(pattern('/graphql/'))).toBe(express.keyOf(pattern('/graphql')));
    const fastify = new PathPolicyIndex<never>([], FASTIFY);
    expect(fastify.keyOf(pattern('/GraphQL'))).not.toBe(fastify.keyOf(pattern('/graphql')));
  });

  it('does work linear in the path, whatever the number of wildcard depths', () => {
    const deep = index(['/a/*', '/a/b/*', '/a/b/c/*'], FASTIFY);
    const hostile = `/${'x/'.repeat(8000)}`;
    expect(deep.find(hostile)).toBeUndefined();
    expect(deep.find(`/a/b/${'y/'.repeat(8000)}`)).toBe('/a/b/*');
  });
});
