import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DECIDED_BY, REFUSED, answerActualRequest } from './answer-actual-request.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import { refusal } from '../decision/refusal-text.js';
import { CorsRuntimeHolder } from './cors-runtime.js';

/**
 * The global guard, first among the app's guards: it sees the handler Nest chose. For routes
 * the entry hook or a route hook already decided, it only confirms (the request carries the
 * decision); it decides the routes a request cannot tell apart by method and path (host-bound
 * controllers, header or media-type versions, duplicates) and any request the entry hook could
 * not route. It never blocks: a refused origin only gets no permission headers. Preflights never
 * reach it. On Fastify it is left out of the global guards when no route needs it.
 */
@Injectable()
export class CorsGuard implements CanActivate {
  constructor(private readonly holder: CorsRuntimeHolder) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const runtime = this.holder.runtime;
    if (runtime === undefined) return true;
    const route = runtime.table.byHandler.get(context.getClass())?.get(context.getHandler());
    if (route === undefined || route.policy === undefined) {
      if (route !== undefined && runtime.diagnostics.debug && context.getType() === 'http') {
        const origin = (context.getArgByIndex(0) as { headers: Record<string, unknown> }).headers.origin;
        if (typeof origin === 'string') runtime.diagnostics.refusedActual(route.label, origin, refusal('cors-disabled', route, { transport: 'http' }).detail);
      }
      return true;
    }
    if (context.getType() !== 'http') return true;
    // getArgByIndex, not switchToHttp(): the latter builds a new object with closures per call.
    const request = context.getArgByIndex(0) as Parameters<typeof answerActualRequest>[2];
    if (request[DECIDED_BY] === route.policy) {
      // Decided in the entry hook, before the app's middleware: whatever permission a middleware
      // set since then must not outlive a refusal (fail closed).
      if (request[REFUSED] === true) {
        const origin = request.headers.origin as string;
        applyActualCors(undefined, origin, false, context.getArgByIndex(1), runtime.writer, runtime.otherCorsLayer);
      }
      return true;
    }
    const pending = answerActualRequest(runtime, route, request, context.getArgByIndex(1));
    return pending === undefined ? true : pending.then(() => true);
  }
}
