import type { RouteTarget } from '../table/cors-table.js';
import { OriginFunctionFailure, checkOrigin } from '../policy/check-origin.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { ResponseWriter } from '../http/response-writer.js';
import type { CorsRuntime } from './cors-runtime.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import { dropConditionalHeaders } from '../http/drop-conditional-headers.js';

/**
 * Set on a request once its actual-request headers are written, to the policy that decided it:
 * a later step (the guard) that finds its own route's policy here has nothing left to do.
 */
export const DECIDED_BY = Symbol('nestjs-cors decided by');
/** Set beside `DECIDED_BY` when the origin was refused: a later step removes permissions set since. */
export const REFUSED = Symbol('nestjs-cors refused');

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
  raw?: { headers?: Record<string, string | string[] | undefined> };
  [DECIDED_BY]?: CompiledPolicy;
  [REFUSED]?: boolean;
}

/**
 * Decides an actual (non-preflight) request on a route with CORS and writes its headers, once.
 * Returns undefined when done synchronously, which is every case except an origin function
 * that has to be asked; then a promise that settles once the headers are written (it never
 * rejects: a failing origin function refuses). Requests without `Origin` and origins the
 * static rule allows take a path without closures or allocations of its own. A refused
 * origin also loses its conditional request headers (see `dropConditionalHeaders`). `writer`
 * is the runtime's, or its `endpointWriter` for endpoints that are not controller routes.
 */
export function answerActualRequest(
  runtime: CorsRuntime,
  route: RouteTarget,
  request: RequestWithHeaders,
  response: unknown,
  writer: ResponseWriter = runtime.writer,
): Promise<void> | undefined {
  const policy = route.policy!;
  const origin = request.headers.origin;
  if (typeof origin !== 'string') {
    applyActualCors(policy, undefined, false, response, writer, runtime.otherCorsLayer);
    request[DECIDED_BY] = policy;
    return undefined;
  }
  if (policy.anyOrigin || policy.matcher.matches(origin)) {
    applyActualCors(policy, origin, true, response, writer, runtime.otherCorsLayer);
    request[DECIDED_BY] = policy;
    return undefined;
  }
  if (policy.originFunction === undefined) {
    refuse(runtime, route, origin, request, response, writer, undefined);
    return undefined;
  }
  let failure: OriginFunctionFailure | undefined;
  const verdict = checkOrigin(policy, origin, request, runtime.table.settings.originCheckTimeout, (found) => {
    failure = found;
    runtime.diagnostics.originFunctionFailed(route.label, origin, found);
  });
  const finish = (allowed: boolean) => {
    if (!allowed) return refuse(runtime, route, origin, request, response, writer, failure);
    applyActualCors(policy, origin, true, response, writer, runtime.otherCorsLayer);
    request[DECIDED_BY] = policy;
  };
  if (typeof verdict === 'boolean') {
    finish(verdict);
    return undefined;
  }
  return verdict.then(finish);
}

function refuse(
  runtime: CorsRuntime,
  route: RouteTarget,
  origin: string,
  request: RequestWithHeaders,
  response: unknown,
  writer: ResponseWriter,
  failure: OriginFunctionFailure | undefined,
): void {
  const policy = route.policy!;
  if (runtime.diagnostics.debug) runtime.diagnostics.refusedActual(policy, route.label, origin, failure);
  dropConditionalHeaders(request);
  applyActualCors(policy, origin, false, response, writer, runtime.otherCorsLayer);
  request[DECIDED_BY] = policy;
  request[REFUSED] = true;
}
