import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { AbstractHttpAdapter, HttpAdapterHost } from '@nestjs/core';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';

const APP = 'https://app.example.com';

@Controller('r')
class ResourceController {
  @Get() get() { return { ok: true }; }
}

@Module({ imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [ResourceController] })
class AppModule {}

/** Replaces the request hook after CorsModule installed its own: a misconfiguration to report. */
@Injectable()
class HookClobberer implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}
  onModuleInit() {
    this.host.httpAdapter.setOnRequestHook((_req: unknown, _res: unknown, done: () => void) => done());
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [ResourceController], providers: [HookClobberer] })
class ClobberingModule {}

describe.each(ADAPTERS)('entry point (%s)', (_name, create) => {
  describe('a request hook the app set before init is chained', () => {
    let running: RunningApp;
    const seen: string[] = [];
    beforeAll(async () => {
      running = await startApp(create, AppModule, (app) => {
        (app.getHttpAdapter() as AbstractHttpAdapter).setOnRequestHook((req: { method?: string }, _res: unknown, done: () => void) => {
          seen.push(String(req.method));
          done();
        });
        // main.ts middleware that would reject every request without a token
        app.use((req: { headers: Record<string, string | undefined> }, res: { statusCode: number; end: (b: string) => void }, next: () => void) => {
          if (req.headers.authorization) return next();
          res.statusCode = 401;
          res.end('no token');
        });
      });
    });
    afterAll(async () => {
      await running.close();
    });

    it('preflights are answered first: neither the app hook nor app.use() middleware sees them', async () => {
      const res = await preflight(running.url, '/r', APP, 'GET', 'authorization');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toEqual([APP]);
      expect(seen).toEqual([]);
    });

    it('other requests go through the app hook, then the middleware', async () => {
      const res = await send(running.url, 'GET', '/r', { Origin: APP });
      expect(res.status).toBe(401);
      expect(seen).toEqual(['GET']);
      const ok = await send(running.url, 'GET', '/r', { Origin: APP, Authorization: 'x' });
      expect(ok.status).toBe(200);
      expect(ok.headers['access-control-allow-origin']).toEqual([APP]);
    });

    it('an OPTIONS request that is not a preflight goes to the app', async () => {
      const res = await send(running.url, 'OPTIONS', '/r', { Origin: APP });
      expect(res.status).toBe(401);
      expect(corsHeaders(res)).toEqual({});
      expect(seen.at(-1)).toBe('OPTIONS');
    });
  });

  it('a hook set after CorsModule installed its own is reported at startup', async () => {
    const running = await startApp(create, ClobberingModule);
    try {
      expect(running.logger.cors('error').join('\n')).toContain('setOnRequestHook() was called after CorsModule installed its preflight hook');
    } finally {
      await running.close();
    }
  });
});
