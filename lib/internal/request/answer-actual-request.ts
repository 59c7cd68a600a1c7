import type { CorsVerdict } from '../decision/cors-verdict.js';
import { decide } from '../decision/decide.js';
import { dropConditionalHeaders } from '../http/drop-conditional-headers.js';
import type { ResponseWriter } from '../http/response-writer.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import type { RouteTarget } from '../table/cors-table.js';
import type { CorsRuntime } from './cors-runtime.js';

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
 * Decides an actual (non-preflight) request on an endpoint with CORS (asking the decision core)
 * and writes its headers, once. Returns undefined when done synchronously, which is every case
 * except an origin function that has to be asked; then a promise that settles once the headers
 * are written (it never rejects: a failing origin function refuses). A refused origin also loses
 * its conditional request headers (see `dropConditionalHeaders`). `writer` is the runtime's, or
 * its `endpointWriter` for endpoints that are not controller routes.
 */
export function answerActualRequest(
  runtime: CorsRuntime,
  route: RouteTarget,
  request: RequestWithHeaders,
  response: unknown,
  writer: ResponseWriter = runtime.writer,
): Promise<void> | undefined {
  const header = request.headers.origin;
  const origin = typeof header === 'string' ? header : undefined;
  const verdict = decide({ kind: 'actual', transport: 'http', origin, request }, [route], 'every', runtime.rules);
  if (!(verdict instanceof Promise)) return write(runtime, route, request, response, writer, origin, verdict);
  return verdict.then((v) => write(runtime, route, request, response, writer, origin, v));
}

function write(
  runtime: CorsRuntime,
  route: RouteTarget,
  request: RequestWithHeaders,
  response: unknown,
  writer: ResponseWriter,
  origin: string | undefined,
  verdict: CorsVerdict,
): undefined {
  const policy = route.policy!;
  request[DECIDED_BY] = policy;
  if (verdict.allowed) {
    applyActualCors(verdict.grant, origin, true, response, writer, runtime.otherCorsLayer);
    return undefined;
  }
  if (runtime.diagnostics.debug) runtime.diagnostics.refusedActual(route.label, origin!, verdict.detail);
  dropConditionalHeaders(request);
  // No grant: a refusal sends no permission, even on a route whose policy is `*` (refused there only behind a report-only rollout).
  applyActualCors(undefined, origin, false, response, writer, runtime.otherCorsLayer);
  request[REFUSED] = true;
  return undefined;
}
