import { decide } from '../decision/decide.js';
import type { CorsVerdict } from '../decision/cors-verdict.js';
import { dropConditionalHeaders } from '../http/drop-conditional-headers.js';
import type { RequestLike } from '../http/request-target.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import type { RouteTarget } from '../table/cors-table.js';
import type { CorsRequestPath } from './cors-request-path.js';

/**
 * An actual request that no endpoint with CORS decides (a route with `@Cors(false)`, a `paths`
 * entry `false`, or a path no route or entry serves while `readableNotFound` is off or the module
 * defaults have no CORS), while decisions are reported: the decision core decides it
 * (`cors-disabled`, `no-route`) so that it is reported. Only under a report-only rollout is
 * anything written: the answer of `rollout.current`, which, as `app.enableCors()` did, covers
 * every request; it is sealed (`writer.seal`) as sent. Otherwise such requests stay untouched, as
 * without reporting. Requests without `Origin` are decided only under report-only (they are no
 * CORS request to report). Returns a promise when `rollout.current` asks an origin function; it
 * never rejects.
 */
export function answerUncovered(requestPath: CorsRequestPath, candidates: readonly RouteTarget[], request: RequestLike, response: unknown, path: string): Promise<void> | undefined {
  const header = request.headers.origin;
  const origin = typeof header === 'string' ? header : undefined;
  const following = requestPath.rules.reporting?.behind !== undefined;
  if (origin === undefined && !following) return undefined;
  const verdict = decide({ kind: 'actual', transport: 'http', origin, path, method: request.method, request }, candidates, 'every', requestPath.rules);
  if (!following) return undefined;
  const writer = requestPath.endpointWriter;
  const write = (v: CorsVerdict): undefined => {
    if (!v.allowed && origin !== undefined) dropConditionalHeaders(request as Parameters<typeof dropConditionalHeaders>[0]);
    applyActualCors(v.allowed ? v.grant : undefined, origin, v.allowed, response, writer, requestPath.otherCorsLayer);
    if (!v.allowed || v.grant?.anyOrigin !== true) writer.seal(response, !v.allowed);
    return undefined;
  };
  return verdict instanceof Promise ? verdict.then(write) : write(verdict);
}
