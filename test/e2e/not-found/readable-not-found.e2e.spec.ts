import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import type { CorsModuleOptions } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';

const APP = 'https://app.example.com';
const PARTNER = 'https://partner.example.com';
const EVIL = 'https://evil.example.net';

@Controller('items')
class ItemsController {
  @Get(':id')
  get(@Param('id') id: string) {
    // A handler's own 404: the route's policy decides it, not the module defaults.
    if (id === 'missing') throw new NotFoundException('no such item');
    return { id };
  }
}

@Controller('partners')
@Cors({ origin: [PARTNER] })
class PartnersController {
  @Get(':id')
  get() {
    throw new NotFoundException('no such partner');
  }
}

const options = (extra: Partial<CorsModuleOptions> = {}): CorsModuleOptions => ({ origin: [APP], credentials: true, exposedHeaders: ['X-Request-Id'], ...extra });

/**
 * Nest's 404 for a path nothing serves, or a method no route serves at a known path, reads like
 * one from `enableCors()`: origins the module defaults allow can read it; refused origins get
 * nothing. Preflights to such paths are still refused.
 */
describe.each(ADAPTERS)('readable 404s (%s)', (_name, create) => {
  let running: RunningApp;
  let off: RunningApp;
  beforeAll(async () => {
    running = await startApp(create, { imports: [CorsModule.forRoot(options())], controllers: [ItemsController, PartnersController] }, (app) => {
      // A middleware answering a path no route serves, with no paths entry: not a 404, so no headers from the defaults.
      app.use('/legacy', (_req: unknown, res: { statusCode: number; end(body: string): void }) => {
        res.statusCode = 200;
        res.end('legacy');
      });
    });
    off = await startApp(create, { imports: [CorsModule.forRoot(options({ readableNotFound: false }))], controllers: [ItemsController] });
  });
  afterAll(async () => {
    await running.close();
    await off.close();
  });

  const GRANT = { 'access-control-allow-origin': [APP], 'access-control-allow-credentials': ['true'], 'access-control-expose-headers': ['X-Request-Id'] };

  it.each<[string, string, string]>([
    ['a path nothing serves', 'GET', '/nowhere'],
    ['a method no route serves at a known path', 'DELETE', '/items/1'],
  ])('%s: an allowed origin reads the 404', async (_what, method, path) => {
    const res = await send(running.url, method, path, { Origin: APP });
    expect([res.status, corsHeaders(res), res.headers.vary]).toEqual([404, GRANT, ['Origin']]);
    expect(res.body).toContain('Cannot');
  });

  it('a refused origin gets nothing but Vary', async () => {
    const res = await send(running.url, 'GET', '/nowhere', { Origin: EVIL });
    expect([res.status, corsHeaders(res), res.headers.vary]).toEqual([404, {}, ['Origin']]);
  });

  it('without Origin: Vary: Origin only', async () => {
    const res = await send(running.url, 'GET', '/nowhere');
    expect([res.status, corsHeaders(res), res.headers.vary]).toEqual([404, {}, ['Origin']]);
  });

  it("a route's own 404 is decided by the route's policy", async () => {
    const ownDefaults = await send(running.url, 'GET', '/items/missing', { Origin: APP });
    expect([ownDefaults.status, corsHeaders(ownDefaults)]).toEqual([404, GRANT]);
    const partner = await send(running.url, 'GET', '/partners/1', { Origin: APP });
    expect([partner.status, corsHeaders(partner), partner.headers.vary]).toEqual([404, {}, ['Origin']]);
    const partnerAllowed = await send(running.url, 'GET', '/partners/1', { Origin: PARTNER });
    expect([partnerAllowed.status, corsHeaders(partnerAllowed)]).toEqual([404, { ...GRANT, 'access-control-allow-origin': [PARTNER] }]);
  });

  it('what else answers a path nothing routes (middleware, no paths entry) gets no headers from the defaults', async () => {
    const res = await send(running.url, 'GET', '/legacy', { Origin: APP });
    expect([res.status, res.body, corsHeaders(res)]).toEqual([200, 'legacy', {}]);
  });

  it('a preflight to a path nothing serves is still refused', async () => {
    const res = await send(running.url, 'OPTIONS', '/nowhere', { Origin: APP, 'Access-Control-Request-Method': 'GET' });
    expect([res.status, corsHeaders(res)]).toEqual([403, {}]);
  });

  it('readableNotFound: false: no CORS headers on Nest 404s', async () => {
    const res = await send(off.url, 'GET', '/nowhere', { Origin: APP });
    expect([res.status, corsHeaders(res), res.headers.vary]).toEqual([404, {}, undefined]);
  });
});
