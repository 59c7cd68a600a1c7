import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Delete, Get, Module, Param, Put } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';

@Controller('items')
class ItemsController {
  @Get(':id') get(@Param('id') id: string) { return { id }; }
  @Cors({ allowedHeaders: ['Content-Type'] })
  @Put(':id') put(@Param('id') id: string) { return { id }; }
  @Cors({ methods: ['POST'] })
  @Put(':id/archive') archive() { return {}; }
  @Cors('admins')
  @Delete(':id') remove(@Param('id') id: string) { return { id }; }
  @Cors({ origin: () => { throw new Error('directory down'); } })
  @Get(':id/owner') owner() { return {}; }
  @Cors({ origin: () => new Promise<boolean>(() => undefined) })
  @Get(':id/slow') slow() { return {}; }
}

@Cors(false)
@Controller('internal')
class InternalController {
  @Get() get() { return {}; }
}

@Module({
  imports: [
    CorsModule.forRoot({
      origin: [APP],
      maxAge: 600,
      debug: true,
      logRoutes: true,
      originCheckTimeout: 50,
      policies: { admins: { origin: ['https://admin.example.com'], credentials: true } },
    }),
  ],
  controllers: [ItemsController, InternalController],
})
class DebugModule {}

@Module({
  imports: [CorsModule.forRoot({ origin: [APP], policies: { admins: { origin: ['https://admin.example.com'] } } })],
  controllers: [ItemsController, InternalController],
})
class QuietModule {}

describe.each(ADAPTERS)('diagnostics (%s)', (name, create) => {
  // Where actual requests get their headers (issue 11): before middleware on Express (the entry
  // hook), before body parsing on Fastify (each route's own hook).
  const headersFrom = name === 'express' ? 'middleware' : 'body-parsing';
  describe('debug: true', () => {
    let running: RunningApp;
    const lastLog = () => running.logger.cors('log').at(-1);
    beforeAll(async () => {
      running = await startApp(create, DebugModule);
    });
    afterAll(async () => {
      await running.close();
    });

    it('logs a table of every route at startup', () => {
      const table = running.logger.cors('log').find((line) => line.startsWith('CORS policies:'))!;
      const lines = table.split('\n');
      expect(lines[1]).toMatch(/^route\s+handler\s+origins\s+credentials\s+methods\s+max-age\s+CORS from\s+from$/);
      expect(lines.find((l) => l.startsWith('DELETE /items/:id'))).toMatch(
        new RegExp(`ItemsController\\.remove\\s+https://admin\\.example\\.com\\s+yes\\s+route\\s+600\\s+${headersFrom}\\s+origin=policy:admins credentials=policy:admins maxAge=module`),
      );
      expect(lines.find((l) => l.startsWith('PUT /items/:id/archive'))).toMatch(new RegExp(`POST\\s+600\\s+${headersFrom}\\s+origin=module methods=handler maxAge=module$`));
      expect(lines.find((l) => l.startsWith('PUT /items/:id '))).toMatch(new RegExp(`route\\s+600\\s+${headersFrom}\\s+origin=module allowedHeaders=handler maxAge=module$`));
      expect(lines.find((l) => l.startsWith('GET /internal'))).toMatch(/InternalController\.get\s+no CORS$/);
    });

    it.each([
      ['origin not allowed', '/items/1', EVIL, 'GET', undefined,
        'Refused preflight for GET /items/1 from "https://evil.example.net": origin not allowed by the module defaults on GET /items/:id (ItemsController.get)'],
      ['origin not allowed by a named policy', '/items/1', APP, 'DELETE', undefined,
        'Refused preflight for DELETE /items/1 from "https://app.example.com": origin not allowed by policy "admins" on DELETE /items/:id (ItemsController.remove)'],
      ['method not in methods', '/items/1/archive', APP, 'PUT', undefined,
        'Refused preflight for PUT /items/1/archive from "https://app.example.com": method PUT is not in methods [POST] on PUT /items/:id/archive (ItemsController.archive)'],
      ['header not in allowedHeaders', '/items/1', APP, 'PUT', 'content-type,x-api-key',
        'Refused preflight for PUT /items/1 from "https://app.example.com": header "x-api-key" is not in allowedHeaders [content-type] on PUT /items/:id (ItemsController.put)'],
      ['no route', '/nowhere', APP, 'GET', undefined,
        'Refused preflight for GET /nowhere from "https://app.example.com": no route serves GET /nowhere (an endpoint outside controllers, such as GraphQL or static files, needs a `paths` entry)'],
      ['CORS disabled', '/internal', APP, 'GET', undefined,
        'Refused preflight for GET /internal from "https://app.example.com": CORS is disabled on this route on GET /internal (InternalController.get)'],
      ['origin function threw', '/items/1/owner', APP, 'GET', undefined,
        'Refused preflight for GET /items/1/owner from "https://app.example.com": origin function threw on GET /items/:id/owner (ItemsController.owner)'],
      ['origin function timed out', '/items/1/slow', APP, 'GET', undefined,
        'Refused preflight for GET /items/1/slow from "https://app.example.com": origin function timed out after 50 ms on GET /items/:id/slow (ItemsController.slow)'],
      ['malformed request headers', '/items/1', APP, 'GET', 'x a',
        'Refused preflight for GET /items/1 from "https://app.example.com": malformed Access-Control-Request-Headers'],
    ])('preflight refused, %s', async (_reason, path, origin, method, headers, expected) => {
      const res = await preflight(running.url, path, origin, method, headers);
      expect(res.status).toBe(403);
      expect(lastLog()).toBe(expected);
    });

    it('the origin function failure itself is a warning with the error', async () => {
      await preflight(running.url, '/items/1/owner', APP, 'GET');
      expect(running.logger.cors('warn').at(-1)).toBe(
        'Origin function of GET /items/:id/owner (ItemsController.owner) threw: directory down; origin "https://app.example.com" refused',
      );
    });

    it.each([
      ['/items/1', EVIL, 'Refused actual request from "https://evil.example.net" on GET /items/:id (ItemsController.get): origin not allowed by the module defaults'],
      ['/items/1/owner', APP, 'Refused actual request from "https://app.example.com" on GET /items/:id/owner (ItemsController.owner): origin function threw'],
      ['/internal', APP, 'Refused actual request from "https://app.example.com" on GET /internal (InternalController.get): CORS is disabled on this route'],
    ])('actual request refused on %s', async (path, origin, expected) => {
      const res = await send(running.url, 'GET', path, { Origin: origin });
      expect(res.status).toBe(200);
      expect(lastLog()).toBe(expected);
    });

    it('allowed requests log nothing', async () => {
      const before = running.logger.cors().length;
      await send(running.url, 'GET', '/items/1', { Origin: APP });
      await preflight(running.url, '/items/1', APP, 'GET');
      expect(running.logger.cors().length).toBe(before);
    });
  });

  it('without debug, refusals are silent', async () => {
    const running = await startApp(create, QuietModule);
    try {
      await preflight(running.url, '/items/1', EVIL, 'GET');
      await send(running.url, 'GET', '/items/1', { Origin: EVIL });
      expect(running.logger.cors()).toEqual([]);
    } finally {
      await running.close();
    }
  });

  it('app.enableCors() next to CorsModule is reported at startup, and never produces duplicate lines', async () => {
    const running = await startApp(create, QuietModule, (app) => app.enableCors({ origin: true, credentials: true }));
    try {
      expect(running.logger.cors('warn').join('\n')).toContain('Another CORS layer is active');
      const allowed = await send(running.url, 'GET', '/items/1', { Origin: APP });
      expect(allowed.headers['access-control-allow-origin']).toEqual([APP]);
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      const refused = await send(running.url, 'GET', '/items/1', { Origin: EVIL });
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      const pre = await preflight(running.url, '/items/1', EVIL, 'GET');
      expect(pre.status).toBe(403);
      expect(Object.keys(pre.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    } finally {
      await running.close();
    }
  });
});
