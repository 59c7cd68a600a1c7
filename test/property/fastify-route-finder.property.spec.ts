import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { FastifyRouteFinder } from '../../lib/internal/platform/fastify-route-finder.js';
import { compileFastifyPath } from '../../lib/internal/routing/compile-path.js';
import { FastifyRouteIndex } from '../../lib/internal/routing/fastify-route-index.js';
import type { PathPolicyMatching } from '../../lib/internal/routing/normalize-path.js';
import type { RouterEntry } from '../../lib/internal/routing/preflight-router.js';
import { PROPERTY_TIMEOUT_MS, fcParams } from './fast-check-settings.js';

interface FindMyWay {
  on(method: string, path: string, handler: () => void, store: unknown): void;
  findRoute(method: string, path: string): unknown;
  find(method: string, path: string): { params: Record<string, string | undefined>; store: unknown } | null;
}

/** The find-my-way of the installed Fastify: the router the finder must agree with. */
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify/package.json'));
const findMyWay = fromFastify('find-my-way') as (options: Record<string, unknown>) => FindMyWay;

const ALL_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'];

/** Pieces of Fastify route paths from a small alphabet, so that routes share prefixes and collide. */
const routePieceArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('/api', '/a', '/b', '/items', '/Items', '/x.y', '/1', '/spec', '/a::b', '/caf%C3%A9') },
  { weight: 4, arbitrary: fc.constant('/:p') },
  { weight: 3, arbitrary: fc.constantFrom('/:p(^\\d+)', '/spec:p', '/:p.:p', '/:p-:p', '/:p.json', '/:p(^\\d+)-x', '/:p-x') },
);

/** A route path with unique parameter names, maybe ending in a wildcard. */
const routePathArb: fc.Arbitrary<string> = fc.tuple(fc.array(routePieceArb, { maxLength: 4 }), fc.constantFrom('', '', '', '/', '/*', '/:p?', '/:p?/')).map(([pieces, end]) => {
  let n = 0;
  return (pieces.join('') + end).replace(/:p/g, () => `:p${n++}`) || '/';
});

const pathPieceArb: fc.Arbitrary<string> = fc.constantFrom(
  'api', 'a', 'b', 'items', 'ITEMS', 'Items', 'x.y', '1', '123', 'spec', 'spec7', 'f.e', 'f-e', 'f.json', '7-x', 'a-x', 'a:b', 'a%3Ab', '%61pi', 'a%2Fb', '', 'x', 'café', 'caf%C3%A9', 'caf%C3', 'x'.repeat(101),
);
const requestPathArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(pathPieceArb, { maxLength: 5 }), fc.constantFrom('', '', '/', '//', ';s=1'))
  .map(([pieces, end]) => `/${pieces.join('/')}${end}`);

const tableArb = fc.record({
  routes: fc.array(fc.record({ method: fc.constantFrom('GET', 'PUT', 'HEAD', 'ALL'), path: routePathArb }), { minLength: 1, maxLength: 20 }),
  paths: fc.array(requestPathArb, { maxLength: 15 }),
  values: fc.array(fc.constantFrom('7', '123', 'a', 'api', 'f.e', 'x/y'), { minLength: 1, maxLength: 3 }),
});

const lookupMethods = ['GET', 'HEAD', 'PUT', 'DELETE', 'get'];

let lookups = 0;
let found = 0;

describe("FastifyRouteFinder picks the route Fastify's own router picks", () => {
  afterAll(() => {
    // The property is only worth something if many lookups found a route.
    expect(found).toBeGreaterThan(lookups / 20);
  });

  it.each<{ options: Record<string, boolean>; matching: PathPolicyMatching }>([
    { options: {}, matching: { caseSensitive: true, strictTrailingSlash: true, decode: true } },
    { options: { caseSensitive: false }, matching: { caseSensitive: false, strictTrailingSlash: true, decode: true } },
    {
      options: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, useSemicolonDelimiter: true },
      matching: { caseSensitive: true, strictTrailingSlash: false, decode: true, collapseSlashes: true, semicolonEndsPath: true },
    },
  ])(
    'same route for every method and path (router options $options)',
    ({ options, matching }) => {
      fc.assert(
        fc.property(tableArb, ({ routes, paths, values }) => {
          // Registered as Fastify registers them, in order: a route for all its methods, a GET route
          // also for HEAD right after it unless a HEAD route is there already (Fastify ignores that
          // insertion's errors). A route that cannot be registered would stop the app: it is left
          // out, and the router built again without it.
          const build = (table: typeof routes) => {
            const router = findMyWay({ ...options, allowUnsafeRegex: true });
            for (const { method, path } of table) {
              const label = `${method} ${path}`;
              for (const m of method === 'ALL' ? ALL_METHODS : [method]) router.on(m, path, () => undefined, label);
              try {
                if (method === 'GET' && router.findRoute('HEAD', path) === null) router.on('HEAD', path, () => undefined, label);
              } catch {
                // kept: the app's own HEAD route
              }
            }
            return router;
          };
          const accepted: typeof routes = [];
          for (const route of routes) {
            try {
              build([...accepted, route]);
              accepted.push(route);
            } catch {
              // a duplicate, or syntax find-my-way refuses
            }
          }
          const router = build(accepted);
          const entries: RouterEntry<string>[] = accepted.map(({ method, path }) => ({
            method,
            path,
            regexp: compileFastifyPath(path, { ...matching, maxParamLength: 100 }),
            candidates: [`${method} ${path}`],
          }));
          const finder = new FastifyRouteFinder(
            new FastifyRouteIndex(entries, matching, (path) => compileFastifyPath(path, { ...matching, maxParamLength: 100 })),
            ({ method, url }) => router.find(method.toUpperCase(), url),
            new Set(),
          );
          let v = 0;
          const derived = routes.map(({ path }) => path.replace(/:p\d+(\([^)]*\))?\??/g, () => values[v++ % values.length]!).replace('*', values[0]!).replace('::', ':'));
          for (const path of [...paths, ...derived, '/']) {
            for (const method of lookupMethods) {
              const match = router.find(method.toUpperCase(), path);
              const empty = match !== null && Object.entries(match.params).some(([name, value]) => name !== '*' && value === '');
              const expected = match === null || empty || method !== method.toUpperCase() ? undefined : (match.store as string);
              lookups++;
              if (expected !== undefined) found++;
              expect({ method, path, route: finder.find(method, path)?.candidates[0] }).toEqual({ method, path, route: expected });
            }
          }
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
