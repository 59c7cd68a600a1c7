import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Cors, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { RawResponse, preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';
import { PARTNER, WEB, expectActual } from './support.js';

/** Every policy of the precedence app allows a different origin, so an answer names its judge. */
const STRICT = 'https://strict.example.com';
const LOOSE = 'https://loose.example.com';
const FALLBACK = 'https://fallback.example.com';
const FILES = 'https://files.example.com';
const PRIVATE = 'https://private.example.com';
const README = 'https://readme.example.com';
const JUDGES = [WEB, STRICT, LOOSE, FALLBACK, FILES, PRIVATE, README];

@Cors('strict')
@Controller('items')
class ItemsController {
  @Get()
  list() {
    return [{ id: 1 }];
  }
}

/** A route without @Cors (the module defaults) under the /files/* pattern. */
@Controller('files')
class FilesController {
  @Get('list')
  list() {
    return ['a.txt'];
  }
}

/** A route without CORS under the /* pattern. */
@Cors(false)
@Controller('no-cors')
class NoCorsController {
  @Get()
  get() {
    return { cors: false };
  }
}

@Module({
  imports: [
    CorsModule.forRoot({
      origin: [WEB],
      policies: { strict: { origin: [STRICT] }, loose: { origin: [LOOSE] } },
      paths: {
        '/items': 'loose',
        '/*': { origin: [FALLBACK] },
        '/files/*': { origin: [FILES] },
        '/files/private/*': { origin: [PRIVATE] },
        '/files/private/readme': { origin: [README] },
        '/internal': false,
      },
    }),
  ],
  controllers: [ItemsController, FilesController, NoCorsController],
})
class PrecedenceAppModule {}

/** Allowed with exactly one origin's permission (no credentials in this app). */
function expectAllowedFor(res: RawResponse, origin: string, method: string): void {
  expectAllowed(res, { origin, method });
}

describe.each(ADAPTERS)('path policies: precedence and specificity (%s)', (_name, create) => {
  let running: RunningApp;
  const get = (path: string, origin: string) => send(running.url, 'GET', path, { Origin: origin });
  const post = (path: string, origin: string) => send(running.url, 'POST', path, { Origin: origin });

  beforeAll(async () => {
    running = await startApp(create, PrecedenceAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('a controller route serving the requested method wins over any path policy', () => {
    it("GET /items: the preflight follows the controller's @Cors('strict'), not paths['/items'] nor '/*'", async () => {
      expectAllowedFor(await preflight(running.url, '/items', STRICT, 'GET'), STRICT, 'GET');
      expectRefused(await preflight(running.url, '/items', LOOSE, 'GET'));
      expectRefused(await preflight(running.url, '/items', FALLBACK, 'GET'));
    });

    it('GET /items: the actual request too', async () => {
      expectActual(await get('/items', STRICT), { status: 200, cors: { 'access-control-allow-origin': [STRICT] }, vary: ['Origin'] });
      expectActual(await get('/items', LOOSE), { status: 200, cors: {}, vary: ['Origin'] });
    });

    it("POST /items (no controller route serves POST): paths['/items'] applies, to the preflight", async () => {
      expectAllowedFor(await preflight(running.url, '/items', LOOSE, 'POST'), LOOSE, 'POST');
      expectRefused(await preflight(running.url, '/items', STRICT, 'POST'));
    });

    it("POST /items: and to the actual request, whose 404 (no route) carries the path policy's headers", async () => {
      expectActual(await post('/items', LOOSE), { status: 404, cors: { 'access-control-allow-origin': [LOOSE] }, vary: ['Origin'] });
      expectActual(await post('/items', STRICT), { status: 404, cors: {}, vary: ['Origin'] });
    });

    it('GET /files/list: the undecorated route takes the module defaults, not /files/*; POST there takes /files/*', async () => {
      expectAllowedFor(await preflight(running.url, '/files/list', WEB, 'GET'), WEB, 'GET');
      expectRefused(await preflight(running.url, '/files/list', FILES, 'GET'));
      expectAllowedFor(await preflight(running.url, '/files/list', FILES, 'POST'), FILES, 'POST');
      expectRefused(await preflight(running.url, '/files/list', WEB, 'POST'));
    });

    it("GET /no-cors: a route with @Cors(false) wins too: no CORS although '/*' covers the path", async () => {
      expectRefused(await preflight(running.url, '/no-cors', FALLBACK, 'GET'));
      expectActual(await get('/no-cors', FALLBACK), { status: 200, cors: {}, vary: undefined });
      expectAllowedFor(await preflight(running.url, '/no-cors', FALLBACK, 'POST'), FALLBACK, 'POST');
    });
  });

  describe('the most specific pattern wins: exact over wildcard, the longer wildcard prefix over the shorter', () => {
    it.each([
      ['/', FALLBACK],
      ['/anything', FALLBACK],
      ['/a/b/c', FALLBACK],
      ['/filesX', FALLBACK],
      ['/files', FILES],
      ['/files/', FILES],
      ['/files/a.txt', FILES],
      ['/files/a/b/c.txt', FILES],
      ['/files/privateX', FILES],
      ['/files/private', PRIVATE],
      ['/files/private/x', PRIVATE],
      ['/files/private/readme', README],
      ['/files/private/readme/more', PRIVATE],
      ['/internal/x', FALLBACK],
    ])('%s is judged by the policy allowing %s, and by no other', async (path, judge) => {
      expectAllowedFor(await preflight(running.url, path, judge, 'POST'), judge, 'POST');
      for (const other of JUDGES.filter((origin) => origin !== judge)) {
        expectRefused(await preflight(running.url, path, other, 'POST'));
      }
    });

    it.each([
      ['/files/a.txt', FILES],
      ['/files/private/readme', README],
      ['/nothing-here', FALLBACK],
    ])('actual GET %s (a 404 without any endpoint) carries the permission of %s', async (path, judge) => {
      expectActual(await get(path, judge), { status: 404, cors: { 'access-control-allow-origin': [judge] }, vary: ['Origin'] });
      expectActual(await get(path, WEB), { status: 404, cors: {}, vary: ['Origin'] });
    });
  });

  describe("paths['/internal']: false", () => {
    it("its preflights are refused, although '/*' would allow them", async () => {
      expectRefused(await preflight(running.url, '/internal', FALLBACK, 'POST'));
      expectRefused(await preflight(running.url, '/internal', FALLBACK, 'GET'));
    });

    it('its actual responses carry nothing, not even Vary', async () => {
      expectActual(await get('/internal', FALLBACK), { status: 404, cors: {}, vary: undefined });
    });
  });
});

/** An endpoint mounted with app.use(): 200 for every request, whatever its method. */
function ok(_req: IncomingMessage, res: ServerResponse): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.end('{"ok":true}');
}

const ASYNC_OK = 'https://tenant.example.com';
const NEW_PARTNER = 'https://new-partner.example.org';
const NEW_WEB = 'https://new-web.example.com';
const originCalls: string[] = [];

async function isTenant(origin: string): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return origin === ASYNC_OK;
}

async function failingLookup(): Promise<boolean> {
  throw new Error('tenant lookup failed');
}

async function countedLookup(origin: string): Promise<boolean> {
  originCalls.push(origin);
  await new Promise((resolve) => setTimeout(resolve, 10));
  return origin === ASYNC_OK;
}

@Module({
  imports: [
    CorsModule.forRoot({
      origin: [WEB],
      policies: { partners: { origin: [PARTNER] } },
      paths: {
        '/exact': { origin: [WEB] },
        '/tree/*': { origin: [WEB] },
        '/narrow': { origin: [WEB], methods: ['PUT'] },
        '/async': { origin: isTenant },
        '/throws': { origin: failingLookup },
        '/cached': { origin: countedLookup, originCache: { ttl: 60_000 } },
        '/runtime': 'partners',
        '/defaults': true,
      },
    }),
  ],
})
class MatchingAppModule {}

/** main.ts: an endpoint at each path with a policy, as a webhook receiver or a proxy would be. */
function mountOk(app: INestApplication): void {
  for (const path of ['/exact', '/async', '/throws', '/cached', '/runtime', '/defaults']) app.use(path, ok);
}

describe.each(ADAPTERS)('path policies: matching, methods and origins (%s)', (name, create) => {
  let running: RunningApp;
  const get = (path: string, origin: string) => send(running.url, 'GET', path, { Origin: origin });
  const allowedGet = (origin: string) => ({ status: 200, cors: { 'access-control-allow-origin': [origin] }, vary: ['Origin'] });
  const refusedGet = { status: 200, cors: {}, vary: ['Origin'] };

  beforeAll(async () => {
    running = await startApp(create, MatchingAppModule, mountOk);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('a path with neither a route nor a pattern', () => {
    it('its preflight is refused (no route)', async () => {
      expectRefused(await preflight(running.url, '/nowhere', WEB, 'POST'));
    });

    it("its actual response is Nest's 404 with the module defaults' answer (readableNotFound)", async () => {
      expectActual(await get('/nowhere', WEB), { status: 404, cors: { 'access-control-allow-origin': [WEB] }, vary: ['Origin'] });
    });
  });

  describe('methods', () => {
    it.each(['GET', 'HEAD', 'POST'])('%s: one of the default methods of a path policy', async (method) => {
      expectAllowedFor(await preflight(running.url, '/exact', WEB, method), WEB, method);
    });

    it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s: refused by default', async (method) => {
      expectRefused(await preflight(running.url, '/exact', WEB, method));
    });

    it("methods: ['PUT'] allows PUT and nothing else", async () => {
      expectAllowedFor(await preflight(running.url, '/narrow', WEB, 'PUT'), WEB, 'PUT');
      expectRefused(await preflight(running.url, '/narrow', WEB, 'GET'));
      expectRefused(await preflight(running.url, '/narrow', WEB, 'POST'));
    });
  });

  const covered = async (path: string) => expectAllowedFor(await preflight(running.url, path, WEB, 'POST'), WEB, 'POST');
  const notCovered = async (path: string) => expectRefused(await preflight(running.url, path, WEB, 'POST'));

  describe('patterns are whole segments', () => {
    it.each(['/tree', '/tree/', '/tree/a', '/tree/a/b/c'])('/tree/* covers %s', covered);
    it.each(['/treeX', '/treeX/a', '/exact/a', '/exactX'])('%s is not covered', notCovered);
  });

  if (name === 'express') {
    describe('matched as Express matches by default: case-insensitive, one trailing slash ignored, the raw path', () => {
      it.each(['/EXACT', '/Exact', '/exact/', '/TREE/a'])('%s is covered', covered);
      it.each(['/exact//', '/exac%74', '/tre%65/a'])('%s is not (two slashes; percent-encoded letters are not decoded)', notCovered);
    });
  } else {
    describe('matched as Fastify matches by default: case-sensitive, strict trailing slash, the decoded path', () => {
      it.each(['/exac%74', '/tre%65/a', '/%65xact'])('%s is covered (decoded first)', covered);
      it.each(['/EXACT', '/Exact', '/exact/', '/TREE/a'])('%s is not covered', notCovered);
    });
  }

  describe('origin functions, as for routes', () => {
    it('an async function: allowed and refused, preflight and actual request', async () => {
      expectAllowedFor(await preflight(running.url, '/async', ASYNC_OK, 'POST'), ASYNC_OK, 'POST');
      expectRefused(await preflight(running.url, '/async', WEB, 'POST'));
      expectActual(await get('/async', ASYNC_OK), allowedGet(ASYNC_OK));
      expectActual(await get('/async', WEB), refusedGet);
    });

    it('a function that throws refuses (fail closed, never a 5xx) and is logged', async () => {
      const before = running.logger.cors('warn').length;
      expectRefused(await preflight(running.url, '/throws', ASYNC_OK, 'POST'));
      expectActual(await get('/throws', ASYNC_OK), refusedGet);
      const logged = running.logger.cors('warn').slice(before);
      expect(logged).toHaveLength(2);
      for (const line of logged) {
        expect(line).toContain('threw');
        expect(line).toContain(`"${ASYNC_OK}" refused`);
      }
    });

    it('the origin cache: one call of the function for repeated requests and preflights of one origin', async () => {
      originCalls.length = 0;
      expectActual(await get('/cached', ASYNC_OK), allowedGet(ASYNC_OK));
      expectActual(await get('/cached', ASYNC_OK), allowedGet(ASYNC_OK));
      expectAllowedFor(await preflight(running.url, '/cached', ASYNC_OK, 'POST'), ASYNC_OK, 'POST');
      expect(originCalls).toEqual([ASYNC_OK]);
    });
  });

  describe('runtime origins (CorsPolicyService)', () => {
    let service: CorsPolicyService;
    beforeEach(() => {
      service = running.app.get(CorsPolicyService);
    });

    it("allowOrigin(origin, 'partners') opens a path using that policy; revokeOrigin closes it again", async () => {
      expectRefused(await preflight(running.url, '/runtime', NEW_PARTNER, 'POST'));
      expectActual(await get('/runtime', NEW_PARTNER), refusedGet);

      await service.allowOrigin(NEW_PARTNER, 'partners');
      expectAllowedFor(await preflight(running.url, '/runtime', NEW_PARTNER, 'POST'), NEW_PARTNER, 'POST');
      expectActual(await get('/runtime', NEW_PARTNER), allowedGet(NEW_PARTNER));
      // Not the defaults' paths.
      expectRefused(await preflight(running.url, '/defaults', NEW_PARTNER, 'POST'));

      expect(await service.revokeOrigin(NEW_PARTNER, 'partners')).toBe(true);
      expectRefused(await preflight(running.url, '/runtime', NEW_PARTNER, 'POST'));
      expectActual(await get('/runtime', NEW_PARTNER), refusedGet);
    });

    it('allowOrigin(origin) on the defaults opens paths set to true, not inline origins nor named policies', async () => {
      await service.allowOrigin(NEW_WEB);
      try {
        expectAllowedFor(await preflight(running.url, '/defaults', NEW_WEB, 'POST'), NEW_WEB, 'POST');
        expectActual(await get('/defaults', NEW_WEB), allowedGet(NEW_WEB));
        expectRefused(await preflight(running.url, '/exact', NEW_WEB, 'POST'));
        expectRefused(await preflight(running.url, '/runtime', NEW_WEB, 'POST'));
      } finally {
        await service.revokeOrigin(NEW_WEB);
      }
      expectRefused(await preflight(running.url, '/defaults', NEW_WEB, 'POST'));
    });
  });
});

type ExpressApp = { set(setting: string, value: unknown): unknown };
/** Express itself (no type declarations installed): the tests build an app configured before Nest wraps it. */
const express = createRequire(import.meta.url)('express') as () => ExpressApp;

/** Express fixes its router's options when the router is created, at the adapter's first use(): set them before. */
function strictExpress(): AbstractHttpAdapter {
  const app = express();
  app.set('strict routing', true);
  app.set('case sensitive routing', true);
  return new ExpressAdapter(app);
}

/** A GET route at /exact shows how the adapter's router treats each spelling (paths policies judge the other methods). */
@Controller('exact')
class ExactController {
  @Get()
  get() {
    return 'exact';
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: [WEB], paths: { '/exact': true, '/tree/*': true } })], controllers: [ExactController] })
class RouterOptionsAppModule {}

describe.each([
  ['express, strict and case-sensitive routing', strictExpress, ['/exact', '/tree/a'], ['/exact/', '/EXACT', '/TREE/a']],
  [
    'fastify, ignoreTrailingSlash and caseSensitive: false',
    () => new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } }),
    ['/exact', '/exact/', '/EXACT', '/TREE/a'],
    ['/exact//', '/exactX'],
  ],
] as const)('path policies follow the router options (%s)', (_name, create, coveredPaths, otherPaths) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(create, RouterOptionsAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it('premise: the router serves GET /exact under exactly the spellings listed as covered', async () => {
    for (const path of [...coveredPaths, ...otherPaths].filter((p) => p.toLowerCase().startsWith('/exact'))) {
      expect([path, (await send(running.url, 'GET', path)).status]).toEqual([path, (coveredPaths as readonly string[]).includes(path) ? 200 : 404]);
    }
  });

  it.each(coveredPaths)('%s is covered', async (path) => {
    expectAllowedFor(await preflight(running.url, path, WEB, 'POST'), WEB, 'POST');
  });

  it.each(otherPaths)('%s is not', async (path) => {
    expectRefused(await preflight(running.url, path, WEB, 'POST'));
  });
});

@Controller('items')
class PlainItemsController {
  @Get()
  list() {
    return ['a'];
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: [WEB], paths: { '/exact': true } })], controllers: [PlainItemsController] })
class LateSettingsAppModule {}

/**
 * `app.set('strict routing', true)` and `app.set('case sensitive routing', true)` in main.ts, as
 * NestExpressApplication allows: Express 5 fixed its router's options when the router was created
 * (ExpressAdapter's constructor already called use()), so it still routes case-insensitively and
 * ignores a trailing slash. Preflights must follow what Express does, not what the setting says;
 * otherwise the browser is refused a preflight for a request Express would serve.
 */
describe('Express settings changed in main.ts, after the adapter created its router (express)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(ADAPTERS[0][1], LateSettingsAppModule, (app) => {
      (app as NestExpressApplication).set('strict routing', true);
      (app as NestExpressApplication).set('case sensitive routing', true);
    });
  });
  afterAll(async () => {
    await running.close();
  });

  it('premise: Express still serves /items/ and /ITEMS with the controller route', async () => {
    for (const path of ['/items', '/items/', '/ITEMS']) expect([path, (await send(running.url, 'GET', path)).status]).toEqual([path, 200]);
  });

  it.each(['/items/', '/ITEMS'])('the preflight for GET %s (the route Express serves) is allowed', async (path) => {
    expectAllowedFor(await preflight(running.url, path, WEB, 'GET'), WEB, 'GET');
  });

  it.each(['/exact/', '/EXACT'])("%s is covered by paths['/exact'], as Express would route it", async (path) => {
    expectAllowedFor(await preflight(running.url, path, WEB, 'POST'), WEB, 'POST');
  });
});

@Controller('items')
class PrefixedItemsController {
  @Get()
  list() {
    return ['a'];
  }
}

@Module({
  imports: [CorsModule.forRoot({ origin: [WEB], paths: { '/items': { origin: [LOOSE] }, '/hooks': { origin: [PARTNER] } } })],
  controllers: [PrefixedItemsController],
})
class GlobalPrefixAppModule {}

describe.each(ADAPTERS)('the global prefix is not added to patterns: a pattern is the path the server sees (%s)', (_name, create) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(create, GlobalPrefixAppModule, (app) => {
      app.setGlobalPrefix('api');
      app.use('/hooks', ok);
    });
  });
  afterAll(async () => {
    await running.close();
  });

  it('GET /api/items is the controller route (module defaults)', async () => {
    expectAllowedFor(await preflight(running.url, '/api/items', WEB, 'GET'), WEB, 'GET');
  });

  it("POST /api/items: no route serves it and paths['/items'] does not mean /api/items", async () => {
    expectRefused(await preflight(running.url, '/api/items', LOOSE, 'POST'));
  });

  it("POST /items: paths['/items'] as written", async () => {
    expectAllowedFor(await preflight(running.url, '/items', LOOSE, 'POST'), LOOSE, 'POST');
  });

  it('an app.use() endpoint is not prefixed either: /hooks is covered, /api/hooks is not', async () => {
    expectAllowedFor(await preflight(running.url, '/hooks', PARTNER, 'POST'), PARTNER, 'POST');
    expectActual(await send(running.url, 'POST', '/hooks', { Origin: PARTNER }), { status: 200, cors: { 'access-control-allow-origin': [PARTNER] }, vary: ['Origin'] });
    expectRefused(await preflight(running.url, '/api/hooks', PARTNER, 'POST'));
  });
});
