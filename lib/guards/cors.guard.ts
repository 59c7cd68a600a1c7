import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { applyActualCors } from '../internal/actual/apply-actual-cors.js';
import { CorsRegistry } from '../internal/cors-registry.js';
import { OriginFunctionFailure, checkOrigin } from '../internal/policy/check-origin.js';

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
    const registry = this.registry;
    const policy = registry.policyFor(context.getClass(), context.getHandler());
    if (policy === undefined) {
      if (registry.debug) this.logWithoutCors(context);
      return true;
    }
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const response = http.getResponse<unknown>();
    const writer = registry.writer;
    const origin = request.headers.origin;
    if (typeof origin !== 'string') {
      applyActualCors(policy, undefined, false, response, writer, registry.otherCorsLayer);
      return true;
    }
    let failure: OriginFunctionFailure | undefined;
    const verdict = checkOrigin(policy, origin, request, registry.originCheckTimeout, (found) => {
      failure = found;
      registry.reportOriginFunctionFailure(policy.label, origin, found);
    });
    if (typeof verdict === 'boolean') {
      if (!verdict && registry.debug) registry.reportRefusedActual(policy, origin, failure);
      applyActualCors(policy, origin, verdict, response, writer, registry.otherCorsLayer);
      return true;
    }
    return verdict.then((allowed) => {
      if (!allowed && registry.debug) registry.reportRefusedActual(policy, origin, failure);
      applyActualCors(policy, origin, allowed, response, writer, registry.otherCorsLayer);
      return true;
    });
  }

  private logWithoutCors(context: ExecutionContext): void {
    if (context.getType() !== 'http') return;
    const origin = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.origin;
    if (typeof origin === 'string') this.registry.reportWithoutCors(context.getClass(), context.getHandler(), origin);
  }
}
