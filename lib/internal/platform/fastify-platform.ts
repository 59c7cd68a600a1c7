import { Logger } from '@nestjs/common';
import { answerActualRequest } from '../request/answer-actual-request.js';
import type { PlatformFacts, TableRoute } from '../table/cors-table.js';
import * as H from '../http/headers.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { CorsRequestPath, RouteFinder } from '../request/cors-request-path.js';
import { compileFastifyPath } from '../routing/compile-path.js';
import { FastifyRouteIndex } from '../routing/fastify-route-index.js';
import type { PathPolicyMatching } from '../routing/normalize-path.js';
import type { RouterEntry } from '../routing/preflight-router.js';
import type { AdapterLike, CorsPlatform, PlatformFactsOptions } from './cors-platform.js';
import { FastifyRouteFinder, FindRoute } from './fastify-route-finder.js';
import { fastifyEnableCorsIsSet } from './nest-private-state.js';
import type { ResponseWriter } from '../http/response-writer.js';
import { SealableResponse, sealResponse } from '../http/response-seal.js';

interface FastifyLikeReply {
  readonly raw: { readonly headersSent: boolean; getHeader(name: string): unknown; setHeader(name: string, value: string): unknown; removeHeader(name: string): void };
  getHeader(name: string): unknown;
  header(name: string, value: string): unknown;
  hasHeader(name: string): boolean;
  removeHeader(name: string): unknown;
  code(status: number): FastifyLikeReply;
  send(): unknown;
}

/**
 * The names this module writes, in lowercase. `reply.header()` lowercases every name it is
 * given; for a mixed-case name that is a new string per call, which V8 must then internalize to
 * use as a key. Giving it the lowercase constant avoids both (Fastify sends names in lowercase
 * anyway, so nothing changes on the wire).
 */
const LOWERCASE: Readonly<Record<string, string>> = Object.fromEntries(
  [H.ALLOW_ORIGIN, H.ALLOW_CREDENTIALS, H.ALLOW_METHODS, H.ALLOW_HEADERS, H.EXPOSE_HEADERS, H.MAX_AGE, H.ALLOW_PRIVATE_NETWORK, 'Vary'].map(
    (name) => [name, name.toLowerCase()],
  ),
);

/**
 * Fastify keeps headers on the reply and writes them at send time, over anything set on the
 * raw response, so headers must go through the reply to survive.
 */
export const fastifyWriter: ResponseWriter = {
  getHeader: (reply, name) => (reply as FastifyLikeReply).getHeader(name),
  setHeader: (reply, name, value) => void (reply as FastifyLikeReply).header(LOWERCASE[name] ?? name, value),
  removeHeader: (reply, name) => {
    const fastifyReply = reply as FastifyLikeReply;
    name = LOWERCASE[name] ?? name;
    // Usually nothing is there to remove: checking is cheaper than deleting on the reply and the raw response.
    if (!fastifyReply.hasHeader(name)) return;
    fastifyReply.removeHeader(name);
    // Fastify before 5.12 (the one Nest 11 ships) leaves the raw response's copy, which it still
    // sends; Nest's Fastify adapter copies `enableCors()` headers there.
    if (!fastifyReply.raw.headersSent) fastifyReply.raw.removeHeader(name);
  },
  // Route hooks run after every middleware: only a refusal needs keeping (from preHandler hooks and handlers).
  seal: (reply, refused) => {
    if (refused) sealResponse((reply as FastifyLikeReply).raw as unknown as SealableResponse, true);
  },
  nodeResponse: (reply) => (reply as FastifyLikeReply).raw as unknown as SealableResponse,
  sendEmpty: (reply, status, headers) => {
    const target = (reply as FastifyLikeReply).code(status);
    for (const name in headers) target.header(LOWERCASE[name] ?? name, headers[name]!);
    target.send();
  },
};

/**
 * Endpoints outside controllers may answer through the raw response (a Nest middleware mounted
 * with `app.use()` runs under middie and calls `res.end()`), which never sends the reply's
 * headers: they are written to both. When Fastify sends the reply, Node merges the two and the
 * reply's copy wins, so nothing is sent twice.
 */
const fastifyEndpointWriter: ResponseWriter = {
  getHeader: (reply, name) => (reply as FastifyLikeReply).getHeader(name) ?? (reply as FastifyLikeReply).raw.getHeader(LOWERCASE[name] ?? name),
  setHeader: (reply, name, value) => {
    const fastifyReply = reply as FastifyLikeReply;
    name = LOWERCASE[name] ?? name;
    fastifyReply.header(name, value);
    if (!fastifyReply.raw.headersSent) fastifyReply.raw.setHeader(name, value);
  },
  removeHeader: fastifyWriter.removeHeader,
  // The entry hook decides these before middie's middleware, which may change `Vary` or add permissions.
  seal: (reply, refused) => sealResponse((reply as FastifyLikeReply).raw as unknown as SealableResponse, refused),
  nodeResponse: fastifyWriter.nodeResponse,
  sendEmpty: fastifyWriter.sendEmpty,
};

type Done = (error?: unknown) => void;
type RouteHook = (request: { headers: Record<string, string | string[] | undefined> }, reply: unknown, done: Done) => void;

interface RouteOptionsLike {
  method: string | string[];
  url: string;
  onRequest?: RouteHook | RouteHook[];
  constraints?: Record<string, unknown>;
}

/** Fastify's router options that change which route a path resolves to. */
interface FastifyRouterOptions {
  maxParamLength?: number;
  caseSensitive?: boolean;
  ignoreTrailingSlash?: boolean;
  ignoreDuplicateSlashes?: boolean;
  useSemicolonDelimiter?: boolean;
}

interface FastifyLike {
  /** Public (Fastify 4 and 5): the options the instance was created with. */
  initialConfig?: FastifyRouterOptions & { routerOptions?: FastifyRouterOptions };
  hasPlugin?(name: string): boolean;
  /** Public (Fastify 4.23 and 5). */
  findRoute?: FindRoute;
  addHook(name: 'onRoute', hook: (options: RouteOptionsLike) => void): unknown;
  addHook(name: 'onReady', hook: (done: (error?: unknown) => void) => void): unknown;
}

const CORS_HOOK = Symbol('nestjs-cors route hook');

/** Fastify's default `maxParamLength`. */
const DEFAULT_MAX_PARAM_LENGTH = 100;

/**
 * The `onRequest` hook of routes with CORS: decides the actual request before body parsing,
 * guards, pipes and the handler, so every response of the route carries the headers. One
 * function per compiled policy, shared by its routes; a route whose log lines must name it (an
 * origin function's failures, `debug` refusals) gets its own.
 */
function routeHookFactory(requestPath: CorsRequestPath): (route: TableRoute) => RouteHook {
  const byPolicy = new Map<CompiledPolicy, RouteHook>();
  const create = (route: TableRoute): RouteHook => {
    const hook: RouteHook = (request, reply, done) => {
      const pending = answerActualRequest(requestPath, route, request, reply);
      if (pending === undefined) done();
      else pending.then(() => done(), done);
    };
    (hook as unknown as Record<symbol, boolean>)[CORS_HOOK] = true;
    return hook;
  };
  return (route) => {
    const policy = route.policy!;
    if (requestPath.diagnostics.debug || policy.originFunction !== undefined) return create(route);
    let hook = byPolicy.get(policy);
    if (!hook) byPolicy.set(policy, (hook = create(route)));
    return hook;
  };
}

/**
 * Fastify: the entry hook (Nest's first `onRequest` hook, before middie) answers preflights;
 * actual requests are decided by a route-level `onRequest` hook added to each route as Nest
 * registers it (Fastify's public `onRoute` hook), which runs after the global hooks and before
 * body parsing. Preflights are routed by the app's own router (`findRoute()`) and the route index
 * (`FastifyRouteFinder`): no second router is kept.
 */
export function fastifyPlatform(adapter: AdapterLike): CorsPlatform {
  const instance = adapter.getInstance() as FastifyLike;
  const initial = instance.initialConfig ?? {};
  const routerOptions: FastifyRouterOptions = { ...initial, ...(initial.routerOptions ?? {}) };
  const matching = { caseSensitive: routerOptions.caseSensitive !== false, strictTrailingSlash: routerOptions.ignoreTrailingSlash !== true };
  const compilePath = (path: string) => compileFastifyPath(path, { ...matching, maxParamLength: routerOptions.maxParamLength ?? DEFAULT_MAX_PARAM_LENGTH });
  // find-my-way matches the percent-decoded path, with the router options the app set.
  const pathMatching: PathPolicyMatching = {
    ...matching,
    decode: true,
    collapseSlashes: routerOptions.ignoreDuplicateSlashes === true,
    semicolonEndsPath: routerOptions.useSemicolonDelimiter === true,
  };
  return {
    type: 'fastify',
    writer: fastifyWriter,
    endpointWriter: fastifyEndpointWriter,
    decidesActualInEntryHook: false,
    // Fastify routes before its hooks run: `request.is404` (public) says no route of the app matched.
    isNotFound: (request) => (request as { is404?: unknown }).is404 === true,
    facts: ({ ordering, otherCorsLayer }: PlatformFactsOptions): PlatformFacts => ({
      compilePath,
      // The radix tree prefers static over parametric over wildcard segments: specificity order.
      bySpecificity: ordering.bySpecificity,
      unambiguousStrategy: otherCorsLayer ? 'guard' : 'route-hook',
      pathMatching,
    }),
    createRouteFinder: (entries: readonly RouterEntry<TableRoute>[]): RouteFinder<TableRoute> => {
      const index = new FastifyRouteIndex(entries, pathMatching, compilePath);
      if (typeof instance.findRoute !== 'function') {
        new Logger('CorsModule').warn("Fastify has no findRoute(): preflights are routed by an approximation of Fastify's router");
        return index;
      }
      return new FastifyRouteFinder(index, instance.findRoute.bind(instance), constrainedRoutes(instance));
    },
    installActualRequestHooks: (requestPath) => installRouteHooks(instance, requestPath),
    otherCorsLayers: () => {
      // `@fastify/cors` registered directly on the root instance is a plugin of that name.
      // Both apply to every path.
      const found =
        fastifyEnableCorsIsSet(adapter) ||
        (typeof instance.hasPlugin === 'function' && instance.hasPlugin.call(instance, '@fastify/cors'));
      return found ? ['@fastify/cors (app.enableCors(), NestFactory.create({ cors }) or a registered plugin) on every path'] : [];
    },
    whenLoaded: (check) => {
      // Under NestFactory.create(), plugins (enableCors()'s among them) load when the app starts
      // listening, after CorsModule was configured: look again then.
      try {
        instance.addHook('onReady', (done: (error?: unknown) => void) => {
          check();
          done();
        });
      } catch {
        // Already started (a testing module may have loaded everything): the earlier checks saw it all.
      }
    },
  };
}

/**
 * `METHOD /path` of every route Fastify registers with constraints (`ALL` for one registered for
 * every method), recorded as Nest registers them: Nest passes header, media-type and custom
 * versions and `@RouteConstraints()` to Fastify as constraints (host-bound controllers are
 * filtered by Nest's own handler wrapper, not by Fastify).
 */
function constrainedRoutes(instance: FastifyLike): ReadonlySet<string> {
  const keys = new Set<string>();
  try {
    instance.addHook('onRoute', (options) => {
      if (options.constraints === undefined || Object.keys(options.constraints).length === 0) return;
      keys.add(`${Array.isArray(options.method) ? 'ALL' : options.method} ${options.url}`);
    });
  } catch {
    // Already started: no route is registered any more.
  }
  return keys;
}

/**
 * Gives every route Nest registers for a known (method, path) with the `route-hook` strategy its
 * hook, first among the route's own `onRequest` hooks. A `HEAD` route Fastify adds for a `GET`
 * route serves that route's policy, as Nest runs the `GET` handler for it.
 */
function installRouteHooks(instance: FastifyLike, requestPath: CorsRequestPath): () => string[] {
  const byKey = new Map<string, TableRoute>();
  for (const route of requestPath.table.routes) {
    if (route.strategy === 'route-hook') byKey.set(`${route.method} ${route.path}`, route);
  }
  if (byKey.size === 0) return () => [];
  const hookFor = routeHookFactory(requestPath);
  const served = new Set<string>();
  instance.addHook('onRoute', (options) => {
    const route = Array.isArray(options.method)
      ? byKey.get(`ALL ${options.url}`)
      : (byKey.get(`${options.method} ${options.url}`) ?? (options.method === 'HEAD' ? byKey.get(`GET ${options.url}`) : undefined));
    if (route === undefined) return;
    const existing = options.onRequest === undefined ? [] : Array.isArray(options.onRequest) ? options.onRequest : [options.onRequest];
    if (existing.some((h) => (h as unknown as Record<symbol, boolean>)[CORS_HOOK])) return;
    options.onRequest = [hookFor(route), ...existing];
    served.add(`${route.method} ${route.path}`);
  });
  // Checked once, after startup (every route is registered by then); the keys are dropped then, as
  // Fastify keeps this hook, and what it holds, for the life of the app.
  return () => {
    const missing = [...byKey.keys()].filter((key) => !served.has(key));
    byKey.clear();
    served.clear();
    return missing;
  };
}
