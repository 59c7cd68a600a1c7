import { answerActualRequest } from './answer-actual-request.js';
import * as H from '../http/headers.js';
import { answerPreflight } from './answer-preflight.js';
import { answerUncovered } from './answer-uncovered.js';
import type { CorsRuntime } from './cors-runtime.js';
import { RequestLike, pathOf } from '../http/request-target.js';

/** Nest's request-hook signature (`httpAdapter.setOnRequestHook`), the same on both adapters. */
export type RequestHook = (this: unknown, request: unknown, response: unknown, done: (error?: unknown) => void) => unknown;

/**
 * Creates the entry hook: the first code of the app that sees every request, on both adapters
 * (`httpAdapter.setOnRequestHook`, see ARCHITECTURE.md). It sorts each request into one kind
 * and hands it to the one step for that kind:
 * - no `Origin`: not a CORS request, passed on untouched;
 * - `OPTIONS` + `Origin` + `Access-Control-Request-Method`: a preflight, answered here
 *   (`answerPreflight`), never passed on (except unmatched ones under `unmatchedPreflight: 'pass'`);
 * - anything else with `Origin`: an actual request. Where the adapter decides actual requests
 *   here (Express, `decideActualInEntryHook`), the route is looked up and, when it can be told
 *   apart by method and path, decided now (`answerActualRequest`), before body parsers and
 *   middleware, so their error answers carry the headers too; an origin function is awaited
 *   before the request goes on. Other routes are decided by the guard or the route's own hook.
 * - any request that no controller route serves, at a path with a `paths` entry (GraphQL,
 *   static files, docs, `app.use()`): decided here on every adapter, the only step of this
 *   library it passes through (`decidePath`); without `Origin` it gets `Vary: Origin`.
 * - while decisions are reported (`onDecision`, metrics, origin report, a rollout): an actual
 *   request with `Origin` that no endpoint with CORS serves is looked up and decided too
 *   (`answerUncovered`), so that it is reported; under a report-only rollout, requests without
 *   `Origin` too, each answered as `rollout.current` says.
 *
 * The slot holds one hook, so a hook set before this one is chained, not replaced. Without
 * `paths` entries or reporting, the common case (no `Origin`) allocates nothing.
 */
export function createEntryHook(runtime: CorsRuntime, previous?: RequestHook): RequestHook {
  const decideActual = runtime.decideActualInEntryHook;
  const hasPaths = runtime.table.pathIndex !== undefined;
  const reported = runtime.rules.reporting !== undefined;
  const following = runtime.rules.reporting?.behind !== undefined;
  return function corsEntryHook(this: unknown, request: unknown, response: unknown, done: (error?: unknown) => void) {
    const req = request as RequestLike;
    const origin = req.headers[H.ORIGIN];
    if (typeof origin !== 'string') {
      // Without Origin the decision is synchronous: only `Vary: Origin` is written.
      if (following) decideEarly(runtime, req, response, false);
      else if (hasPaths) decidePath(runtime, req, response, pathOf(req), true);
      return previous ? previous.call(this, request, response, done) : done();
    }
    if (req.method === 'OPTIONS') {
      // Without Access-Control-Request-Method an OPTIONS request is not a preflight (M6): an actual request.
      if (typeof req.headers[H.ACCESS_CONTROL_REQUEST_METHOD] === 'string') {
        answerPreflight(runtime, req, response, origin, () => (previous ? previous.call(this, request, response, done) : done()));
        return undefined;
      }
    }
    if (decideActual || hasPaths || reported) {
      const pending = decideActual || reported ? decideEarly(runtime, req, response, decideActual) : decidePath(runtime, req, response, pathOf(req), true);
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
function decideEarly(runtime: CorsRuntime, request: RequestLike, response: unknown, decideRoutes = true): Promise<void> | undefined {
  try {
    const path = pathOf(request);
    const entry = runtime.finder.find(request.method ?? 'GET', path);
    if (entry === undefined) return decidePath(runtime, request, response, path, false);
    const route = entry.candidates[0]!;
    if (route.strategy === 'entry-hook' && decideRoutes) return answerActualRequest(runtime, route, request, response);
    if (runtime.rules.reporting !== undefined && entry.candidates.every((c) => c.policy === undefined)) {
      return answerUncovered(runtime, entry.candidates, request, response, path);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * The step of requests to endpoints that are not controller routes: at a path with a `paths`
 * entry that has CORS, and when no controller route serves the method there (`routeUnknown`:
 * not looked up yet), the request is decided by that entry's policy. Fails closed: anything
 * unexpected writes nothing.
 */
function decidePath(runtime: CorsRuntime, request: RequestLike, response: unknown, path: string, routeUnknown: boolean): Promise<void> | undefined {
  try {
    const target = runtime.table.pathIndex?.find(path);
    if (target === undefined || target.policy === undefined) {
      // Reported requests come here after the route lookup (`routeUnknown` false).
      return routeUnknown || runtime.rules.reporting === undefined ? undefined : answerUncovered(runtime, target === undefined ? [] : [target], request, response, path);
    }
    if (routeUnknown && runtime.finder.find(request.method ?? 'GET', path) !== undefined) return undefined;
    return answerActualRequest(runtime, target, request, response, runtime.endpointWriter);
  } catch {
    return undefined;
  }
}
