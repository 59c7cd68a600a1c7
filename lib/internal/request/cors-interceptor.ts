import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { SealableResponse, sealResponse } from '../http/response-seal.js';

/**
 * The response phase of CORS: `Vary: Origin` must survive whatever the route does to `Vary`
 * after it was decided. Nest applies `@Header('Vary', ...)` after the guards, and a handler
 * that takes the response (`@Res()`, `@Next()`) can set `Vary` itself, on either adapter. This
 * interceptor seals the outgoing Node response (`sealResponse`: its `writeHead` appends
 * `Origin` to whatever `Vary` is about to be written), so the token is never lost, including
 * on redirects and responses the handler sends itself. Where the decision sealed it already
 * (Express), this changes nothing.
 *
 * It is bound at startup only to the routes that need it (CORS enabled, origin-dependent, with
 * a `Vary` from `@Header()` or a handler that takes the response), never globally: a global
 * interceptor costs ~40% of Fastify's throughput even when it does nothing. The binding lives in
 * the handler's metadata, which is shared by every app built from the same controllers, so the
 * interceptor keeps no per-app state. It does no RxJS work.
 */
@Injectable()
export class CorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const response = context.switchToHttp().getResponse<{ raw?: SealableResponse } & Partial<SealableResponse>>();
      const raw = (response.raw ?? response) as SealableResponse;
      sealResponse(raw);
    }
    return next.handle();
  }
}
