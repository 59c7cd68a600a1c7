import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule } from '@nestjs/common';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

@Controller()
class ResourceController {
  @Get('r') get() {
    return { ok: true };
  }
}

/** A middleware that replaces `Vary` (compression, i18n and caching middleware do), as in expressjs/cors's and rs/cors's suites. */
@Injectable()
class VaryFooMiddleware implements NestMiddleware {
  use(_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void): void {
    res.setHeader('Vary', 'Foo');
    next();
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: [APP], paths: { '/mounted': true } })], controllers: [ResourceController] })
class VaryModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(VaryFooMiddleware).forRoutes('*');
  }
}

/**
 * `Vary: Origin` on every response whose CORS answer depends on the origin, whatever a middleware
 * did to `Vary` after CorsModule decided (on Express the entry hook decides before any middleware;
 * `paths` entries are decided before middleware on both adapters): without it a shared cache may
 * serve one origin's copy to another.
 */
describe.each(ADAPTERS)('Vary set by middleware after the decision (%s)', (_name, create) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(create, VaryModule, (app) => {
      // An endpoint outside controllers (a `paths` entry), whose middleware replaces Vary too.
      app.use('/mounted', (_req: unknown, res: { setHeader(n: string, v: string): void; end(body: string): void }) => {
        res.setHeader('Vary', 'Foo');
        res.end('mounted');
      });
    });
  });
  afterAll(() => running.close());

  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    ['an allowed origin', { Origin: APP }, { 'access-control-allow-origin': [APP] }],
    ['a refused origin', { Origin: EVIL }, {}],
    ['no Origin', {}, {}],
  ])('a route, %s: Vary: Foo, Origin', async (_what, headers, cors) => {
    const res = await send(running.url, 'GET', '/r', headers);
    expect([res.status, corsHeaders(res), res.headers.vary]).toEqual([200, cors, ['Foo, Origin']]);
  });

  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    ['an allowed origin', { Origin: APP }, { 'access-control-allow-origin': [APP] }],
    ['a refused origin', { Origin: EVIL }, {}],
  ])('a paths entry whose middleware ends the response, %s: Vary: Foo, Origin', async (_what, headers, cors) => {
    const res = await send(running.url, 'GET', '/mounted', headers);
    expect([res.status, res.body, corsHeaders(res), res.headers.vary]).toEqual([200, 'mounted', cors, ['Foo, Origin']]);
  });
});
