import { Controller, Get, Header, Headers, Module, Res } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';

/** The allowed origin of the static rule. */
export const APP_ORIGIN = 'https://app.example';
/** When every representation here last changed (sent as `Last-Modified`). */
export const LAST_MODIFIED = 'Wed, 01 Jan 2025 00:00:00 GMT';
/** The `ETag` the hand-written route sends and compares. */
export const MANUAL_ETAG = '"manual-v1"';

/** The origins the origin functions allow; tests add and remove entries to allow, then refuse. */
export const trustedOrigins = new Set<string>();

/** Express sends an `ETag` from `res.send` by default; on Fastify the spec registers `@fastify/etag`. */
@Controller('conditional')
class ConditionalController {
  @Cors('static')
  @Get('static')
  @Header('Last-Modified', LAST_MODIFIED)
  static() {
    return { data: 'static' };
  }

  @Cors('runtime')
  @Get('runtime')
  runtime() {
    return { data: 'runtime' };
  }

  @Cors({ origin: (origin: string) => trustedOrigins.has(origin) })
  @Get('function')
  fn() {
    return { data: 'function' };
  }

  @Cors({ origin: async (origin: string) => trustedOrigins.has(origin) })
  @Get('async-function')
  asyncFn() {
    return { data: 'async-function' };
  }

  /** The conditional request headers the handler received. */
  @Cors('static')
  @Get('echo')
  echo(@Headers() headers: Record<string, string | undefined>) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('if-')));
  }

  /**
   * Answers conditional requests itself, as a handler (or a proxy in front of the app) that
   * knows its representation does: 304 when `If-None-Match` or `If-Modified-Since` says the
   * client's copy is current. `status`, `header` and `send` exist on both adapters' responses.
   */
  @Cors('static')
  @Get('manual')
  manual(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('if-modified-since') ifModifiedSince: string | undefined,
    @Res() res: { status(code: number): { send(body?: unknown): void }; header(name: string, value: string): void },
  ) {
    res.header('ETag', MANUAL_ETAG);
    res.header('Last-Modified', LAST_MODIFIED);
    const current =
      ifNoneMatch !== undefined
        ? ifNoneMatch === MANUAL_ETAG
        : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(LAST_MODIFIED);
    if (current) res.status(304).send();
    else res.status(200).send({ data: 'manual' });
  }
}

@Module({
  imports: [
    CorsModule.forRoot({
      policies: {
        static: { origin: [APP_ORIGIN] },
        runtime: { origin: [] },
      },
    }),
  ],
  controllers: [ConditionalController],
})
export class AppModule {}
