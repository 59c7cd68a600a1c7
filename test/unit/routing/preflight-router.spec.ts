import { beforeAll, describe, expect, it } from '@jest/globals';
import { compileExpressPath } from '../../../lib/internal/routing/compile-path.js';
import { PreflightRouter, RouterEntry, orderEntries } from '../../../lib/internal/routing/preflight-router.js';
import { SortBySpecificity, loadRouteOrdering } from '../../../lib/internal/routing/route-specificity.js';

const OPTIONS = { caseSensitive: false, strictTrailingSlash: false };

/** One entry whose only candidate is `label`. */
function entry(method: string, path: string, label: string): RouterEntry<string> {
  return { method, path, regexp: compileExpressPath(path, OPTIONS), candidates: [label] };
}

const labels = (entries: readonly RouterEntry<string>[]) => entries.map((e) => e.candidates[0]);

describe('PreflightRouter.find', () => {
  const router = new PreflightRouter<string>([
    entry('GET', '/items/special', 'getSpecial'),
    entry('GET', '/items/:id', 'getItem'),
    entry('PUT', '/items/:id', 'putItem'),
    entry('ALL', '/any', 'all'),
    entry('PATCH', '/any/patch', 'patchAny'),
    entry('HEAD', '/head-only', 'headOnly'),
    entry('GET', '/both', 'getBoth'),
    entry('DELETE', '/mixed', 'deleteMixed'),
    entry('ALL', '/mixed', 'allMixed'),
  ]);

  it.each<{ method: string; path: string; expected: string | undefined }>([
    { method: 'GET', path: '/items/1', expected: 'getItem' },
    { method: 'GET', path: '/items/special', expected: 'getSpecial' },
    { method: 'GET', path: '/ITEMS/1/', expected: 'getItem' },
    { method: 'PUT', path: '/items/1', expected: 'putItem' },
    { method: 'PUT', path: '/items/special', expected: 'putItem' },
    { method: 'DELETE', path: '/items/1', expected: undefined },
    { method: 'POST', path: '/items/1', expected: undefined },
    { method: 'OPTIONS', path: '/items/1', expected: undefined },
    // Methods are case-sensitive.
    { method: 'put', path: '/items/1', expected: undefined },
    // ALL routes serve every method, with or without a bucket of their own.
    { method: 'GET', path: '/any', expected: 'all' },
    { method: 'PUT', path: '/any', expected: 'all' },
    { method: 'PATCH', path: '/any', expected: 'all' },
    { method: 'POST', path: '/any', expected: 'all' },
    { method: 'PROPFIND', path: '/any', expected: 'all' },
    { method: 'PATCH', path: '/any/patch', expected: 'patchAny' },
    { method: 'POST', path: '/any/patch', expected: undefined },
    // Declaration order inside one method bucket.
    { method: 'DELETE', path: '/mixed', expected: 'deleteMixed' },
    { method: 'PUT', path: '/mixed', expected: 'allMixed' },
    // HEAD: its own routes first, then GET routes.
    { method: 'HEAD', path: '/head-only', expected: 'headOnly' },
    { method: 'HEAD', path: '/items/1', expected: 'getItem' },
    { method: 'HEAD', path: '/items/special', expected: 'getSpecial' },
    { method: 'HEAD', path: '/both', expected: 'getBoth' },
    { method: 'HEAD', path: '/any', expected: 'all' },
    { method: 'HEAD', path: '/nowhere', expected: undefined },
    { method: 'GET', path: '/head-only', expected: undefined },
    { method: 'GET', path: '/nowhere', expected: undefined },
  ])('$method $path -> $expected', ({ method, path, expected }) => {
    expect(router.find(method, path)?.candidates[0]).toBe(expected);
  });

  it.each<{ name: string; entries: RouterEntry<string>[]; method: string; path: string; expected: string | undefined }>([
    { name: 'empty router', entries: [], method: 'GET', path: '/', expected: undefined },
    { name: 'only ALL routes', entries: [entry('ALL', '/x', 'all')], method: 'DELETE', path: '/x', expected: 'all' },
    { name: 'only ALL routes, HEAD', entries: [entry('ALL', '/x', 'all')], method: 'HEAD', path: '/x', expected: 'all' },
    {
      name: 'ALL declared before GET at one path',
      entries: [entry('ALL', '/x', 'all'), entry('GET', '/x', 'get')],
      method: 'GET',
      path: '/x',
      expected: 'all',
    },
    {
      name: 'GET declared before ALL at one path',
      entries: [entry('GET', '/x', 'get'), entry('ALL', '/x', 'all')],
      method: 'GET',
      path: '/x',
      expected: 'get',
    },
    {
      name: 'HEAD, ALL declared before GET at one path',
      entries: [entry('ALL', '/x', 'all'), entry('GET', '/x', 'get')],
      method: 'HEAD',
      path: '/x',
      expected: 'all',
    },
    // Express's router answers HEAD with the first route, in order, that handles HEAD, GET or all
    // methods (router/lib/route.js _handlesMethod), so the GET route declared first wins.
    {
      name: 'HEAD, GET declared before ALL at one path',
      entries: [entry('GET', '/x', 'get'), entry('ALL', '/x', 'all')],
      method: 'HEAD',
      path: '/x',
      expected: 'get',
    },
    {
      name: 'HEAD, GET declared before ALL at one path, with a HEAD route elsewhere',
      entries: [entry('HEAD', '/h', 'head'), entry('GET', '/x', 'get'), entry('ALL', '/x', 'all')],
      method: 'HEAD',
      path: '/x',
      expected: 'get',
    },
    {
      name: 'HEAD, explicit HEAD route wins over an earlier GET only when it comes first',
      entries: [entry('HEAD', '/x', 'head'), entry('GET', '/x', 'get')],
      method: 'HEAD',
      path: '/x',
      expected: 'head',
    },
  ])('$name: $method $path -> $expected', ({ entries, method, path, expected }) => {
    expect(new PreflightRouter(entries).find(method, path)?.candidates[0]).toBe(expected);
  });

  it('returns the entry with every candidate', () => {
    const shared: RouterEntry<string> = { method: 'GET', path: '/v', regexp: compileExpressPath('/v', OPTIONS), candidates: ['v1', 'v2'] };
    expect(new PreflightRouter([shared]).find('GET', '/v')).toBe(shared);
  });
});

describe('orderEntries', () => {
  let sorter: SortBySpecificity | undefined;
  beforeAll(async () => {
    sorter = (await loadRouteOrdering()).bySpecificity;
    expect(sorter).toBeDefined();
  });

  it.each<{ name: string; entries: RouterEntry<string>[]; bySpecificity: boolean; expected: string[] }>([
    {
      name: 'declaration order keeps a param before a literal',
      entries: [entry('GET', '/items/:id', 'param'), entry('GET', '/items/special', 'literal')],
      bySpecificity: false,
      expected: ['param', 'literal'],
    },
    {
      name: 'specificity puts the literal first',
      entries: [entry('GET', '/items/:id', 'param'), entry('GET', '/items/special', 'literal')],
      bySpecificity: true,
      expected: ['literal', 'param'],
    },
    {
      name: 'specificity keeps declaration order on ties',
      entries: [entry('GET', '/b/:y', 'b'), entry('PUT', '/a/:x', 'a'), entry('GET', '/c/:z', 'c')],
      bySpecificity: true,
      expected: ['b', 'a', 'c'],
    },
    {
      name: 'specificity: wildcard last',
      entries: [entry('GET', '/files/*path', 'wildcard'), entry('GET', '/files/:name', 'param'), entry('GET', '/files/readme', 'literal')],
      bySpecificity: true,
      expected: ['literal', 'param', 'wildcard'],
    },
    {
      name: 'declaration order with a wildcard first',
      entries: [entry('GET', '/files/*path', 'wildcard'), entry('GET', '/files/readme', 'literal')],
      bySpecificity: false,
      expected: ['wildcard', 'literal'],
    },
  ])('$name', ({ entries, bySpecificity, expected }) => {
    const before = labels(entries);
    expect(labels(orderEntries(entries, bySpecificity ? sorter : undefined))).toEqual(expected);
    // The input is not reordered in place.
    expect(labels(entries)).toEqual(before);
  });

  it.each<{ bySpecificity: boolean; expected: string }>([
    { bySpecificity: true, expected: 'literal' },
    { bySpecificity: false, expected: 'param' },
  ])('the ordered router answers /items/special with $expected (bySpecificity: $bySpecificity)', ({ bySpecificity, expected }) => {
    const entries = [entry('GET', '/items/:id', 'param'), entry('GET', '/items/special', 'literal')];
    const router = new PreflightRouter(orderEntries(entries, bySpecificity ? sorter : undefined));
    expect(router.find('GET', '/items/special')?.candidates[0]).toBe(expected);
    expect(router.find('GET', '/items/7')?.candidates[0]).toBe('param');
  });
});
