import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';
import { ADMIN, APP, AppModule, PARTNER } from './app.module.js';

const EVIL = 'https://evil.example.net';

describe.each(ADAPTERS)('actual requests (%s)', (_name, create) => {
  let running: RunningApp;
  const get = (path: string, origin?: string, extra: Record<string, string> = {}) =>
    send(running.url, 'GET', path, origin ? { Origin: origin, ...extra } : extra);

  beforeAll(async () => {
    running = await startApp(create, AppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('module defaults', () => {
    it('allowed origin: exact ACAO, ACAC, ACEH and Vary: Origin', async () => {
      const res = await get('/items', APP);
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['X-Request-Id'],
      });
      expect(res.headers.vary).toEqual(['Origin']);
      expect(JSON.parse(res.body)).toEqual([{ id: 1 }]);
    });

    it('refused origin: the handler still runs, no Access-Control-* header, Vary: Origin', async () => {
      const res = await get('/items', EVIL);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual([{ id: 1 }]);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
    });

    it('no Origin: not a CORS request, but Vary: Origin for caches', async () => {
      const res = await get('/items');
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
    });

    it('a non-preflight OPTIONS-free POST from an allowed origin gets headers on its 400', async () => {
      const res = await send(running.url, 'POST', '/items/validate', { Origin: APP, 'Content-Type': 'application/json' }, '{}');
      expect(res.status).toBe(400);
      expect(res.headers['access-control-allow-origin']).toEqual([APP]);
      expect(res.headers['access-control-allow-credentials']).toEqual(['true']);
    });
  });

  describe('errors and redirects carry the headers', () => {
    it.each([
      ['/items/secure', 401, 'app-wide auth guard'],
      ['/items/forbidden', 403, 'route guard'],
      ['/items/number/abc', 400, 'pipe'],
      ['/items/boom', 500, 'HttpException from the handler'],
      ['/items/crash', 500, 'plain Error from the handler'],
      ['/items/moved', 302, '@Redirect'],
    ])('%s -> %i (%s)', async (path, status) => {
      const res = await get(path, APP);
      expect(res.status).toBe(status);
      expect(res.headers['access-control-allow-origin']).toEqual([APP]);
      expect(res.headers['access-control-allow-credentials']).toEqual(['true']);
      // Express's res.redirect() appends its own `Vary: Accept`: appended, never replaced.
      expect(res.headers.vary?.[0]?.split(', ')).toContain('Origin');
    });

    it('the auth guard passes with a token and the response is readable cross-origin', async () => {
      const res = await get('/items/secure', APP, { Authorization: 'Bearer ok' });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toEqual([APP]);
    });

    it('a refused origin gets the 401 without permission', async () => {
      const res = await get('/items/secure', EVIL);
      expect(res.status).toBe(401);
      expect(corsHeaders(res)).toEqual({});
    });
  });

  describe('Vary is appended to, never overwritten', () => {
    it('@Header("Vary") keeps its value and gains Origin', async () => {
      const res = await get('/items/vary', APP);
      expect(res.headers.vary).toEqual(['Accept-Encoding, Origin']);
      expect(res.headers['access-control-allow-origin']).toEqual([APP]);
    });

    it('also without an Origin header', async () => {
      const res = await get('/items/vary');
      expect(res.headers.vary).toEqual(['Accept-Encoding, Origin']);
    });

    it.each([[APP], [undefined]])('a handler that replaces Vary through @Res({ passthrough: true }) keeps Origin (Origin: %s)', async (origin) => {
      const res = await get('/items/res-vary', origin);
      expect(res.status).toBe(200);
      expect(res.headers.vary).toEqual(['Accept, Origin']);
      expect(res.headers['access-control-allow-origin']).toEqual(origin ? [APP] : undefined);
    });

    it('a handler that sets Vary and sends the response itself through @Res() keeps Origin', async () => {
      const res = await get('/items/res-send', APP);
      expect({ status: res.status, body: JSON.parse(res.body) as unknown, vary: res.headers.vary, acao: res.headers['access-control-allow-origin'] }).toEqual({
        status: 200,
        body: { sent: true },
        vary: ['Accept-Language, Origin'],
        acao: [APP],
      });
    });

    it('other @Header() values are untouched', async () => {
      const res = await get('/items/cache', APP);
      expect(res.headers['cache-control']).toEqual(['max-age=60']);
      expect(res.headers.vary).toEqual(['Origin']);
    });
  });

  describe('handler policy overrides the defaults', () => {
    it('DELETE allows only ADMIN, with its own exposed headers', async () => {
      const admin = await send(running.url, 'DELETE', '/items/7', { Origin: ADMIN });
      expect(admin.status).toBe(200);
      expect(corsHeaders(admin)).toEqual({
        'access-control-allow-origin': [ADMIN],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['X-Request-Id, X-Total'],
      });
      const app = await send(running.url, 'DELETE', '/items/7', { Origin: APP });
      expect(app.status).toBe(200);
      expect(corsHeaders(app)).toEqual({});
    });

    it('GET on the same controller still uses the defaults', async () => {
      const res = await get('/items', ADMIN);
      expect(corsHeaders(res)).toEqual({});
    });
  });

  describe('named policies', () => {
    it('a controller using a named policy: its origins, its credentials, the defaults for the rest', async () => {
      const res = await get('/partners', PARTNER);
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': [PARTNER],
        'access-control-expose-headers': ['X-Request-Id'],
      });
      expect(corsHeaders(await get('/partners', APP))).toEqual({});
    });

    it('a named policy with overrides on the handler', async () => {
      const res = await get('/partners/tuned', PARTNER);
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': [PARTNER],
        'access-control-expose-headers': ['X-Partner'],
      });
    });

    it('inline options on the handler replace the controller policy field by field', async () => {
      expect(corsHeaders(await get('/partners/inline', PARTNER))).toEqual({});
      expect(corsHeaders(await get('/partners/inline', APP))).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-expose-headers': ['X-Request-Id'],
      });
    });
  });

  describe('@Cors(false) and re-enabling', () => {
    it('a disabled controller sends no CORS header and no Vary', async () => {
      const res = await get('/internal', APP);
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toBeUndefined();
    });

    it('@Cors() on a handler re-enables the module defaults', async () => {
      const res = await get('/internal/reenabled', APP);
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['X-Request-Id'],
      });
    });
  });

  describe("origin '*'", () => {
    it.each([[APP], [EVIL], [undefined]])('sends ACAO * from %s, without credentials or Vary', async (origin) => {
      const res = await get('/public', origin);
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': ['*'],
        'access-control-expose-headers': ['X-Public'],
      });
      expect(res.headers.vary).toBeUndefined();
    });

    it('@Cors(false) on a handler under a * controller', async () => {
      expect(corsHeaders(await get('/public/off', APP))).toEqual({});
    });
  });

  describe('patterns', () => {
    it.each([
      ['https://a.tenants.example.com', true],
      ['https://deep.a.tenants.example.com', true],
      ['https://tenants.example.com', false],
      ['https://eviltenants.example.com', false],
      ['https://a.tenants.example.com.evil.net', false],
      ['http://a.tenants.example.com', false],
      ['https://a.tenants.example.com:8443', false],
      ['http://localhost:3000', true],
      ['http://localhost:5173', true],
      ['http://localhost', true],
      ['https://localhost:3000', false],
      ['http://localhost.evil.net:3000', false],
    ])('%s allowed: %s', async (origin, allowed) => {
      const res = await get('/tenants', origin);
      expect(res.headers['access-control-allow-origin']).toEqual(allowed ? [origin] : undefined);
      expect(res.headers.vary).toEqual(['Origin']);
    });
  });
});
