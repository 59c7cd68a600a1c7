import type { CorsVerdict } from '../decision/cors-verdict.js';
import { decide } from '../decision/decide.js';
import { dropConditionalHeaders } from '../http/drop-conditional-headers.js';
import type { ResponseWriter } from '../http/response-writer.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import type { RouteTarget } from '../table/cors-table.js';
import type { CorsRequestPath } from './cors-request-path.js';

/**
 * Set on a request once its actual-request headers are written, to the policy that decided it:
 * a later step (the guard) that finds its own route's policy here has nothing left to do. Set
 * only where the guard runs (`CorsRequestPath.guardRuns`): Express gives every request a map
 * (hidden class) of its own (`Object.setPrototypeOf` as it enters), so adding a property makes
 * V8 build another map for that one object, 2 to 3 us per request in a CPU profile.
 */
export const DECIDED_BY = Symbol('nestjs-cors decided by');

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
  raw?: { headers?: Record<string, string | string[] | undefined> };
  [DECIDED_BY]?: CompiledPolicy;
}

/**
 * Decides an actual (non-preflight) request on an endpoint with CORS (asking the decision core)
 * and writes its headers, once. Returns undefined when done synchronously, which is every case
 * except an origin function that has to be asked; then a promise that settles once the headers
 * are written (it never rejects: a failing origin function refuses). A refused origin also loses
 * its conditional request headers (see `dropConditionalHeaders`). The verdict is sealed on the
 * response (`writer.seal`): what runs after it cannot drop `Vary: Origin` or grant a refused origin. `writer` is the request path's, or
 * its `endpointWriter` for endpoints that are not controller routes. `headers` is
 * `request.headers`, passed by a caller that has read it already (on Express every read of a
 * request's property costs: see `DECIDED_BY`).
 */
export function answerActualRequest(
  requestPath: CorsRequestPath,
  route: RouteTarget,
  request: RequestWithHeaders,
  response: unknown,
  writer: ResponseWriter = requestPath.writer,
  headers: RequestWithHeaders['headers'] = request.headers,
): Promise<void> | undefined {
  const header = headers.origin;
  const origin = typeof header === 'string' ? header : undefined;
  const verdict = decide({ kind: 'actual', transport: 'http', origin, request }, [route], 'every', requestPath.rules);
  if (!(verdict instanceof Promise)) return write(requestPath, route, request, headers, response, writer, origin, verdict);
  return verdict.then((v) => write(requestPath, route, request, headers, response, writer, origin, v));
}

function write(
  requestPath: CorsRequestPath,
  route: RouteTarget,
  request: RequestWithHeaders,
  headers: RequestWithHeaders['headers'],
  response: unknown,
  writer: ResponseWriter,
  origin: string | undefined,
  verdict: CorsVerdict,
): undefined {
  if (requestPath.guardRuns) request[DECIDED_BY] = route.policy!;
  // The verdict sent is sealed, not the route's policy: under a report-only rollout they differ.
  if (verdict.allowed) {
    applyActualCors(verdict.grant, origin, true, response, writer, requestPath.otherCorsLayer);
    if (verdict.grant?.anyOrigin !== true) writer.seal(response, false, headers);
    return undefined;
  }
  if (requestPath.diagnostics.debug) requestPath.diagnostics.refusedActual(route.label, origin!, verdict.detail);
  dropConditionalHeaders(request);
  // No grant: a refusal sends no permission, even on a route whose policy is `*` (refused there only behind a report-only rollout).
  applyActualCors(undefined, origin, false, response, writer, requestPath.otherCorsLayer);
  writer.seal(response, true);
  return undefined;
}
