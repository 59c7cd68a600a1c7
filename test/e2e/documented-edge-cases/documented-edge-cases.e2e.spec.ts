import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { All, Controller, Get, Module, Put } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { rawRequest } from '../utils/raw-request.js';

const APP = 'https://app.example.com';

@Cors({ methods: [] })
@Controller('no-methods')
class NoMethodsController {
  @Get() get() { return { ok: true }; }
  @Put() put() { return { ok: true }; }
}

@Cors({ origin: '*' })
@Controller('public')
class PublicController {
  @Put() put() { return { ok: true }; }
}

@Cors({ methods: ['purge', 'PURGE'] })
@Controller('cache')
class CacheController {
  @All() any() { return { ok: true }; }
}

@Module({ imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [NoMethodsController, PublicController, CacheController] })
class AppModule {}

describe.each(ADAPTERS)('documented edge cases (%s)', (name, create) => {
  let running: RunningApp;
  beforeAll(async () => { running = await startApp(create, AppModule); });
  afterAll(async () => { await running.close(); });

  describe('methods: []', () => {
    it.each([
      ['PUT', undefined],
      ['GET', 'x-trace'],
      ['POST', 'content-type'],
    ])('every preflight is refused: %s (headers %s) gets 403 and no Access-Control-* header', async (method, headers) => {
      const pre = await preflight(running.url, '/no-methods', APP, method, headers);
      expect(pre.status).toBe(403);
      expect(corsHeaders(pre)).toEqual({});
    });

    it('a request that needs no preflight still gets its CORS headers', async () => {
      const res = await send(running.url, 'GET', '/no-methods', { Origin: APP });
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [APP] });
    });
  });

  describe("origin '*'", () => {
    it('the preflight carries Vary like any other preflight (only actual responses go without Vary: Origin)', async () => {
      const pre = await preflight(running.url, '/public', 'https://any.example.net', 'PUT', 'x-trace');
      expect(pre.status).toBe(204);
      expect(corsHeaders(pre)).toEqual({
        'access-control-allow-origin': ['*'],
        'access-control-allow-methods': ['PUT'],
        'access-control-allow-headers': ['x-trace'],
      });
      expect(pre.headers.vary).toEqual(['Origin, Access-Control-Request-Method, Access-Control-Request-Headers']);
      const res = await send(running.url, 'PUT', '/public', { Origin: 'https://any.example.net' });
      expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': ['*'] });
      expect(res.headers.vary).toBeUndefined();
    });
  });

  describe("lowercase custom methods: methods: ['purge', 'PURGE'] on an @All() route", () => {
    it(`a preflight asking for purge (browsers send it as written) is answered with exactly purge on Express; Fastify routes no PURGE to @All(), so 403 there`, async () => {
      const pre = await preflight(running.url, '/cache', APP, 'purge');
      const expected = name === 'express' ? { status: 204, acam: ['purge'] } : { status: 403, acam: undefined };
      expect({ status: pre.status, acam: pre.headers['access-control-allow-methods'] }).toEqual(expected);
      const upper = await preflight(running.url, '/cache', APP, 'PURGE');
      const expectedUpper = name === 'express' ? { status: 204, acam: ['PURGE'] } : { status: 403, acam: undefined };
      expect({ status: upper.status, acam: upper.headers['access-control-allow-methods'] }).toEqual(expectedUpper);
    });

    it("but Node's HTTP parser answers 400 to a lowercase method, before any app code runs", async () => {
      const res = await rawRequest(running.url, `purge /cache HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBe(400);
      expect(res.head).not.toMatch(/access-control-/i);
      const upper = await rawRequest(running.url, `PURGE /cache HTTP/1.1\r\nHost: x\r\nOrigin: ${APP}\r\nConnection: close\r\n\r\n`);
      expect(upper.status).toBe(name === 'express' ? 200 : 404);
    });
  });
});
