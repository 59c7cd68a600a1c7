import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DECIDED_BY, answerActualRequest } from './answer-actual-request.js';
import { refusal } from '../decision/refusal-text.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import type { CorsTable, TableRoute } from '../table/cors-table.js';
import { CorsRequestPath, CorsAppState } from './cors-request-path.js';

/**
 * The global guard, first among the app's guards: it sees the handler Nest chose. For routes
 * the entry hook or a route hook already decided, it only confirms (the request carries the
 * decision); it decides the routes a request cannot tell apart by method and path (host-bound
 * controllers, header or media-type versions, duplicates) and any request the entry hook could
 * not route. It never blocks: a refused origin only gets no permission headers. Preflights never
 * reach it. It is left out of the global guards when no route needs it (see `guardNeeded`).
 */
@Injectable()
export class CorsGuard implements CanActivate {
  constructor(private readonly holder: CorsAppState) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const requestPath = this.holder.requestPath;
    if (requestPath === undefined) return true;
    const route = requestPath.table.byHandler.get(context.getClass())?.get(context.getHandler());
    if (route === undefined || route.policy === undefined) {
      if (route !== undefined && context.getType() === 'http') withoutCors(requestPath, route, context);
      return true;
    }
    if (context.getType() !== 'http') return true;
    // getArgByIndex, not switchToHttp(): the latter builds a new object with closures per call.
    const request = context.getArgByIndex(0) as Parameters<typeof answerActualRequest>[2];
    // Decided before (entry hook, route hook) by this route's policy, and sealed on the response.
    if (request[DECIDED_BY] === route.policy) return true;
    const pending = answerActualRequest(requestPath, route, request, context.getArgByIndex(1));
    return pending === undefined ? true : pending.then(() => true);
  }
}

/**
 * A cross-origin request to a route without CORS (`@Cors(false)`): no permission, even one
 * another CORS layer (`enableCors()`) granted, as for a refused origin; logged under `debug`.
 */
function withoutCors(requestPath: CorsRequestPath, route: TableRoute, context: ExecutionContext): void {
  const origin = (context.getArgByIndex(0) as { headers: Record<string, unknown> }).headers.origin;
  if (typeof origin !== 'string') return;
  // Under a report-only rollout the entry hook answered as `rollout.current` says (`answerUncovered`).
  if (requestPath.otherCorsLayer && requestPath.rules.reporting?.behind === undefined) {
    const response = context.getArgByIndex(1);
    applyActualCors(undefined, origin, false, response, requestPath.writer, true);
    requestPath.writer.seal(response, true);
  }
  if (requestPath.diagnostics.debug) requestPath.diagnostics.refusedActual(route.label, origin, refusal('cors-disabled', route, { transport: 'http' }).detail);
}

/**
 * Whether the app needs the guard: some route is decided by it (a route a request cannot tell
 * apart by method and path, an adapter without an early step), another CORS layer's permissions
 * must be taken back from routes without CORS, or `debug` logs cross-origin requests to them. Otherwise every route is decided before
 * Nest's handler pipeline, and the guard would only cost every request its turn in it.
 */
export function guardNeeded(table: CorsTable, otherCorsLayer: boolean): boolean {
  return otherCorsLayer || table.settings.debug || table.routes.some((route) => route.strategy === 'guard');
}
