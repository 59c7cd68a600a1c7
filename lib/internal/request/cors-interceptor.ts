import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import * as H from '../http/headers.js';
import { appendVary } from '../http/vary.js';

type WriteHead = (this: NodeResponse, status: number, ...rest: unknown[]) => unknown;

interface NodeResponse {
  headersSent: boolean;
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): unknown;
  writeHead: WriteHead;
}

/**
 * The response phase of CORS: `Vary: Origin` must survive whatever the route does to `Vary`
 * after the guard set it. Nest applies `@Header('Vary', ...)` after the guards, and a handler
 * that takes the response (`@Res()`, `@Next()`) can set `Vary` itself, on either adapter. This
 * interceptor wraps the outgoing Node response's `writeHead` for this one request and appends
 * `Origin` to whatever `Vary` is about to be written (Fastify passes its headers to
 * `writeHead`; Express has set them on the response), so the token is never lost, including
 * on redirects and responses the handler sends itself.
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
      const response = context.switchToHttp().getResponse<{ raw?: NodeResponse } & Partial<NodeResponse>>();
      const raw = (response.raw ?? response) as NodeResponse;
      if (typeof raw.writeHead === 'function' && !raw.headersSent) keepVaryOrigin(raw);
    }
    return next.handle();
  }
}

function keepVaryOrigin(raw: NodeResponse): void {
  const writeHead = raw.writeHead;
  raw.writeHead = function writeHeadKeepingVaryOrigin(this: NodeResponse, status: number, ...rest: unknown[]) {
    const last = rest[rest.length - 1];
    const passed = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as Record<string, unknown>) : undefined;
    const key = passed && Object.keys(passed).find((name) => name.toLowerCase() === H.VARY);
    // Headers passed to writeHead win over those set on the response: fix the one that is sent.
    if (passed && key !== undefined) passed[key] = appendVary(passed[key], H.VARY_ACTUAL);
    else this.setHeader(H.VARY, appendVary(this.getHeader(H.VARY), H.VARY_ACTUAL));
    return writeHead.call(this, status, ...rest);
  };
}
