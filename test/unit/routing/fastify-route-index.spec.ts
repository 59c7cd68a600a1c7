import { describe, expect, it } from '@jest/globals';
import { compileFastifyPath } from '../../../lib/internal/routing/compile-path.js';
import { fastifyParamNames, fastifyPathVariants, literalSegments, sortByFastifyPrecedence } from '../../../lib/internal/routing/fastify-path.js';
import { FastifyRouteIndex, matchesParams } from '../../../lib/internal/routing/fastify-route-index.js';
import type { PathPolicyMatching } from '../../../lib/internal/routing/normalize-path.js';
import type { RouterEntry } from '../../../lib/internal/routing/preflight-router.js';

const DEFAULTS: PathPolicyMatching = { caseSensitive: true, strictTrailingSlash: true, decode: true };
const LOOSE: PathPolicyMatching = { caseSensitive: false, strictTrailingSlash: false, decode: true, collapseSlashes: true, semicolonEndsPath: true };

/** Entries in registration order, each labelled `method path`. */
function fastifyEntries(routes: ReadonlyArray<readonly [string, string]>, matching: PathPolicyMatching): RouterEntry<string>[] {
  return routes.map(([method, path]) => ({ method, path, regexp: compileFastifyPath(path, matching), candidates: [`${method} ${path}`] }));
}

describe('Fastify paths', () => {
  it.each<[string, string[]]>([
    ['/items', []],
    ['/items/:id', ['id']],
    ['/items/:id(^\\d+)/parts/:part', ['id', 'part']],
    ['/files/:name.:ext', ['name', 'ext']],
    ['/range/:from-:to', ['from', 'to']],
    ['/files/*', ['*']],
    ['/a::b/:c', ['c']],
  ])('parameter names of %s', (path, names) => {
    expect(fastifyParamNames(path)).toEqual(names);
  });

  it.each<[string, string[]]>([
    ['/items/:id', ['/items/:id']],
    ['/items/:id?', ['/items/:id', '/items']],
    ['/items/:id?/', ['/items/:id/', '/items/']],
    ['/:id?', ['/:id', '/']],
    ['/items/:id?/parts', ['/items/:id?/parts']],
  ])('paths find-my-way registers for %s', (path, variants) => {
    expect(fastifyPathVariants(path)).toEqual(variants);
  });

  it.each<[string, boolean, string[]]>([
    ['/api/v1/items/:id', true, ['api', 'v1', 'items']],
    ['/items/spec:id', true, ['items']],
    ['/api/items/spec:id', true, ['api', 'items']],
    ['/items/special', true, ['items', 'special']],
    ['/Items/Special', false, ['items', 'special']],
    ['/files/*', true, ['files']],
    ['/:tenant/dashboard', true, []],
    ['/', true, []],
    ['/a//b', true, ['a']],
    ['/a::b/:c', true, ['a:b']],
  ])('literal leading segments of %s (case-sensitive %s)', (path, caseSensitive, segments) => {
    expect(literalSegments(path, caseSensitive)).toEqual(segments);
  });

  it("sorts routes into find-my-way's order: static, regex parameter, plain parameter, wildcard; a HEAD route before GET at the same path", () => {
    const routes = fastifyEntries(
      [
        ['GET', '/files/*'],
        ['GET', '/files/:name'],
        ['GET', '/files/:name(^\\d+)'],
        ['GET', '/files/readme'],
        ['GET', '/files/read:rest'],
        ['GET', '/files/'],
        ['GET', '/head'],
        ['HEAD', '/head'],
      ],
      DEFAULTS,
    );
    expect(sortByFastifyPrecedence(routes, DEFAULTS).map((e) => e.candidates[0])).toEqual([
      'GET /files/',
      'GET /files/readme',
      'GET /files/read:rest',
      'GET /files/:name(^\\d+)',
      'GET /files/:name',
      'GET /files/*',
      'HEAD /head',
      'GET /head',
    ]);
  });

  it.each<[string, Record<string, string>, boolean]>([
    ['', {}, true],
    ['id', { id: '1' }, true],
    ['id/part', { id: '1', part: '2' }, true],
    ['id', {}, false],
    ['id', { ids: '1' }, false],
    ['ids', { id: '1' }, false],
    ['id/part', { part: '2', id: '1' }, false],
    ['*', { '*': 'a/b' }, true],
    ['*', { '*': '' }, true],
    ['id', { id: '' }, false],
    ['id/*', { id: '', '*': 'x' }, false],
  ])('parameter names %j against %j: %s', (joined, params, same) => {
    expect(matchesParams(joined, params)).toBe(same);
  });
});

const ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/items/:id'],
  ['GET', '/items/special'],
  ['PUT', '/items/:id'],
  ['GET', '/num/:id'],
  ['GET', '/num/:id(^\\d+)'],
  ['GET', '/files/*'],
  ['GET', '/files/:name'],
  ['GET', '/files/readme'],
  ['GET', '/api/v1/items/:id/parts'],
  ['GET', '/:tenant/dashboard'],
  ['ALL', '/any'],
  ['DELETE', '/Caps/Path'],
  ['HEAD', '/head-only'],
  ['GET', '/docs/:page?'],
];

describe('FastifyRouteIndex.find (without what Fastify found)', () => {
  it.each<{ matching: PathPolicyMatching; method: string; path: string; expected: string | undefined }>([
    { matching: DEFAULTS, method: 'GET', path: '/items/special', expected: 'GET /items/special' },
    { matching: DEFAULTS, method: 'GET', path: '/items/7', expected: 'GET /items/:id' },
    { matching: DEFAULTS, method: 'PUT', path: '/items/special', expected: 'PUT /items/:id' },
    { matching: DEFAULTS, method: 'DELETE', path: '/items/7', expected: undefined },
    // find-my-way decodes before matching static segments: %69 is `i`.
    { matching: DEFAULTS, method: 'GET', path: '/items/spec%69al', expected: 'GET /items/special' },
    { matching: DEFAULTS, method: 'GET', path: '/items/a%2Fb', expected: 'GET /items/:id' },
    { matching: DEFAULTS, method: 'GET', path: '/items/%E0%A4%A', expected: undefined },
    // A regex parameter before a plain one declared earlier; a parameter before the wildcard.
    { matching: DEFAULTS, method: 'GET', path: '/num/123', expected: 'GET /num/:id(^\\d+)' },
    { matching: DEFAULTS, method: 'GET', path: '/num/abc', expected: 'GET /num/:id' },
    { matching: DEFAULTS, method: 'GET', path: '/files/readme', expected: 'GET /files/readme' },
    { matching: DEFAULTS, method: 'GET', path: '/files/a.txt', expected: 'GET /files/:name' },
    { matching: DEFAULTS, method: 'GET', path: '/files/a/b.txt', expected: 'GET /files/*' },
    { matching: DEFAULTS, method: 'GET', path: '/files/', expected: 'GET /files/*' },
    { matching: DEFAULTS, method: 'GET', path: '/api/v1/items/9/parts', expected: 'GET /api/v1/items/:id/parts' },
    { matching: DEFAULTS, method: 'GET', path: '/acme/dashboard', expected: 'GET /:tenant/dashboard' },
    { matching: DEFAULTS, method: 'PATCH', path: '/any', expected: 'ALL /any' },
    { matching: DEFAULTS, method: 'HEAD', path: '/items/7', expected: 'GET /items/:id' },
    { matching: DEFAULTS, method: 'HEAD', path: '/head-only', expected: 'HEAD /head-only' },
    { matching: DEFAULTS, method: 'GET', path: '/head-only', expected: undefined },
    // An optional last parameter: the route with and without it.
    { matching: DEFAULTS, method: 'GET', path: '/docs/intro', expected: 'GET /docs/:page?' },
    { matching: DEFAULTS, method: 'GET', path: '/docs', expected: 'GET /docs/:page?' },
    { matching: DEFAULTS, method: 'GET', path: '/docs/', expected: undefined },
    // Router options: case, trailing and duplicate slashes, `;`.
    { matching: DEFAULTS, method: 'DELETE', path: '/caps/path', expected: undefined },
    { matching: LOOSE, method: 'DELETE', path: '/caps/path', expected: 'DELETE /Caps/Path' },
    { matching: DEFAULTS, method: 'GET', path: '/items/special/', expected: undefined },
    { matching: LOOSE, method: 'GET', path: '/items/special/', expected: 'GET /items/special' },
    { matching: LOOSE, method: 'GET', path: '//items//special', expected: 'GET /items/special' },
    { matching: LOOSE, method: 'GET', path: '/items/special;jsessionid=1', expected: 'GET /items/special' },
  ])('$method $path ($matching.caseSensitive) -> $expected', ({ matching, method, path, expected }) => {
    const index = new FastifyRouteIndex(fastifyEntries(ROUTES, matching), matching, (path) => compileFastifyPath(path, matching));
    expect(index.find(method, path)?.candidates[0]).toBe(expected);
  });

  it('with the parameters Fastify found, only routes with those names count', () => {
    const index = new FastifyRouteIndex(fastifyEntries(ROUTES, DEFAULTS), DEFAULTS, (path) => compileFastifyPath(path, DEFAULTS));
    // Over maxParamLength Fastify skips `:name` and serves the wildcard.
    expect(index.find('GET', '/files/a.txt', { '*': 'a.txt' })?.candidates[0]).toBe('GET /files/*');
    // A route of a Fastify plugin (no parameters) where the only controller route has one.
    expect(index.find('PUT', '/items/x', {})).toBeUndefined();
    expect(index.find('PUT', '/items/x', { id: 'x' })?.candidates[0]).toBe('PUT /items/:id');
  });

  it('1,000 controllers: the last one is found, in a trie of one node per controller', () => {
    const routes: Array<[string, string]> = [];
    for (let i = 0; i < 1000; i++) routes.push(['GET', `/api/c${i}`], ['POST', `/api/c${i}`], ['GET', `/api/c${i}/:id`], ['PUT', `/api/c${i}/:id`], ['DELETE', `/api/c${i}/:id`]);
    const index = new FastifyRouteIndex(fastifyEntries(routes, DEFAULTS), DEFAULTS, (path) => compileFastifyPath(path, DEFAULTS));
    expect(index.find('PUT', '/api/c999/42', { id: '42' })?.candidates[0]).toBe('PUT /api/c999/:id');
    expect(index.find('POST', '/api/c999')?.candidates[0]).toBe('POST /api/c999');
    expect(index.find('POST', '/api/c999/42')).toBeUndefined();
    expect(index.find('GET', '/api/c1000/42')).toBeUndefined();
  });
});
