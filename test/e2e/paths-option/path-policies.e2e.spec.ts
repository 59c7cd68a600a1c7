import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import request from 'supertest';
import { Cors, CorsConfigurationError, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';

const APP = 'https://app.example.com';
const PARTNER = 'https://partner.example.com';
const EVIL = 'https://evil.example.net';

@Controller('items')
@Cors('strict')
class ItemsController {
  @Get()
  list() {
    return ['a'];
  }
}

/**
 * The core of `paths`, on an endpoint mounted with `app.use()` (no controller route): preflights
 * answered by the entry hook, actual requests decided before the endpoint's own code, the
 * controller route winning where it serves the method. Integrations (GraphQL, static files,
 * Swagger) have their own suites in test/e2e/path-policies.
 */
describe.each(ADAPTERS)('paths on an app.use() endpoint (%s)', (_name, adapter) => {
  let running: RunningApp;
  let hookCalls: string[];

  beforeAll(async () => {
    hookCalls = [];
    running = await startApp(
      adapter,
      {
        imports: [
          CorsModule.forRoot({
            origin: [APP],
            policies: { strict: { origin: [APP] }, partner: { origin: [PARTNER], credentials: true, maxAge: 600 } },
            paths: { '/hooks/*': 'partner', '/items': { origin: [PARTNER], methods: ['POST'] }, '/off': false },
            logRoutes: true,
          }),
        ],
        controllers: [ItemsController],
      },
      (app) => {
        app.use('/hooks', (req: { method: string }, res: { statusCode: number; setHeader(n: string, v: string): void; end(b: string): void }) => {
          hookCalls.push(req.method);
          res.statusCode = 200;
          res.setHeader('content-type', 'text/plain');
          res.end('hooked');
        });
      },
    );
  });
  afterAll(() => running.close());

  it('answers the preflight itself: the endpoint never sees it', async () => {
    const res = await request(running.url)
      .options('/hooks/push')
      .set('Origin', PARTNER)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(res.headers['access-control-allow-methods']).toBe('POST');
    expect(res.headers['access-control-allow-headers']).toBe('content-type');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(hookCalls).toEqual([]);
  });

  it('refuses a method outside GET, HEAD, POST with 403 and no permission', async () => {
    const res = await request(running.url).options('/hooks').set('Origin', PARTNER).set('Access-Control-Request-Method', 'PUT');
    expect(res.status).toBe(403);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('gives an actual request its headers before the endpoint runs', async () => {
    const res = await request(running.url).post('/hooks/push').set('Origin', PARTNER);
    expect(res.status).toBe(200);
    expect(res.text).toBe('hooked');
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers.vary).toBe('Origin');
  });

  it('refused origin: the endpoint answers, with no permission and Vary: Origin', async () => {
    const res = await request(running.url).post('/hooks').set('Origin', EVIL);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toBe('Origin');
  });

  it('without Origin: Vary: Origin only', async () => {
    const res = await request(running.url).get('/hooks');
    expect(res.headers.vary).toBe('Origin');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a controller route serving the method wins; the path entry covers the other methods', async () => {
    const get = await request(running.url).options('/items').set('Origin', PARTNER).set('Access-Control-Request-Method', 'GET');
    expect(get.status).toBe(403);
    const getApp = await request(running.url).options('/items').set('Origin', APP).set('Access-Control-Request-Method', 'GET');
    expect(getApp.status).toBe(204);
    expect(getApp.headers['access-control-allow-origin']).toBe(APP);
    const post = await request(running.url).options('/items').set('Origin', PARTNER).set('Access-Control-Request-Method', 'POST');
    expect(post.status).toBe(204);
    expect(post.headers['access-control-allow-origin']).toBe(PARTNER);
    const actual = await request(running.url).get('/items').set('Origin', APP);
    expect(actual.headers['access-control-allow-origin']).toBe(APP);
  });

  it('false: preflights refused, no headers', async () => {
    const res = await request(running.url).options('/off').set('Origin', APP).set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logRoutes prints the path entries beside the routes, with where each field came from', () => {
    const table = running.logger.cors('log').find((line) => line.startsWith('CORS policies:'))!.split('\n');
    expect(table.find((row) => row.startsWith('ALL /hooks/*'))).toMatch(
      /^ALL \/hooks\/\*\s+paths\['\/hooks\/\*'\]\s+https:\/\/partner\.example\.com\s+yes\s+GET,HEAD,POST\s+600\s+middleware\s+origin=policy:partner credentials=policy:partner maxAge=policy:partner$/,
    );
    expect(table.find((row) => row.startsWith('ALL /off'))).toMatch(/^ALL \/off\s+paths\['\/off'\]\s+no CORS$/);
  });

  it('getRoutes() lists the path entries beside the routes', () => {
    const entries = running.app.get(CorsPolicyService).getRoutes();
    expect(entries.filter((e) => e.kind === 'path').map((e) => [e.path, e.enabled, e.methods, e.sources.origin, e.headersFrom])).toEqual([
      ['/hooks/*', true, ['GET', 'HEAD', 'POST'], 'policy:partner', 'middleware'],
      ['/items', true, ['POST'], 'path', 'middleware'],
      ['/off', false, undefined, undefined, undefined],
    ]);
  });
});

describe.each(ADAPTERS)('runtime origins joining a paths entry (%s)', (_name, adapter) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(adapter, {
      // The entry takes its origins from the module defaults and adds credentials.
      imports: [CorsModule.forRoot({ origin: [APP], paths: { '/hooks/*': { credentials: true } } })],
    });
  });
  afterAll(() => running.close());

  it('allowOrigin() on the defaults is validated against the entry too: no http origin with credentials', async () => {
    const service = running.app.get(CorsPolicyService);
    const error = await service.allowOrigin('http://insecure.example.com').then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorsConfigurationError);
    expect((error as CorsConfigurationError).problems.map((p) => p.code)).toEqual(['insecure-origin-with-credentials']);
    expect(service.getRuntimeOrigins()).toEqual([]);
  });
});
