import { ResponseWriter } from '../http/response-writer.js';
import { CompiledPolicy } from '../policy/compiled-policy.js';
import { OriginFunctionFailure, checkOrigin } from '../policy/check-origin.js';
import { applyActualCors } from './apply-actual-cors.js';
import { dropConditionalHeaders } from './drop-conditional-headers.js';

/** What answering an actual request needs from the registry, fixed at startup. */
export interface ActualRequestContext {
  readonly writer: ResponseWriter;
  readonly originCheckTimeout: number;
  /** Another CORS layer was found at startup: permissions it set must be scrubbed. */
  readonly otherCorsLayer: boolean;
  readonly debug: boolean;
  reportOriginFunctionFailure(label: string, origin: string, failure: OriginFunctionFailure): void;
  reportRefusedActual(policy: CompiledPolicy, origin: string, failure?: OriginFunctionFailure): void;
}

interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
  raw?: { headers?: Record<string, string | string[] | undefined> };
}

/**
 * Decides an actual (non-preflight) request on a route with CORS and writes its headers.
 * Returns undefined when done synchronously, which is every case except an origin function
 * that has to be asked; then a promise that settles once the headers are written (it never
 * rejects: a failing origin function refuses). Requests without `Origin` and origins the
 * static rule allows take a path without closures or allocations of its own. A refused
 * origin also loses its conditional request headers (see `dropConditionalHeaders`).
 */
export function answerActualRequest(
  context: ActualRequestContext,
  policy: CompiledPolicy,
  request: RequestWithHeaders,
  response: unknown,
): Promise<void> | undefined {
  const origin = request.headers.origin;
  if (typeof origin !== 'string') {
    applyActualCors(policy, undefined, false, response, context.writer, context.otherCorsLayer);
    return undefined;
  }
  if (policy.anyOrigin || policy.matcher.matches(origin)) {
    applyActualCors(policy, origin, true, response, context.writer, context.otherCorsLayer);
    return undefined;
  }
  if (policy.originFunction === undefined) {
    if (context.debug) context.reportRefusedActual(policy, origin);
    dropConditionalHeaders(request);
    applyActualCors(policy, origin, false, response, context.writer, context.otherCorsLayer);
    return undefined;
  }
  let failure: OriginFunctionFailure | undefined;
  const verdict = checkOrigin(policy, origin, request, context.originCheckTimeout, (found) => {
    failure = found;
    context.reportOriginFunctionFailure(policy.label, origin, found);
  });
  const finish = (allowed: boolean) => {
    if (!allowed) {
      if (context.debug) context.reportRefusedActual(policy, origin, failure);
      dropConditionalHeaders(request);
    }
    applyActualCors(policy, origin, allowed, response, context.writer, context.otherCorsLayer);
  };
  if (typeof verdict === 'boolean') {
    finish(verdict);
    return undefined;
  }
  return verdict.then(finish);
}
