import { describe, expect, it } from '@jest/globals';
import { PathMatchingOptions, compileExpressPath } from '../../../lib/internal/routing/compile-path.js';
import { ExpressRouteIndex } from '../../../lib/internal/routing/express-route-index.js';
import { PreflightRouter, RouterEntry } from '../../../lib/internal/routing/preflight-router.js';

const LOOSE: PathMatchingOptions = { caseSensitive: false, strictTrailingSlash: false };
const STRICT: PathMatchingOptions = { caseSensitive: true, strictTrailingSlash: true };

/** Entries in precedence order, each labelled `method path`. */
function entries(routes: ReadonlyArray<[string, string]>, options: PathMatchingOptions): RouterEntry<string>[] {
  return routes.map(([method, path]) => ({ method, path, regexp: compileExpressPath(path, options), candidates: [`${method} ${path}`] }));
}

const ROUTES: ReadonlyArray<[string, string]> = [
  ['GET', '/items/special'],
  ['GET', '/items/:id'],
  ['GET', '/items/special/extra'],
  ['PUT', '/items/:id'],
  ['GET', '/api/v1/items/:id'],
  ['GET', '/api/v1/items/:id/parts'],
  ['GET', '/api/:version/items'],
  ['GET', '/files/*splat'],
  ['GET', '/files/readme'],
  ['GET', '/docs{/:page}'],
  ['GET', '/report{.:format}'],
  ['GET', '/items:suffix'],
  ['GET', '/Caps/Path'],
  ['ALL', '/any'],
  ['PATCH', '/any/patch'],
  ['HEAD', '/head-only'],
  ['DELETE', '/mixed'],
  ['ALL', '/mixed'],
  ['GET', '/'],
  ['GET', '/:tenant/dashboard'],
];

describe('ExpressRouteIndex.find', () => {
  it.each<{ options: PathMatchingOptions; method: string; path: string; expected: string | undefined }>([
    // Precedence among overlapping routes: declaration order, across trie depths.
    { options: LOOSE, method: 'GET', path: '/items/special', expected: 'GET /items/special' },
    { options: LOOSE, method: 'GET', path: '/items/7', expected: 'GET /items/:id' },
    { options: LOOSE, method: 'GET', path: '/items/special/extra', expected: 'GET /items/special/extra' },
    { options: LOOSE, method: 'PUT', path: '/items/special', expected: 'PUT /items/:id' },
    // Versioned and prefixed paths, and a param before literals.
    { options: LOOSE, method: 'GET', path: '/api/v1/items/42', expected: 'GET /api/v1/items/:id' },
    { options: LOOSE, method: 'GET', path: '/api/v1/items/42/parts', expected: 'GET /api/v1/items/:id/parts' },
    { options: LOOSE, method: 'GET', path: '/api/v2/items', expected: 'GET /api/:version/items' },
    { options: LOOSE, method: 'GET', path: '/api/v1/items', expected: 'GET /api/:version/items' },
    { options: LOOSE, method: 'GET', path: '/api/v1/items/42/other', expected: undefined },
    { options: LOOSE, method: 'GET', path: '/acme/dashboard', expected: 'GET /:tenant/dashboard' },
    { options: LOOSE, method: 'GET', path: '/items/dashboard', expected: 'GET /items/:id' },
    // Wildcards: the earlier wildcard wins over the later literal.
    { options: LOOSE, method: 'GET', path: '/files/readme', expected: 'GET /files/*splat' },
    { options: LOOSE, method: 'GET', path: '/files/a/b/c', expected: 'GET /files/*splat' },
    { options: LOOSE, method: 'GET', path: '/files', expected: undefined },
    // Optional groups, with and without their content.
    { options: LOOSE, method: 'GET', path: '/docs', expected: 'GET /docs{/:page}' },
    { options: LOOSE, method: 'GET', path: '/docs/intro', expected: 'GET /docs{/:page}' },
    { options: LOOSE, method: 'GET', path: '/report', expected: 'GET /report{.:format}' },
    { options: LOOSE, method: 'GET', path: '/report.csv', expected: 'GET /report{.:format}' },
    // A param glued to literal text: the segment is `items…`, not `items`.
    { options: LOOSE, method: 'GET', path: '/itemsXYZ', expected: 'GET /items:suffix' },
    // Raw path, not percent-decoded, as Express matches it.
    { options: LOOSE, method: 'GET', path: '/it%65ms/dashboard', expected: 'GET /:tenant/dashboard' },
    { options: LOOSE, method: 'GET', path: '/items/a%2Fb', expected: 'GET /items/:id' },
    // Case: folded unless case-sensitive.
    { options: LOOSE, method: 'GET', path: '/ITEMS/Special', expected: 'GET /items/special' },
    { options: LOOSE, method: 'GET', path: '/caps/path', expected: 'GET /Caps/Path' },
    { options: STRICT, method: 'GET', path: '/caps/path', expected: undefined },
    { options: STRICT, method: 'GET', path: '/Caps/Path', expected: 'GET /Caps/Path' },
    { options: STRICT, method: 'GET', path: '/ITEMS/dashboard', expected: 'GET /:tenant/dashboard' },
    { options: LOOSE, method: 'GET', path: '/ITEMS/dashboard', expected: 'GET /items/:id' },
    // Trailing slash: one is ignored unless strict; `//` is a different path.
    { options: LOOSE, method: 'GET', path: '/items/7/', expected: 'GET /items/:id' },
    { options: STRICT, method: 'GET', path: '/items/7/', expected: undefined },
    { options: LOOSE, method: 'GET', path: '/items//7', expected: undefined },
    { options: LOOSE, method: 'GET', path: '/api/v1/items/42//', expected: undefined },
    // The root route.
    { options: LOOSE, method: 'GET', path: '/', expected: 'GET /' },
    { options: STRICT, method: 'GET', path: '/', expected: 'GET /' },
    { options: LOOSE, method: 'GET', path: '', expected: undefined },
    { options: LOOSE, method: 'GET', path: '*', expected: undefined },
    // ALL serves every method, unknown ones included; methods are case-sensitive.
    { options: LOOSE, method: 'PROPFIND', path: '/any', expected: 'ALL /any' },
    { options: LOOSE, method: 'PATCH', path: '/any/patch', expected: 'PATCH /any/patch' },
    { options: LOOSE, method: 'POST', path: '/any/patch', expected: undefined },
    { options: LOOSE, method: 'get', path: '/items/7', expected: undefined },
    { options: LOOSE, method: 'DELETE', path: '/mixed', expected: 'DELETE /mixed' },
    { options: LOOSE, method: 'PUT', path: '/mixed', expected: 'ALL /mixed' },
    // HEAD: its own routes and GET routes, in declaration order.
    { options: LOOSE, method: 'HEAD', path: '/head-only', expected: 'HEAD /head-only' },
    { options: LOOSE, method: 'HEAD', path: '/items/special', expected: 'GET /items/special' },
    { options: LOOSE, method: 'HEAD', path: '/any', expected: 'ALL /any' },
    { options: LOOSE, method: 'GET', path: '/head-only', expected: undefined },
  ])('$method $path (caseSensitive: $options.caseSensitive) -> $expected', ({ options, method, path, expected }) => {
    const table = entries(ROUTES, options);
    expect(new ExpressRouteIndex(table, options).find(method, path)?.candidates[0]).toBe(expected);
    // The reference: the linear scan gives the same answer.
    expect(new PreflightRouter(table).find(method, path)?.candidates[0]).toBe(expected);
  });

  it('returns the entry object itself, with every candidate', () => {
    const shared: RouterEntry<string> = { method: 'GET', path: '/v', regexp: compileExpressPath('/v', LOOSE), candidates: ['v1', 'v2'] };
    expect(new ExpressRouteIndex([shared], LOOSE).find('GET', '/v')).toBe(shared);
  });

  it('answers nothing when empty', () => {
    expect(new ExpressRouteIndex<string>([], LOOSE).find('GET', '/')).toBeUndefined();
  });

  it('keeps a case-folding regexp out of the trie when the index is case-sensitive', () => {
    const folding = entries([['GET', '/Items']], LOOSE);
    expect(new ExpressRouteIndex(folding, STRICT).find('GET', '/ITEMS')?.candidates[0]).toBe('GET /Items');
  });
});

/** A RegExp that counts how often it is tested. */
class CountingRegExp extends RegExp {
  static tests = 0;
  override test(input: string): boolean {
    CountingRegExp.tests++;
    return super.test(input);
  }
}

describe('ExpressRouteIndex cost', () => {
  it('tests only the entries under the path, whatever the number of routes', () => {
    const table: RouterEntry<string>[] = [];
    for (let c = 0; c < 1000; c++) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['GET', '/:id'],
        ['POST', ''],
        ['PUT', '/:id'],
        ['DELETE', '/:id'],
      ] as const) {
        const path = `/api/controller${c}${suffix}`;
        const regexp = compileExpressPath(path, LOOSE);
        table.push({ method, path, regexp: new CountingRegExp(regexp.source, regexp.flags), candidates: [`${method} ${path}`] });
      }
    }
    const index = new ExpressRouteIndex(table, LOOSE);
    CountingRegExp.tests = 0;
    expect(index.find('DELETE', '/api/controller999/7')?.candidates[0]).toBe('DELETE /api/controller999/:id');
    expect(CountingRegExp.tests).toBe(1);
    CountingRegExp.tests = 0;
    expect(index.find('GET', '/api/Controller999/7')?.candidates[0]).toBe('GET /api/controller999/:id');
    expect(CountingRegExp.tests).toBe(2);
    CountingRegExp.tests = 0;
    expect(index.find('GET', '/api/controller1000')).toBeUndefined();
    expect(CountingRegExp.tests).toBe(0);
    // The linear scan, for comparison, tests every GET route before the last controller's.
    CountingRegExp.tests = 0;
    new PreflightRouter(table).find('GET', '/api/controller999/7');
    expect(CountingRegExp.tests).toBe(2000);
  });
});
