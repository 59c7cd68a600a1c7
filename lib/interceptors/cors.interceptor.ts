import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import * as H from '../internal/headers.js';
import { CorsRegistry } from '../internal/cors-registry.js';
import { appendVary } from '../internal/http/vary.js';

/**
 * The response phase of CORS: Nest applies `@Header()` values after the guards ran, so a
 * `@Header('Vary', ...)` replaces the `Vary: Origin` the guard set. This interceptor runs after
 * them and appends `Origin` again, so caches never serve one origin's answer to another.
 *
 * It is bound at startup only to the routes that need it (CORS enabled, origin-dependent, with
 * a `Vary` from `@Header()`), never globally: a global interceptor costs ~40% of Fastify's
 * throughput even when it does nothing. It does no RxJS work: the header is fixed before the
 * handler runs.
 * @publicApi
 */
@Injectable()
export class CorsInterceptor implements NestInterceptor {
  constructor(private readonly registry: CorsRegistry) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.registry.policyFor(context.getClass(), context.getHandler());
    if (policy !== undefined && !policy.anyOrigin && context.getType() === 'http') {
      const response = context.switchToHttp().getResponse<unknown>();
      const writer = this.registry.writer;
      writer.setHeader(response, 'Vary', appendVary(writer.getHeader(response, H.VARY), H.VARY_ACTUAL));
    }
    return next.handle();
  }
}
