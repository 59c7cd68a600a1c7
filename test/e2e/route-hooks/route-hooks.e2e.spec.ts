import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule, Param, Post, RequestMethod } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';
const TENANT = 'https://tenant.example.org';

@Controller('items')
class ItemsController {
  @Get('locked') locked() {
    return { never: 'reached' };
  }

  @Get(':id') get(@Param('id') id: string) {
    return { id };
  }

  @Post() create(@Body() body: unknown) {
    return { created: body };
  }

  /** Origins only an async origin function can decide (a tenant directory, say). */
  @Cors({ origin: async (origin: string) => origin === TENANT })
  @Post('tenant') createForTenant(@Body() body: unknown) {
    return { created: body };
  }
}

/** An auth middleware that answers 401 itself, as many apps have. */
@Injectable()
class LockedMiddleware implements NestMiddleware {
  use(_req: unknown, res: { statusCode: number; end(body: string): void }, _next: () => void): void {
    res.statusCode = 401;
    res.end('{"statusCode":401}');
  }
}

@Module({
  imports: [CorsModule.forRoot({ origin: [APP], credentials: true, exposedHeaders: ['X-Request-Id'] })],
  controllers: [ItemsController],
})
class RouteHooksAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(LockedMiddleware).forRoutes({ path: 'items/locked', method: RequestMethod.GET });
  }
}

const ALLOWED = {
  'access-control-allow-origin': [APP],
  'access-control-allow-credentials': ['true'],
  'access-control-expose-headers': ['X-Request-Id'],
};

/**
 * Where actual requests get their headers: on Fastify a route-level onRequest hook, before body
 * parsing; on Express the entry hook, before body parsers and every middleware. The difference
 * shows on a Nest middleware that ends the request.
 */
describe.each(ADAPTERS)('actual requests on routes with CORS (%s)', (name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(create, RouteHooksAppModule, (app) => {
      app.setGlobalPrefix('api');
    });
  });
  afterAll(async () => {
    await running.close();
  });

  it('a HEAD request to a GET route gets the GET route policy', async () => {
    const res = await send(running.url, 'HEAD', '/api/items/7', { Origin: APP });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual(ALLOWED);
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it('a refused origin gets Vary: Origin and no Access-Control-* header', async () => {
    const res = await send(running.url, 'GET', '/api/items/7', { Origin: EVIL });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({});
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it('the 400 for a malformed JSON body carries the CORS headers (set before the body parser runs)', async () => {
    const res = await send(running.url, 'POST', '/api/items', { Origin: APP, 'Content-Type': 'application/json' }, '{not json');
    expect(res.status).toBe(400);
    expect(corsHeaders(res)).toEqual(ALLOWED);
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it('the 400 for a malformed JSON body from a refused origin: Vary: Origin, no Access-Control-* header', async () => {
    const res = await send(running.url, 'POST', '/api/items', { Origin: EVIL, 'Content-Type': 'application/json' }, '{not json');
    expect(res.status).toBe(400);
    expect(corsHeaders(res)).toEqual({});
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it(`the 413 for an oversized body carries the CORS headers`, async () => {
    const res = await send(running.url, 'POST', '/api/items', { Origin: APP, 'Content-Type': 'application/json' }, JSON.stringify({ a: 'x'.repeat(2_000_000) }));
    expect(res.status).toBe(413);
    expect(corsHeaders(res)).toEqual(ALLOWED);
  });

  it(`a Nest middleware that ends the request with 401: ${name === 'express' ? 'carries the CORS headers (set before any middleware)' : 'carries none (Nest middleware runs in an app-wide hook, before the route hook)'}`, async () => {
    const res = await send(running.url, 'GET', '/api/items/locked', { Origin: APP });
    expect(res.status).toBe(401);
    expect(corsHeaders(res)).toEqual(name === 'express' ? ALLOWED : {});
  });

  it("the 400 for a malformed body on a route whose origin only an async origin function decides carries the headers (the function is awaited before the body parser)", async () => {
    const res = await send(running.url, 'POST', '/api/items/tenant', { Origin: TENANT, 'Content-Type': 'application/json' }, '{not json');
    expect(res.status).toBe(400);
    expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [TENANT], 'access-control-allow-credentials': ['true'], 'access-control-expose-headers': ['X-Request-Id'] });
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it('the same 400 for an origin the function refuses: Vary: Origin, no Access-Control-* header', async () => {
    const res = await send(running.url, 'POST', '/api/items/tenant', { Origin: EVIL, 'Content-Type': 'application/json' }, '{not json');
    expect(res.status).toBe(400);
    expect(corsHeaders(res)).toEqual({});
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it('a well-formed body is parsed and answered with the headers', async () => {
    const res = await send(running.url, 'POST', '/api/items', { Origin: APP, 'Content-Type': 'application/json' }, '{"a":1}');
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ created: { a: 1 } });
    expect(corsHeaders(res)).toEqual(ALLOWED);
  });
});
