import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { Cors, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { RawResponse, preflight, send } from '../utils/http.js';

const TOGGLED = 'https://toggled.example.com';

@Controller('r')
class ResourceController {
  @Get() get() { return { ok: true }; }
  @Put() put() { return { ok: true }; }

  @Cors({ origin: () => Promise.reject(new Error('store down')) })
  @Get('rejects') rejects() { return { ok: true }; }

  @Cors({ origin: () => new Promise<boolean>(() => undefined) })
  @Get('hangs') hangs() { return { ok: true }; }

  @Cors({ origin: async (origin: string) => origin.endsWith('.async.example.com') })
  @Get('async') async() { return { ok: true }; }
}

@Module({
  imports: [CorsModule.forRoot({ origin: ['https://app.example.com'], credentials: true, originCheckTimeout: 200 })],
  controllers: [ResourceController],
})
class AppModule {}

/** Every response is a clean allow or a clean refusal: never a 5xx, never half the headers. */
function expectConsistent(res: RawResponse, origin: string): 'allowed' | 'refused' {
  expect(res.status).toBeLessThan(500);
  const acao = res.headers['access-control-allow-origin'];
  if (acao === undefined) {
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    return 'refused';
  }
  expect(acao).toEqual([origin]);
  expect(res.headers['access-control-allow-credentials']).toEqual(['true']);
  return 'allowed';
}

describe.each(ADAPTERS)('adversarial (%s)', (_name, create) => {
  let running: RunningApp;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    running = await startApp(create, AppModule);
  });
  afterAll(async () => {
    await running.close();
    process.off('unhandledRejection', onRejection);
  });

  it('allowOrigin / revokeOrigin racing with requests in flight: every answer is consistent', async () => {
    const service = running.app.get(CorsPolicyService);
    let toggling = true;
    const toggler = (async () => {
      let flips = 0;
      while (toggling) {
        if (flips % 2 === 0) service.allowOrigin(TOGGLED);
        else service.revokeOrigin(TOGGLED);
        flips++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      return flips;
    })();
    const outcomes: string[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0 ? send(running.url, 'GET', '/r', { Origin: TOGGLED }) : preflight(running.url, '/r', TOGGLED, 'PUT', 'content-type'),
        ),
      );
      for (const res of batch) {
        if (res.status === 403) {
          expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
          outcomes.push('refused');
        } else {
          outcomes.push(expectConsistent(res, TOGGLED));
        }
      }
    }
    toggling = false;
    expect(await toggler).toBeGreaterThan(10);
    expect(outcomes).toHaveLength(200);
    service.revokeOrigin(TOGGLED);
    expect(expectConsistent(await send(running.url, 'GET', '/r', { Origin: TOGGLED }), TOGGLED)).toBe('refused');
  });

  it('many concurrent requests to a hanging origin function all end, refused, within the timeout', async () => {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? send(running.url, 'GET', '/r/hangs', { Origin: `https://h${i}.example.com` })
          : preflight(running.url, '/r/hangs', `https://h${i}.example.com`, 'GET'),
      ),
    );
    for (const res of results) {
      expect([200, 403]).toContain(res.status);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejecting and async functions under concurrent distinct origins: no unhandled rejection, no 5xx', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const path = i % 2 === 0 ? '/r/rejects' : '/r/async';
        const origin = i % 4 === 1 ? `https://t${i}.async.example.com` : `https://x${i}.example.com`;
        return send(running.url, 'GET', path, { Origin: origin }).then((res) => ({ res, origin, path }));
      }),
    );
    for (const { res, origin, path } of results) {
      expect(res.status).toBe(200);
      const expected = path === '/r/async' && origin.endsWith('.async.example.com') ? [origin] : undefined;
      expect(res.headers['access-control-allow-origin']).toEqual(expected);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rejections).toEqual([]);
  });
});
