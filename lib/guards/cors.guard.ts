import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { answerActualRequest } from '../internal/actual/answer-actual-request.js';
import { CorsRegistry } from '../internal/cors-registry.js';

/**
 * Sets the CORS headers of actual (non-preflight) requests on the route Nest matched, so it
 * sees exactly the handler the router chose. Registered as the first global guard, before the
 * app's own guards, so that responses from errors thrown later (guards, pipes, handlers,
 * filters) still carry the headers. It never blocks: CORS is not access control, a refused
 * origin only gets no permission headers. Preflights never reach it (see the preflight hook).
 * On Fastify, where every route can get its own `onRequest` hook, those hooks do this work
 * instead and the guard is taken out of the global guards (see `CorsRegistry`).
 * @publicApi
 */
@Injectable()
export class CorsGuard implements CanActivate {
  constructor(private readonly registry: CorsRegistry) {
    registry.attachGuard(this);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const registry = this.registry;
    const policy = registry.policyFor(context.getClass(), context.getHandler());
    if (policy === undefined) {
      if (registry.debug) this.logWithoutCors(context);
      return true;
    }
    if (context.getType() !== 'http') return true;
    // getArgByIndex, not switchToHttp(): the latter builds a new object with closures per call.
    const pending = answerActualRequest(registry, policy, context.getArgByIndex(0), context.getArgByIndex(1));
    return pending === undefined ? true : pending.then(() => true);
  }

  private logWithoutCors(context: ExecutionContext): void {
    if (context.getType() !== 'http') return;
    const origin = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.origin;
    if (typeof origin === 'string') this.registry.reportWithoutCors(context.getClass(), context.getHandler(), origin);
  }
}
