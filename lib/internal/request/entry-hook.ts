import { answerActualRequest } from './answer-actual-request.js';
import * as H from '../http/headers.js';
import { answerNotFound } from './answer-not-found.js';
import { answerPreflight } from './answer-preflight.js';
import { answerUncovered } from './answer-uncovered.js';
import type { CorsRequestPath } from './cors-request-path.js';
import type { RouteTarget } from '../table/cors-table.js';
import { RequestLike, pathOf } from '../http/request-target.js';

/** Nest's request-hook signature (`httpAdapter.setOnRequestHook`), the same on both adapters. */
export type RequestHook = (this: unknown, request: unknown, response: unknown, done: (error?: unknown) => void) => unknown;

/**
 * Creates the entry hook: the first code of the app that sees every request, on both adapters
 * (`httpAdapter.setOnRequestHook`, see ARCHITECTURE.md). It sorts each request into one kind
 * and hands it to the one step for that kind:
 * - no `Origin`: not a CORS request; where the adapter decides actual requests here (Express),
 *   its route's answer (`Vary: Origin`) is written as below, else it is passed on untouched;
 * - `OPTIONS` + `Origin` + `Access-Control-Request-Method`: a preflight, answered here
 *   (`answerPreflight`), never passed on (except unmatched ones under `unmatchedPreflight: 'pass'`);
 * - anything else with `Origin`: an actual request. Where the adapter decides actual requests
 *   here (Express, `decideActualInEntryHook`), the route is looked up and, when it can be told
 *   apart by method and path, decided now (`answerActualRequest`), before body parsers and
 *   middleware, so their error answers carry the headers too; an origin function is awaited
 *   before the request goes on. Other routes are decided by the guard or the route's own hook.
 * - any request that no controller route serves, at a path with a `paths` entry (GraphQL,
 *   static files, docs, `app.use()`): decided here on every adapter, the only step of this
 *   library it passes through (`decideUnrouted`); without `Origin` it gets `Vary: Origin`;
 * - a request nothing serves (Nest's 404): decided by the module defaults (`answerNotFound`);
 * - while decisions are reported (`onDecision`, metrics, origin report, a rollout): an actual
 *   request with `Origin` that no endpoint with CORS serves is looked up and decided too
 *   (`answerUncovered`), so that it is reported; under a report-only rollout, requests without
 *   `Origin` too, each answered as `rollout.current` says.
 *
 * The slot holds one hook, so a hook set before this one is chained, not replaced. Without
 * `paths` entries or reporting, the common case (no `Origin`) allocates nothing.
 */
export function createEntryHook(requestPath: CorsRequestPath, previous?: RequestHook): RequestHook {
  const decideActual = requestPath.decideActualInEntryHook;
  const unrouted = requestPath.table.pathIndex !== undefined || (requestPath.table.notFound !== undefined && requestPath.isNotFound !== undefined);
  const reported = requestPath.rules.reporting !== undefined;
  const following = requestPath.rules.reporting?.behind !== undefined;
  return function corsEntryHook(this: unknown, request: unknown, response: unknown, done: (error?: unknown) => void) {
    const req = request as RequestLike;
    // The headers and method read once here and passed on to the common steps: on Express each
    // read at a new place costs (the request has a hidden class of its own, see `DECIDED_BY`).
    const headers = req.headers;
    const method = req.method ?? 'GET';
    const origin = headers[H.ORIGIN];
    if (typeof origin !== 'string') {
      // Without Origin the decision is synchronous: only `Vary: Origin` is written.
      if (decideActual || following) decideEarly(requestPath, req, headers, method, response, decideActual);
      else if (unrouted) decideUnrouted(requestPath, req, response, undefined);
      return previous ? previous.call(this, request, response, done) : done();
    }
    if (method === 'OPTIONS') {
      // Without Access-Control-Request-Method an OPTIONS request is not a preflight (M6): an actual request.
      if (typeof headers[H.ACCESS_CONTROL_REQUEST_METHOD] === 'string') {
        answerPreflight(requestPath, req, response, origin, () => (previous ? previous.call(this, request, response, done) : done()), headers);
        return undefined;
      }
    }
    if (decideActual || unrouted || reported) {
      const pending =
        decideActual || reported ? decideEarly(requestPath, req, headers, method, response, decideActual) : decideUnrouted(requestPath, req, response, undefined);
      if (pending !== undefined) {
        const next = () => (previous ? previous.call(this, request, response, done) : done());
        pending.then(next, next);
        return undefined;
      }
    }
    return previous ? previous.call(this, request, response, done) : done();
  };
}

/**
 * The actual-request step of the entry hook: looks the route up and decides it when it is an
 * `entry-hook` route (unambiguous, with CORS) and `decideRoutes`; routes without CORS only while
 * decisions are reported (`answerUncovered`). Anything unexpected leaves the request to the
 * guard (fail closed: no header is written that the guard would not write).
 */
function decideEarly(
  requestPath: CorsRequestPath,
  request: RequestLike,
  headers: RequestLike['headers'],
  method: string,
  response: unknown,
  decideRoutes: boolean,
): Promise<void> | undefined {
  try {
    const path = pathOf(request);
    const entry = requestPath.finder.find(method, path);
    if (entry === undefined) return decideUnrouted(requestPath, request, response, path);
    const route = entry.candidates[0]!;
    if (route.strategy === 'entry-hook' && decideRoutes) return answerActualRequest(requestPath, route, request, response, requestPath.writer, headers);
    if (requestPath.rules.reporting !== undefined && entry.candidates.every((c) => c.policy === undefined)) {
      return answerUncovered(requestPath, entry.candidates, request, response, path);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * The step of requests no controller route serves: at a path with a `paths` entry that has CORS,
 * that entry's policy decides; otherwise, where the adapter answers with its not-found handler,
 * the module defaults decide Nest's 404 (`readableNotFound`). `unroutedPath` is the request's
 * path when the route finder already found no route there; undefined when not looked up yet (then
 * a `paths` entry checks that no controller route serves the method there). While decisions are
 * reported, looked-up requests that neither decides (a `paths` entry `false`, `readableNotFound`
 * off) go to `answerUncovered`. Fails closed: anything unexpected writes nothing.
 */
function decideUnrouted(requestPath: CorsRequestPath, request: RequestLike, response: unknown, unroutedPath: string | undefined): Promise<void> | undefined {
  try {
    const index = requestPath.table.pathIndex;
    if (index !== undefined) {
      const path = unroutedPath ?? pathOf(request);
      const target = index.find(path);
      if (target !== undefined) {
        if (target.policy === undefined) return uncovered(requestPath, [target], request, response, unroutedPath);
        if (unroutedPath === undefined && requestPath.finder.find(request.method ?? 'GET', path) !== undefined) return undefined;
        return answerActualRequest(requestPath, target, request, response, requestPath.endpointWriter);
      }
    }
    const notFound = requestPath.table.notFound;
    if (notFound === undefined) return uncovered(requestPath, [], request, response, unroutedPath);
    if (unroutedPath === undefined && requestPath.isNotFound?.(request) !== true) return undefined;
    return answerNotFound(requestPath, notFound, request, response);
  } catch {
    return undefined;
  }
}

/** `answerUncovered` for a request the route finder found no route for (`unroutedPath`), while decisions are reported. */
function uncovered(requestPath: CorsRequestPath, candidates: readonly RouteTarget[], request: RequestLike, response: unknown, unroutedPath: string | undefined): Promise<void> | undefined {
  if (unroutedPath === undefined || requestPath.rules.reporting === undefined) return undefined;
  return answerUncovered(requestPath, candidates, request, response, unroutedPath);
}
