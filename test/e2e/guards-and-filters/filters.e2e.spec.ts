import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';
import { APP, EVIL, FiltersAppModule } from './app.module.js';

/**
 * Exception filters that write the response themselves (a route-level `@UseFilters` filter
 * using the adapter's native API, and a global `APP_FILTER` using the HttpAdapterHost) bypass
 * Nest's default error response; the CORS headers must still be on what they write.
 */
describe.each(ADAPTERS)('responses written by exception filters (%s)', (_name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(create, FiltersAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it.each([
    ['@UseFilters on the route', '/filtered/route', 418, { filtered: 'route' }],
    ['APP_FILTER, plain Error', '/filtered/global', 503, { filtered: 'global', status: 500 }],
    ['APP_FILTER, HttpException', '/filtered/missing', 410, { filtered: 'global', status: 404 }],
  ])('%s: an allowed origin gets ACAO, ACAC, ACEH and Vary: Origin', async (_filter, path, status, body) => {
    const res = await send(running.url, 'GET', path, { Origin: APP });
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toEqual(body);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-expose-headers': ['X-Request-Id'],
    });
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it.each([
    ['@UseFilters on the route', '/filtered/route', 418],
    ['APP_FILTER, plain Error', '/filtered/global', 503],
    ['APP_FILTER, HttpException', '/filtered/missing', 410],
  ])('%s: a refused origin gets no Access-Control-* header, but Vary: Origin', async (_filter, path, status) => {
    const res = await send(running.url, 'GET', path, { Origin: EVIL });
    expect(res.status).toBe(status);
    expect(corsHeaders(res)).toEqual({});
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it("the global filter's other headers are kept", async () => {
    const res = await send(running.url, 'GET', '/filtered/global', { Origin: APP });
    expect(res.headers['x-filtered']).toEqual(['global']);
  });
});
