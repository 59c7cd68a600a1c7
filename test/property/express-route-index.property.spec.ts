import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PathMatchingOptions, compileExpressPath } from '../../lib/internal/routing/compile-path.js';
import { ExpressRouteIndex } from '../../lib/internal/routing/express-route-index.js';
import { PreflightRouter, RouterEntry } from '../../lib/internal/routing/preflight-router.js';
import { PROPERTY_TIMEOUT_MS, fcParams } from './fast-check-settings.js';

/**
 * Literal segments from a small alphabet so that routes share prefixes and collide, with the
 * characters case folding treats unusually: `ς`/`σ`/`Σ` fold together under a non-unicode `i`
 * flag, `K` (Kelvin) and `ſ` lowercase/uppercase to ASCII but never fold to it.
 */
const SEGMENTS = ['api', 'API', 'v1', 'items', 'Items', 'a', 'b', 'x.y', 'a-b', 'a~b', 'a%20b', 'café', 'CAFÉ', 'σ', 'ς', 'Σ', 'k', '\u212a', 's', 'ſ', '1'];

/** One piece of a route path. */
const routePieceArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SEGMENTS).map((s) => `/${s}`) },
  { weight: 3, arbitrary: fc.constant('/:p') },
  { weight: 1, arbitrary: fc.constant('/*w') },
  { weight: 3, arbitrary: fc.constantFrom('{/:q}', '{/items}', '{/a}/b', '{.:ext}', ':p', 'x', '{s}', '{{/a}/b}') },
  { weight: 1, arbitrary: fc.constantFrom('/', '\\:x', '/-') },
);

/** A route path: pieces joined, with unique parameter names (path-to-regexp needs them). */
const routePathArb: fc.Arbitrary<string> = fc
  .array(routePieceArb, { maxLength: 5 })
  .map((pieces) => {
    let n = 0;
    return pieces.join('').replace(/([:*])([pqw])\b/g, (_all, sigil: string, name: string) => `${sigil}${name}${n++}`) || '/';
  });

const methodArb = fc.constantFrom('GET', 'PUT', 'POST', 'HEAD', 'ALL');

/** One piece of a request path, often a route's own segment in another case. */
const pathPieceArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...SEGMENTS) },
  { weight: 3, arbitrary: fc.constantFrom(...SEGMENTS).map((s) => s.toUpperCase()) },
  { weight: 3, arbitrary: fc.constantFrom(...SEGMENTS).map((s) => s.toLowerCase()) },
  { weight: 2, arbitrary: fc.constantFrom('7', 'x', 'items.json', 'a.b', '', '%41pi', 'ap%69', 'a%2Fb', 'itemsx', '-', ':x') },
);

const requestPathArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(pathPieceArb, { maxLength: 6 }), fc.constantFrom('', '', '/', '//'))
  .map(([pieces, trailing]) => `/${pieces.join('/')}${trailing}`);

/** Turns a route path into a request path that it is likely to match, with or without its optional groups. */
function instantiate(path: string, values: readonly string[], withGroups: boolean): string {
  let i = 0;
  let request = path;
  if (!withGroups) while (/\{[^{}]*\}/.test(request)) request = request.replace(/\{[^{}]*\}/g, '');
  return request
    .replace(/\{|\}/g, '')
    .replace(/\\:/g, ':')
    .replace(/[:*][a-z]+[0-9]+/g, () => values[i++ % values.length]!);
}

const tableArb = fc.record({
  // Each route also says how to turn it into a request: upper-cased or not, with or without its groups.
  routes: fc.array(fc.record({ method: methodArb, path: routePathArb, upper: fc.boolean(), withGroups: fc.boolean() }), { minLength: 1, maxLength: 25 }),
  paths: fc.array(requestPathArb, { maxLength: 12 }),
  values: fc.array(fc.constantFrom('7', 'a', 'x/y', 'items', 'σ', 'api/v1'), { minLength: 1, maxLength: 3 }),
});

const lookupMethods = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PROPFIND', 'get'];

let lookups = 0;
let found = 0;

describe('ExpressRouteIndex agrees with the linear scan (PreflightRouter)', () => {
  afterAll(() => {
    // The property is only worth something if many lookups found a route.
    expect(found).toBeGreaterThan(lookups / 20);
  });

  it.each<PathMatchingOptions>([
    { caseSensitive: false, strictTrailingSlash: false },
    { caseSensitive: false, strictTrailingSlash: true },
    { caseSensitive: true, strictTrailingSlash: false },
    { caseSensitive: true, strictTrailingSlash: true },
  ])(
    'same entry for every method and path (caseSensitive: $caseSensitive, strict: $strictTrailingSlash)',
    (options) => {
      fc.assert(
        fc.property(tableArb, ({ routes, paths, values }) => {
          const entries: RouterEntry<number>[] = [];
          routes.forEach(({ method, path }, i) => {
            let regexp: RegExp;
            try {
              regexp = compileExpressPath(path, options);
            } catch {
              return;
            }
            entries.push({ method, path, regexp, candidates: [i] });
          });
          const index = new ExpressRouteIndex(entries, options);
          const linear = new PreflightRouter(entries);
          const derived = routes.map(({ path, upper, withGroups }) => {
            const request = instantiate(path, values, withGroups);
            return upper ? request.toUpperCase() : request;
          });
          for (const path of [...paths, ...derived, '/', '', '*', 'items']) {
            for (const method of lookupMethods) {
              const expected = linear.find(method, path);
              lookups++;
              if (expected !== undefined) found++;
              // Compared by route number, so that a failure names the routes.
              expect({ method, path, route: index.find(method, path)?.candidates[0] }).toEqual({ method, path, route: expected?.candidates[0] });
            }
          }
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
