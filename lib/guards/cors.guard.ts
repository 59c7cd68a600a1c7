import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { applyActualCors } from '../internal/actual/apply-actual-cors.js';
import { CorsRegistry } from '../internal/cors-registry.js';
import { checkOrigin } from '../internal/policy/check-origin.js';

/**
 * Sets the CORS headers of actual (non-preflight) requests on the route Nest matched, so it
 * sees exactly the handler the router chose. Registered as the first global guard, before the
 * app's own guards, so that responses from errors thrown later (guards, pipes, handlers,
 * filters) still carry the headers. It never blocks: CORS is not access control, a refused
 * origin only gets no permission headers. Preflights never reach it (see the preflight hook).
 * @publicApi
 */
@Injectable()
export class CorsGuard implements CanActivate {
  constructor(private readonly registry: CorsRegistry) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const policy = this.registry.policyFor(context.getClass(), context.getHandler());
    if (policy === undefined || context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const response = http.getResponse<unknown>();
    const writer = this.registry.writer;
    const origin = request.headers.origin;
    if (typeof origin !== 'string') {
      applyActualCors(policy, undefined, false, response, writer);
      return true;
    }
    const verdict = checkOrigin(policy, origin, request, this.registry.originCheckTimeout, (failure) =>
      this.registry.reportOriginFunctionFailure(policy.label, origin, failure),
    );
    if (typeof verdict === 'boolean') {
      applyActualCors(policy, origin, verdict, response, writer);
      return true;
    }
    return verdict.then((allowed) => {
      applyActualCors(policy, origin, allowed, response, writer);
      return true;
    });
  }
}
