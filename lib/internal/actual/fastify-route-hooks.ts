import { CompiledPolicy } from '../policy/compiled-policy.js';
import { ActualRequestContext, answerActualRequest } from './answer-actual-request.js';

/** What the CORS hook of one Fastify route serves. */
export interface FastifyRouteCors {
  /** The route's policy; undefined for a route without CORS (then only `onWithoutCors` runs, in debug mode). */
  readonly policy: CompiledPolicy | undefined;
  /** Debug log of a cross-origin request to a route without CORS. */
  readonly onWithoutCors?: (origin: string) => void;
}

type Done = (error?: unknown) => void;
type RouteHook = (request: { headers: Record<string, string | string[] | undefined> }, reply: unknown, done: Done) => void;

interface RouteOptionsLike {
  method: string | string[];
  url: string;
  onRequest?: RouteHook | RouteHook[];
}

interface FastifyLike {
  addHook(name: 'onRoute', hook: (options: RouteOptionsLike) => void): unknown;
}

const CORS_HOOK = Symbol('nestjs-cors route hook');

/** The `onRequest` hook of one route: the guard's work, without Nest's guard machinery. */
export function createFastifyRouteHook(context: ActualRequestContext, route: FastifyRouteCors): RouteHook {
  const { policy, onWithoutCors } = route;
  const hook: RouteHook =
    policy === undefined
      ? (request, _reply, done) => {
          const origin = request.headers.origin;
          if (typeof origin === 'string') onWithoutCors?.(origin);
          done();
        }
      : (request, reply, done) => {
          const pending = answerActualRequest(context, policy, request, reply);
          if (pending === undefined) done();
          else pending.then(() => done(), done);
        };
  (hook as unknown as Record<symbol, boolean>)[CORS_HOOK] = true;
  return hook;
}

/**
 * Gives every Fastify route that Nest registers for a known (method, path) its CORS hook, as a
 * route-level `onRequest` hook (Fastify's `onRoute` hook sees each route as it is added).
 * Route-level hooks run after the global ones (the preflight hook, Nest middleware through
 * middie) and before body parsing, guards, pipes and the handler, so every response of the
 * route, including errors of later guards and Fastify's own 4xx for bad bodies, carries the
 * headers. A `HEAD` route Fastify adds for a `GET` route serves that route's policy, as Nest
 * runs the `GET` handler for it. `lookup` returns undefined for routes this module does not
 * know (no hook is added). Returns the keys of the routes that got a hook.
 */
export function installFastifyRouteHooks(
  instance: FastifyLike,
  lookup: (method: string, path: string) => FastifyRouteCors | undefined,
  context: ActualRequestContext,
): Set<string> {
  const served = new Set<string>();
  instance.addHook('onRoute', (options) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    const route = Array.isArray(options.method)
      ? lookup('ALL', options.url)
      : (lookup(options.method, options.url) ?? (options.method === 'HEAD' ? lookup('GET', options.url) : undefined));
    if (route === undefined) return;
    const existing = options.onRequest === undefined ? [] : Array.isArray(options.onRequest) ? options.onRequest : [options.onRequest];
    if (existing.some((h) => (h as unknown as Record<symbol, boolean>)[CORS_HOOK])) return;
    // First among the route's own hooks, so a response one of them sends carries the headers too.
    options.onRequest = [createFastifyRouteHook(context, route), ...existing];
    for (const method of methods) served.add(`${method} ${options.url}`);
  });
  return served;
}
