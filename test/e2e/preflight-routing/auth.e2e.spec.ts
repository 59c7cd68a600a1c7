import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { AuthAppModule, requireAuthorization } from './auth-app.module.js';
import { expectAllowed, expectRefused } from './expect-preflight.js';
import { A, B, EVIL } from './origins.js';

/** Preflights carry no credentials: they are answered before the app's auth, whatever it is. */
describe.each(ADAPTERS)('preflights before auth (%s)', (_name, create) => {
  describe('APP_GUARD that throws UnauthorizedException without Authorization', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp(create, AuthAppModule);
    });
    afterAll(async () => {
      await running.close();
    });

    it('the preflight gets 204 with the route policy, never 401', async () => {
      expectAllowed(await preflight(running.url, '/secure/data', A, 'GET', 'authorization'), {
        origin: A,
        method: 'GET',
        allowHeaders: 'authorization',
        credentials: true,
      });
      expectAllowed(await preflight(running.url, '/secure/data', B, 'PUT', 'authorization, content-type'), {
        origin: B,
        method: 'PUT',
        allowHeaders: 'authorization, content-type',
        credentials: true,
      });
    });

    it('a refused or unmatched preflight is 403, not 401', async () => {
      expectRefused(await preflight(running.url, '/secure/data', EVIL, 'GET', 'authorization'));
      expectRefused(await preflight(running.url, '/secure/data', A, 'PUT', 'authorization'));
      expectRefused(await preflight(running.url, '/secure/data', A, 'DELETE', 'authorization'));
    });

    it("the actual request without Authorization gets the guard's 401 WITH access-control-allow-origin", async () => {
      const res = await send(running.url, 'GET', '/secure/data', { Origin: A });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ statusCode: 401, message: 'missing token' });
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': [A],
        'access-control-allow-credentials': ['true'],
      });
      expect(res.headers.vary).toEqual(['Origin']);
    });

    it("the PUT route's 401 carries its own policy's origin (B)", async () => {
      const res = await send(running.url, 'PUT', '/secure/data', { Origin: B, 'Content-Type': 'application/json' }, '{}');
      expect(res.status).toBe(401);
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': [B],
        'access-control-allow-credentials': ['true'],
      });
    });

    it('a refused origin gets the 401 without any Access-Control-* header', async () => {
      const res = await send(running.url, 'GET', '/secure/data', { Origin: EVIL });
      expect(res.status).toBe(401);
      expect(corsHeaders(res)).toEqual({});
    });

    it('with Authorization the actual request is served, readable by A', async () => {
      const res = await send(running.url, 'GET', '/secure/data', { Origin: A, Authorization: 'Bearer t' });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ route: 'secure.get' });
      expect(res.headers['access-control-allow-origin']).toEqual([A]);
    });
  });

  describe('main.ts app.use() middleware that answers 401 without Authorization', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp(create, AuthAppModule, (app) => {
        app.use(requireAuthorization);
      });
    });
    afterAll(async () => {
      await running.close();
    });

    it('the middleware is active: an actual request without Authorization gets its 401', async () => {
      const res = await send(running.url, 'GET', '/secure/data', { Origin: A });
      expect(res.status).toBe(401);
      expect(res.body).toBe('middleware: no token');
    });

    it('the preflight is answered before it: 204 with the route policy', async () => {
      expectAllowed(await preflight(running.url, '/secure/data', A, 'GET', 'authorization'), {
        origin: A,
        method: 'GET',
        allowHeaders: 'authorization',
        credentials: true,
      });
      expectAllowed(await preflight(running.url, '/secure/data', B, 'PUT', 'authorization, content-type'), {
        origin: B,
        method: 'PUT',
        allowHeaders: 'authorization, content-type',
        credentials: true,
      });
    });

    it('refused and unmatched preflights are 403 from CorsModule, not the middleware 401', async () => {
      expectRefused(await preflight(running.url, '/secure/data', EVIL, 'GET'));
      expectRefused(await preflight(running.url, '/nowhere', A, 'GET'));
    });
  });
});
