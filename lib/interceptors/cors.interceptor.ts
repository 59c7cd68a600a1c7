import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import * as H from '../internal/headers.js';
import { appendVary } from '../internal/http/vary.js';

interface HeaderAccess {
  getHeader(name: string): unknown;
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}

/**
 * The response phase of CORS: Nest applies `@Header()` values after the guards ran, so a
 * `@Header('Vary', ...)` replaces the `Vary: Origin` the guard set. This interceptor runs after
 * them and appends `Origin` again, so caches never serve one origin's answer to another.
 *
 * It is bound at startup only to the routes that need it (CORS enabled, origin-dependent, with
 * a `Vary` from `@Header()`), never globally: a global interceptor costs ~40% of Fastify's
 * throughput even when it does nothing. The binding lives in the handler's metadata, which is
 * shared by every app built from the same controllers, so the interceptor keeps no per-app
 * state. It does no RxJS work: the header is fixed before the handler runs.
 * @publicApi
 */
@Injectable()
export class CorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const response = context.switchToHttp().getResponse<HeaderAccess>();
      const vary = appendVary(response.getHeader(H.VARY), H.VARY_ACTUAL);
      // A Fastify reply keeps headers itself (`header()`); Express writes to the Node response.
      if (typeof response.header === 'function' && 'raw' in response) response.header('Vary', vary);
      else response.setHeader?.('Vary', vary);
    }
    return next.handle();
  }
}
