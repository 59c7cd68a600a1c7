import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { INestApplication, Module } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';
import { EVIL, PARTNER, WEB, expectActual, json } from './support.js';

/** The partner policy narrows the default methods (no GET) and widens them (PUT). */
const PARTNER_POLICY = { origin: [PARTNER], methods: ['POST', 'PUT'], allowedHeaders: ['content-type', 'x-signature'], exposedHeaders: ['X-Delivery'], maxAge: 60 };

@Module({
  imports: [
    CorsModule.forRoot({
      origin: [WEB],
      policies: { partner: PARTNER_POLICY },
      paths: { '/hooks': 'partner', '/vary/appends': true },
    }),
  ],
})
class HooksAppModule {}

@Module({
  imports: [CorsModule.forRoot({ origin: [WEB], policies: { partner: PARTNER_POLICY }, paths: { '/hooks': 'partner' }, unmatchedPreflight: 'pass' })],
})
class PassingAppModule {}

/**
 * Mounts `/hooks` and `/open` with `app.use()`, as a main.ts would before `init()`: Express
 * middleware on Express, middie middleware on Fastify, both given Node's own request and
 * response. Each answers every request itself, records it, and reports the
 * Access-Control-Allow-Origin already on the response when its code started.
 */
function mountEndpoints(calls: string[]) {
  return (app: INestApplication) => {
    for (const name of ['hooks', 'open']) {
      app.use(`/${name}`, (req: IncomingMessage, res: ServerResponse) => {
        calls.push(`${req.method} /${name}`);
        const seenAllowOrigin = res.getHeader('access-control-allow-origin') ?? null;
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('X-Delivery', 'd-1');
        res.end(JSON.stringify({ endpoint: name, method: req.method, seenAllowOrigin }));
      });
    }
    // An endpoint that varies on Accept-Language, appending to the Vary already there.
    app.use('/vary/appends', (_req: IncomingMessage, res: ServerResponse) => {
      const vary = res.getHeader('vary');
      res.setHeader('Vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language');
      res.end('hello');
    });
  };
}

const PARTNER_ALLOWED = {
  status: 200,
  cors: { 'access-control-allow-origin': [PARTNER], 'access-control-expose-headers': ['X-Delivery'] },
  vary: ['Origin'],
};

describe.each(ADAPTERS)('an app.use() endpoint at a path policy (%s)', (_name, create) => {
  describe("unmatchedPreflight: 'refuse' (the default)", () => {
    let running: RunningApp;
    const calls: string[] = [];
    const post = (path: string, origin?: string) =>
      send(running.url, 'POST', path, origin ? { Origin: origin, 'Content-Type': 'application/json' } : { 'Content-Type': 'application/json' }, '{"event":"paid"}');

    beforeAll(async () => {
      running = await startApp(create, HooksAppModule, mountEndpoints(calls));
    });
    afterAll(async () => {
      await running.close();
    });
    beforeEach(() => {
      calls.length = 0;
    });

    describe('preflights: answered by the library, the endpoint never runs on them', () => {
      it('POST with the policy headers from the partner: 204 with the partner policy', async () => {
        expectAllowed(await preflight(running.url, '/hooks', PARTNER, 'POST', 'content-type,x-signature'), {
          origin: PARTNER,
          method: 'POST',
          allowHeaders: 'content-type, x-signature',
          maxAge: 60,
        });
        expect(calls).toEqual([]);
      });

      it('PUT: allowed, the policy methods widen the path defaults', async () => {
        expectAllowed(await preflight(running.url, '/hooks', PARTNER, 'PUT'), { origin: PARTNER, method: 'PUT', maxAge: 60 });
        expect(calls).toEqual([]);
      });

      it('GET: refused, the policy methods replace the path defaults', async () => {
        expectRefused(await preflight(running.url, '/hooks', PARTNER, 'GET'));
        expect(calls).toEqual([]);
      });

      it.each([
        ['the module default origin, not the policy one', WEB, 'content-type'],
        ['an unknown origin', EVIL, 'content-type'],
        ['a header outside allowedHeaders', PARTNER, 'content-type,x-other'],
      ])('%s: 403', async (_case, origin, headers) => {
        expectRefused(await preflight(running.url, '/hooks', origin, 'POST', headers));
        expect(calls).toEqual([]);
      });
    });

    describe('actual requests: the headers are on the response before the endpoint code runs', () => {
      it('POST from the partner: the endpoint sees ACAO already set; ACAO, ACEH, Vary: Origin', async () => {
        const res = await post('/hooks', PARTNER);
        expectActual(res, PARTNER_ALLOWED);
        expect(json(res)).toEqual({ endpoint: 'hooks', method: 'POST', seenAllowOrigin: PARTNER });
        expect(calls).toEqual(['POST /hooks']);
      });

      it('POST from a refused origin: the endpoint runs, no Access-Control-* header, Vary: Origin', async () => {
        const res = await post('/hooks', WEB);
        expectActual(res, { status: 200, cors: {}, vary: ['Origin'] });
        expect(json(res)).toEqual({ endpoint: 'hooks', method: 'POST', seenAllowOrigin: null });
      });

      it('POST without Origin: Vary: Origin', async () => {
        expectActual(await post('/hooks'), { status: 200, cors: {}, vary: ['Origin'] });
      });

      it('an OPTIONS with Origin but no Access-Control-Request-Method is not a preflight: the endpoint answers it, with the actual headers', async () => {
        const res = await send(running.url, 'OPTIONS', '/hooks', { Origin: PARTNER });
        expectActual(res, PARTNER_ALLOWED);
        expect(json(res)).toEqual({ endpoint: 'hooks', method: 'OPTIONS', seenAllowOrigin: PARTNER });
        expect(calls).toEqual(['OPTIONS /hooks']);
      });
    });

    // Vary is on the response before the endpoint runs, so an endpoint that appends keeps Origin.
    // One that replaces Vary drops it: a documented limitation (docs/graphql-static-swagger.md).
    it.each([[WEB], [undefined]])('an endpoint appending to Vary keeps Origin: Origin, Accept-Language (Origin: %s)', async (origin) => {
      const res = await send(running.url, 'GET', '/vary/appends', origin ? { Origin: origin } : {});
      expectActual(res, { status: 200, cors: origin ? { 'access-control-allow-origin': [WEB] } : {}, vary: ['Origin, Accept-Language'] });
    });

    describe('an app.use() endpoint without a path policy', () => {
      it('its preflight is refused as before (no route, no pattern), without running it', async () => {
        expectRefused(await preflight(running.url, '/open', WEB, 'POST', 'content-type'));
        expect(calls).toEqual([]);
      });

      it('its actual requests get nothing, not even Vary', async () => {
        const res = await post('/open', WEB);
        expectActual(res, { status: 200, cors: {}, vary: undefined });
        expect(json(res)).toEqual({ endpoint: 'open', method: 'POST', seenAllowOrigin: null });
      });
    });
  });

  describe("unmatchedPreflight: 'pass'", () => {
    let running: RunningApp;
    const calls: string[] = [];

    beforeAll(async () => {
      running = await startApp(create, PassingAppModule, mountEndpoints(calls));
    });
    afterAll(async () => {
      await running.close();
    });
    beforeEach(() => {
      calls.length = 0;
    });

    it('a preflight to a path without any policy is handed to the endpoint, unchanged: its own answer, no CORS header from the library', async () => {
      const res = await preflight(running.url, '/open', WEB, 'POST', 'content-type');
      expectActual(res, { status: 200, cors: {}, vary: undefined });
      expect(json(res)).toEqual({ endpoint: 'open', method: 'OPTIONS', seenAllowOrigin: null });
      expect(calls).toEqual(['OPTIONS /open']);
    });

    it("a path policy's preflights are still the library's: allowed ones get 204", async () => {
      expectAllowed(await preflight(running.url, '/hooks', PARTNER, 'POST', 'content-type'), { origin: PARTNER, method: 'POST', allowHeaders: 'content-type', maxAge: 60 });
      expect(calls).toEqual([]);
    });

    it("and refused ones 403: a path policy's refusal is not an unmatched preflight", async () => {
      expectRefused(await preflight(running.url, '/hooks', EVIL, 'POST', 'content-type'));
      expectRefused(await preflight(running.url, '/hooks', PARTNER, 'DELETE'));
      expect(calls).toEqual([]);
    });
  });
});
