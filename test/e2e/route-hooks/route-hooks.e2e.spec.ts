import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

@Controller('items')
class ItemsController {
  @Get(':id') get(@Param('id') id: string) {
    return { id };
  }

  @Post() create(@Body() body: unknown) {
    return { created: body };
  }
}

@Module({
  imports: [CorsModule.forRoot({ origin: [APP], credentials: true, exposedHeaders: ['X-Request-Id'] })],
  controllers: [ItemsController],
})
class RouteHooksAppModule {}

const ALLOWED = {
  'access-control-allow-origin': [APP],
  'access-control-allow-credentials': ['true'],
  'access-control-expose-headers': ['X-Request-Id'],
};

/**
 * Where actual requests get their headers: on Fastify a route-level onRequest hook, before body
 * parsing; on Express the global CorsGuard, after the body parser. The difference shows on the
 * adapter's own answers to bad bodies.
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

  it('the 400 for a malformed JSON body: CORS headers on Fastify (hook before parsing), none on Express (parser before the guard)', async () => {
    const res = await send(running.url, 'POST', '/api/items', { Origin: APP, 'Content-Type': 'application/json' }, '{not json');
    expect(res.status).toBe(400);
    if (name === 'fastify') {
      expect(corsHeaders(res)).toEqual(ALLOWED);
      expect(res.headers.vary).toEqual(['Origin']);
    } else {
      expect(corsHeaders(res)).toEqual({});
    }
  });

  it('a well-formed body is parsed and answered with the headers', async () => {
    const res = await send(running.url, 'POST', '/api/items', { Origin: APP, 'Content-Type': 'application/json' }, '{"a":1}');
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ created: { a: 1 } });
    expect(corsHeaders(res)).toEqual(ALLOWED);
  });
});
