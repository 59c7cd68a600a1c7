import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule } from '@nestjs/common';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

@Controller('r')
class ResourceController {
  @Get() get() {
    return { ok: true };
  }
}

/** A hand-written CORS middleware of the app, as older code bases have: permissive, for everyone. */
@Injectable()
class PermissiveCorsMiddleware implements NestMiddleware {
  use(_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void): void {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'X-Secret');
    next();
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [ResourceController] })
class ForeignHeadersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PermissiveCorsMiddleware).forRoutes('*');
  }
}

/**
 * Access-Control-* headers another layer of the app sets after CorsModule decided (on Express the
 * entry hook decides before any middleware): a refused origin must still leave with none of them.
 */
describe.each(ADAPTERS)('Access-Control-* headers set by app middleware (%s)', (_name, create) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(create, ForeignHeadersModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it('a refused origin gets none of them', async () => {
    const res = await send(running.url, 'GET', '/r', { Origin: EVIL });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({});
    expect(res.headers.vary).toEqual(['Origin']);
  });
});
