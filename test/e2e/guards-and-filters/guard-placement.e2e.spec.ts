import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, ModuleMetadata, Version, VersioningType } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { Cors, CorsModule } from '../../../lib/index.js';
import { CorsGuard } from '../../../lib/internal/request/cors-guard.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';

const APP = 'https://app.example.com';

@Controller('items')
class ItemsController {
  @Get() list() {
    return [];
  }
}

@Controller('off')
@Cors(false)
class OffController {
  @Get() get() {
    return 'same-origin only';
  }
}

/** Two versions of one route told apart by a header: a request cannot be routed before Nest picks the handler. */
@Controller('versioned')
class VersionedController {
  @Get()
  @Version('1')
  one() {
    return 'v1';
  }

  @Get()
  @Version('2')
  @Cors({ origin: ['https://partner.example.com'] })
  two() {
    return 'v2';
  }
}

/**
 * The global guard costs every request its turn in Nest's guard pipeline; it is placed only
 * where a route needs it, on both adapters, and every request is still decided.
 */
describe.each(ADAPTERS)('where the CORS guard is placed (%s)', (_name, create) => {
  let running: RunningApp;
  afterEach(() => running.close());

  const guardIndex = () => (running.app.get(ApplicationConfig).getGlobalGuards() as unknown[]).indexOf(running.app.get(CorsGuard));
  const start = (metadata: ModuleMetadata) => startApp(create, metadata).then((app) => void (running = app));

  it('every route decided before the handler pipeline: no guard, and requests with and without Origin still get their headers', async () => {
    await start({ imports: [CorsModule.forRoot({ origin: [APP], credentials: true })], controllers: [ItemsController] });
    expect(guardIndex()).toBe(-1);
    const allowed = await send(running.url, 'GET', '/items', { Origin: APP });
    expect([allowed.status, corsHeaders(allowed), allowed.headers.vary]).toEqual([200, { 'access-control-allow-origin': [APP], 'access-control-allow-credentials': ['true'] }, ['Origin']]);
    const without = await send(running.url, 'GET', '/items');
    expect([without.status, corsHeaders(without), without.headers.vary]).toEqual([200, {}, ['Origin']]);
  });

  it('routes the guard must decide (header-versioned): the guard, first, deciding by the handler Nest chose', async () => {
    running = await startApp(create, { imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [ItemsController, VersionedController] }, (app) =>
      void app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Version' }),
    );
    expect(guardIndex()).toBe(0);
    const one = await send(running.url, 'GET', '/versioned', { Origin: APP, 'X-Version': '1' });
    expect([one.status, one.body, corsHeaders(one), one.headers.vary]).toEqual([200, 'v1', { 'access-control-allow-origin': [APP] }, ['Origin']]);
    const two = await send(running.url, 'GET', '/versioned', { Origin: APP, 'X-Version': '2' });
    expect([two.status, two.body, corsHeaders(two), two.headers.vary]).toEqual([200, 'v2', {}, ['Origin']]);
  });

  it('debug (the guard logs cross-origin requests to routes without CORS): the guard, first', async () => {
    await start({ imports: [CorsModule.forRoot({ origin: [APP], debug: true })], controllers: [ItemsController] });
    expect(guardIndex()).toBe(0);
  });

  it('another CORS layer: the guard decides after it, and takes its permissions back from refused origins and routes without CORS', async () => {
    running = await startApp(create, { imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [ItemsController, OffController] }, (app) => app.enableCors());
    expect(guardIndex()).toBe(0);
    const refused = await send(running.url, 'GET', '/items', { Origin: 'https://evil.example.net' });
    expect([refused.status, corsHeaders(refused), refused.headers.vary]).toEqual([200, {}, ['Origin']]);
    const allowed = await send(running.url, 'GET', '/items', { Origin: APP });
    expect(corsHeaders(allowed)).toEqual({ 'access-control-allow-origin': [APP] });
    const off = await send(running.url, 'GET', '/off', { Origin: APP });
    expect([off.status, corsHeaders(off)]).toEqual([200, {}]);
  });
});
