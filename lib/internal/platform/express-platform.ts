import type { PlatformFacts, TableRoute } from '../table/cors-table.js';
import type { RouteFinder } from '../request/cors-request-path.js';
import { PathMatchingOptions, compileExpressPath } from '../routing/compile-path.js';
import { ExpressRouteIndex } from '../routing/express-route-index.js';
import type { RouterEntry } from '../routing/preflight-router.js';
import type { AdapterLike, CorsPlatform, PlatformFactsOptions } from './cors-platform.js';
import { ResponseWriter, nodeResponseWriter } from '../http/response-writer.js';
import { prepareSealOn } from '../http/response-seal.js';

/** Express responses are Node `ServerResponse`s: written to directly. */
export const expressWriter: ResponseWriter = nodeResponseWriter;

interface ExpressRouterLike {
  stack?: Array<{ name?: string; rawPath?: unknown }>;
  /** The options the router was created with (router 2.x for Express 5, Express 4's own router). */
  caseSensitive?: unknown;
  strict?: unknown;
}

interface ExpressAppLike {
  get?(setting: string): unknown;
  /** Express 5's router; `_router` in Express 4. Private (checked against Express 4.21 and 5.3). */
  router?: ExpressRouterLike;
  _router?: ExpressRouterLike;
  /**
   * The prototype Express gives every response of this app (`Object.setPrototypeOf(res,
   * app.response)` as a request enters; a mounted sub-app's chains to it). Checked against
   * Express 5.2 (Nest 11's run) and 5.3; `test/e2e/platform/private-state.e2e.spec.ts` fails if
   * it stops being so (the seal then falls back to one `writeHead` per response).
   */
  response?: { writeHead?: unknown };
}

/** The app's router, if it has one (Express 4's `app.router` getter throws; Express 5's creates it, as Nest's adapter already did). */
function routerOf(app: ExpressAppLike): ExpressRouterLike | undefined {
  try {
    return app._router ?? app.router;
  } catch {
    return undefined;
  }
}

/**
 * How Express compares paths. Its router takes `case sensitive routing` and `strict routing`
 * once, when it is created (Nest's adapter creates it in its constructor), so a later
 * `app.set()` in main.ts changes the settings but not the routing: the router's own options
 * are read first, the settings only where there is no router.
 */
export function expressMatching(app: ExpressAppLike): PathMatchingOptions {
  const router = routerOf(app);
  const caseSensitive = typeof router?.caseSensitive === 'boolean' ? router.caseSensitive : app.get?.('case sensitive routing') === true;
  const strict = typeof router?.strict === 'boolean' ? router.strict : app.get?.('strict routing') === true;
  return { caseSensitive, strictTrailingSlash: strict };
}

/**
 * Express: the entry hook is the app's first middleware, so it decides actual requests there
 * (before body parsers and `app.use()` middleware, whose error answers then carry the headers);
 * the guard confirms. Routes are found by an index over path-to-regexp RegExps (the library
 * Express 5's router uses, with Express's own settings) keyed by method and literal leading segments.
 */
export function expressPlatform(adapter: AdapterLike): CorsPlatform {
  const app = adapter.getInstance() as ExpressAppLike;
  const matching = expressMatching(app);
  return {
    type: 'express',
    writer: expressWriter,
    endpointWriter: expressWriter,
    decidesActualInEntryHook: true,
    facts: ({ ordering, specificityConfigured, otherCorsLayer }: PlatformFactsOptions): PlatformFacts => ({
      compilePath: (path) => compileExpressPath(path, matching),
      // Registration order unless the app asked for specificity (Nest 11 cannot: it has no sorter).
      bySpecificity: specificityConfigured ? ordering.bySpecificity : undefined,
      // Another CORS layer runs after the entry hook and before the route: the guard must have the last word.
      unambiguousStrategy: otherCorsLayer ? 'guard' : 'entry-hook',
      // Express's router matches the raw (undecoded) path.
      pathMatching: { ...matching, decode: false },
    }),
    // Indexed by method and literal leading segments: a lookup tests a few RegExps, whatever the route count.
    createRouteFinder: (entries: readonly RouterEntry<TableRoute>[]): RouteFinder<TableRoute> => new ExpressRouteIndex(entries, matching),
    // Sealing a response (Vary and refusals kept until the head is written) then adds nothing to
    // it (see prepareSealOn); a response outside the app's prototype is still sealed on its own.
    installActualRequestHooks: () => {
      if (app.response !== undefined) prepareSealOn(app.response);
      return () => [];
    },
    otherCorsLayers: () => {
      // `app.enableCors()`, `NestFactory.create({ cors })` and `app.use(cors())` add the `cors`
      // package's middleware, named `corsMiddleware`; `rawPath` is where it was mounted (Express 5's
      // router 2.x; absent in Express 4, whose layers keep only a RegExp).
      const stack = routerOf(app)?.stack ?? [];
      return stack
        .filter((layer) => layer.name === 'corsMiddleware')
        .map((layer) => {
          const path = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? `under ${layer.rawPath}` : 'on every path';
          return `the cors middleware (app.enableCors(), NestFactory.create({ cors }) or app.use(cors())) ${path}`;
        });
    },
    whenLoaded: () => undefined,
  };
}
