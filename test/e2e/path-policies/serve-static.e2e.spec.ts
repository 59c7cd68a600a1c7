import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, Type } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { fileURLToPath } from 'node:url';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';
import { EVIL, WEB, allowedWithCredentials, expectActual, refused, startFactoryApp } from './support.js';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const FILE = { file: 'x' };

/**
 * @nestjs/serve-static 12, one directory served twice: at /assets to any origin (`'*'`), and at
 * /private to the web app with credentials. On Express it mounts `express.static` with
 * `app.use('/assets', ...)` plus a GET route for the index fallback; on Fastify it registers
 * @fastify/static (a GET and HEAD route per file, plus `/assets/*` for the fallback).
 * A new module per app: serve-static writes its adapter's defaults into the options it was given
 * (`renderPath`), so options used once on Express would give Fastify an Express path.
 */
function staticAppModule(): Type {
  @Module({
    imports: [
      CorsModule.forRoot({
        origin: [WEB],
        policies: { web: { origin: [WEB], credentials: true } },
        paths: { '/assets/*': { origin: '*' }, '/private/*': 'web' },
      }),
      ServeStaticModule.forRoot(
        { rootPath: FIXTURES, serveRoot: '/assets' },
        // @fastify/static decorates the reply once per Fastify scope: the second mount must not again.
        { rootPath: FIXTURES, serveRoot: '/private', serveStaticOptions: { decorateReply: false } },
      ),
    ],
  })
  class StaticAppModule {}
  return StaticAppModule;
}

const ANY_ORIGIN = { 'access-control-allow-origin': ['*'] };

describe.each(ADAPTERS)('static files at a path policy (%s)', (name, create) => {
  let running: RunningApp;
  const get = (path: string, headers: Record<string, string> = {}) => send(running.url, 'GET', path, headers);

  beforeAll(async () => {
    // The testing module would give serve-static its no-op loader (see startFactoryApp).
    running = await startFactoryApp(create, staticAppModule());
  });
  afterAll(async () => {
    await running.close();
  });

  describe("origin '*' (/assets/*)", () => {
    it.each([[WEB], [EVIL], [undefined]])('GET a file from %s: the file, ACAO *, no credentials and no Vary (as for * routes)', async (origin) => {
      const res = await get('/assets/x.json', origin ? { Origin: origin } : {});
      expectActual(res, { status: 200, cors: ANY_ORIGIN, vary: undefined });
      expect(JSON.parse(res.body)).toEqual(FILE);
    });

    it('HEAD of a file: ACAO *', async () => {
      expectActual(await send(running.url, 'HEAD', '/assets/x.json', { Origin: WEB }), { status: 200, cors: ANY_ORIGIN, vary: undefined });
    });

    it("a missing file: serve-static's own 404 carries ACAO *", async () => {
      expectActual(await get('/assets/missing.json', { Origin: EVIL }), { status: 404, cors: ANY_ORIGIN, vary: undefined });
    });

    it(`the mount point itself is covered by /assets/* (${name === 'express' ? "express.static's redirect to /assets/" : 'no route: 404'})`, async () => {
      expectActual(await get('/assets', { Origin: WEB }), { status: name === 'express' ? 301 : 404, cors: ANY_ORIGIN, vary: undefined });
    });

    it('a preflight for GET with a header: allowed with ACAO * and the header echoed', async () => {
      expectAllowed(await preflight(running.url, '/assets/x.json', EVIL, 'GET', 'range'), { origin: '*', method: 'GET', allowHeaders: 'range' });
    });

    it('a preflight for a method outside GET, HEAD, POST: 403', async () => {
      expectRefused(await preflight(running.url, '/assets/x.json', EVIL, 'DELETE'));
    });

    it('/assetsX is not under /assets/*: its preflight is refused (no route, no pattern)', async () => {
      expectRefused(await preflight(running.url, '/assetsX/x.json', WEB, 'GET', 'range'));
    });
  });

  describe('a credentialed named policy (/private/* -> web)', () => {
    it('GET a file from the allowed origin: ACAO, ACAC, Vary: Origin', async () => {
      const res = await get('/private/x.json', { Origin: WEB });
      expectActual(res, allowedWithCredentials(WEB));
      expect(JSON.parse(res.body)).toEqual(FILE);
    });

    it('a refused origin: the file is served, without any Access-Control-* header, Vary: Origin', async () => {
      const res = await get('/private/x.json', { Origin: EVIL });
      expectActual(res, refused());
      expect(JSON.parse(res.body)).toEqual(FILE);
    });

    it('no Origin: Vary: Origin', async () => {
      expectActual(await get('/private/x.json'), refused());
    });

    it("a missing file: serve-static's 404 carries ACAO and ACAC", async () => {
      expectActual(await get('/private/missing.json', { Origin: WEB }), allowedWithCredentials(WEB, 404));
    });

    it('a preflight for GET from the allowed origin: allowed with credentials', async () => {
      expectAllowed(await preflight(running.url, '/private/x.json', WEB, 'GET', 'range'), { origin: WEB, method: 'GET', allowHeaders: 'range', credentials: true });
    });

    it('a preflight from a refused origin: 403', async () => {
      expectRefused(await preflight(running.url, '/private/x.json', EVIL, 'GET', 'range'));
    });

    it("the file's ETag: the allowed origin may revalidate (304 with ACAO); a refused origin gets the full 200, never a 304 that revives a copy stored while allowed", async () => {
      const etag = (await get('/private/x.json', { Origin: WEB })).header('etag');
      expect(etag).toMatch(/^W\/"/);
      expectActual(await get('/private/x.json', { Origin: WEB, 'If-None-Match': etag! }), allowedWithCredentials(WEB, 304));
      const res = await get('/private/x.json', { Origin: EVIL, 'If-None-Match': etag! });
      expectActual(res, refused(200));
      expect(JSON.parse(res.body)).toEqual(FILE);
    });
  });
});
