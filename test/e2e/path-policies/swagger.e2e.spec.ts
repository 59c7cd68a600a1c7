import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';
import { EVIL, WEB, allowedWithCredentials, expectActual, json, refused } from './support.js';

@Controller('items')
class ItemsController {
  @Get()
  list() {
    return [];
  }
}

/**
 * `SwaggerModule.setup('docs', app, document)` in main.ts: GET routes added straight to the
 * adapter (`httpAdapter.get`) for /docs, /docs/, /docs/index.html, /docs/swagger-ui-init.js,
 * /docs-json and /docs-yaml, and the UI's assets under /docs (express.static / @fastify/static).
 * The JSON document takes the module defaults (`true`), the UI is public (`'*'`), /docs-yaml has
 * no policy at all.
 */
@Module({
  imports: [
    CorsModule.forRoot({
      origin: [WEB],
      credentials: true,
      paths: { '/docs-json': true, '/docs/*': { origin: '*', credentials: false } },
    }),
  ],
  controllers: [ItemsController],
})
class SwaggerAppModule {}

function setupSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Items').setVersion('1').build());
  SwaggerModule.setup('docs', app, document);
}

const ANY_ORIGIN = { 'access-control-allow-origin': ['*'] };

describe.each(ADAPTERS)('Swagger at path policies (%s)', (_name, create) => {
  let running: RunningApp;
  const get = (path: string, origin?: string) => send(running.url, 'GET', path, origin ? { Origin: origin } : {});

  beforeAll(async () => {
    running = await startApp(create, SwaggerAppModule, setupSwagger);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('/docs-json: true (the module defaults)', () => {
    it('GET from the allowed origin: the document, ACAO, ACAC, Vary: Origin', async () => {
      const res = await get('/docs-json', WEB);
      expectActual(res, allowedWithCredentials(WEB));
      expect(json(res)).toMatchObject({ openapi: '3.0.0', info: { title: 'Items' }, paths: { '/items': { get: {} } } });
    });

    it('GET from a refused origin: the document without any Access-Control-* header, Vary: Origin', async () => {
      expectActual(await get('/docs-json', EVIL), refused());
    });

    it('a preflight for GET with a header from the allowed origin: 204 with the defaults', async () => {
      expectAllowed(await preflight(running.url, '/docs-json', WEB, 'GET', 'x-client'), { origin: WEB, method: 'GET', allowHeaders: 'x-client', credentials: true });
    });

    it('a preflight from a refused origin: 403', async () => {
      expectRefused(await preflight(running.url, '/docs-json', EVIL, 'GET', 'x-client'));
    });
  });

  describe("/docs/*: the UI, public ('*')", () => {
    it.each(['/docs', '/docs/', '/docs/swagger-ui-init.js', '/docs/swagger-ui.css'])('GET %s from any origin: ACAO *, no Vary', async (path) => {
      const res = await get(path, EVIL);
      expectActual(res, { status: 200, cors: ANY_ORIGIN, vary: undefined });
      expect(res.body.length).toBeGreaterThan(0);
    });

    it('the UI page is the Swagger UI', async () => {
      expect((await get('/docs', WEB)).body).toContain('<title>Swagger UI</title>');
    });

    it('a preflight for GET: allowed with ACAO *', async () => {
      expectAllowed(await preflight(running.url, '/docs/swagger-ui-init.js', EVIL, 'GET', 'x-client'), { origin: '*', method: 'GET', allowHeaders: 'x-client' });
    });
  });

  describe('/docs-yaml has no policy', () => {
    it('GET from an origin: served, without CORS headers or Vary', async () => {
      const res = await get('/docs-yaml', WEB);
      expectActual(res, { status: 200, cors: {}, vary: undefined });
      expect(res.body).toContain('openapi: 3.0.0');
    });

    it('its preflight is refused (no route, no pattern)', async () => {
      expectRefused(await preflight(running.url, '/docs-yaml', WEB, 'GET', 'x-client'));
    });
  });

  it('the controller route keeps its own policy beside the docs', async () => {
    expectActual(await get('/items', WEB), allowedWithCredentials(WEB));
  });
});
