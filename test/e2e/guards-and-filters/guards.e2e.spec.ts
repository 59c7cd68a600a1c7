import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { expectAllowed } from '../preflight-routing/expect-preflight.js';
import { APP, EVIL, GuardsAppModule, MainAuthGuard } from './app.module.js';

const ALLOWED = {
  'access-control-allow-origin': [APP],
  'access-control-allow-credentials': ['true'],
  'access-control-expose-headers': ['X-Request-Id'],
};

/**
 * CorsGuard runs before the app's own global guards, however they were registered: a guard
 * from `app.useGlobalGuards()` in main.ts and a request-scoped `APP_GUARD`, both throwing 401.
 */
describe.each(ADAPTERS)('401 from global guards carries CORS headers (%s)', (_name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(create, GuardsAppModule, (app) => {
      app.useGlobalGuards(new MainAuthGuard());
    });
  });
  afterAll(async () => {
    await running.close();
  });

  describe.each([
    ['app.useGlobalGuards()', '/main', 'main.ts guard'],
    ['a request-scoped APP_GUARD', '/scoped', 'request-scoped guard'],
  ])('%s', (_guard, path, message) => {
    it('allowed origin: the 401 carries ACAO, ACAC, ACEH and Vary: Origin', async () => {
      const res = await send(running.url, 'GET', path, { Origin: APP });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 401, message });
      expect(corsHeaders(res)).toEqual(ALLOWED);
      expect(res.headers.vary).toEqual(['Origin']);
    });

    it('refused origin: the 401 carries no Access-Control-* header, but Vary: Origin', async () => {
      const res = await send(running.url, 'GET', path, { Origin: EVIL });
      expect(res.status).toBe(401);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
    });

    it('with a token the guard passes and the response is readable cross-origin', async () => {
      const res = await send(running.url, 'GET', path, { Origin: APP, Authorization: 'Bearer ok' });
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual(ALLOWED);
    });

    it('the preflight never reaches the guard', async () => {
      expectAllowed(await preflight(running.url, path, APP, 'GET', 'authorization'), {
        origin: APP,
        method: 'GET',
        allowHeaders: 'authorization',
        credentials: true,
      });
    });
  });
});
