import type { CorsVerdict } from '../decision/cors-verdict.js';
import { decide } from '../decision/decide.js';
import { onWriteHead } from '../http/response-seal.js';
import { nodeResponseWriter } from '../http/response-writer.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import type { RouteTarget } from '../table/cors-table.js';
import type { CorsRequestPath } from './cors-request-path.js';

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Decides a request that no controller route and no `paths` entry serves by the module defaults
 * (`readableNotFound`), and writes the verdict only if the answer is a 404 (Nest's own, or a
 * middleware's for a path it does not serve): whatever else answers such a request (middleware
 * without a `paths` entry) gets no CORS headers from it, as before; under a report-only rollout
 * every answer carries the verdict of `rollout.current` (which `decide` returns), as
 * `app.enableCors()` covered every request. A refusal grants nothing. The headers go to the Node
 * response when its head is written, after everything else. Never rejects; fails closed.
 */
export function answerNotFound(requestPath: CorsRequestPath, target: RouteTarget, request: RequestWithHeaders, response: unknown): Promise<void> | undefined {
  const raw = requestPath.endpointWriter.nodeResponse(response);
  if (raw === undefined) return undefined;
  const header = request.headers.origin;
  const origin = typeof header === 'string' ? header : undefined;
  const following = requestPath.rules.reporting?.behind !== undefined;
  const write = (verdict: CorsVerdict) =>
    onWriteHead(raw, (status) => {
      if (status !== 404 && !following) return;
      applyActualCors(verdict.allowed ? verdict.grant : undefined, origin, verdict.allowed, raw, nodeResponseWriter, requestPath.otherCorsLayer);
    });
  const verdict = decide({ kind: 'actual', transport: 'http', origin, request }, [target], 'every', requestPath.rules);
  if (!(verdict instanceof Promise)) return void write(verdict);
  return verdict.then(write);
}
