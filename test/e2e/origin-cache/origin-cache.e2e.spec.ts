import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { Cors, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';

const TENANTS = new Set(['https://a.tenant.example', 'https://b.tenant.example']);
const calls: string[] = [];
/** Long enough for two requests in a row to land within it on a busy machine (200 ms was not). */
const NEGATIVE_TTL = 1_000;

/** A slow lookup, as a database query would be. */
async function isTenant(origin: string): Promise<boolean> {
  calls.push(origin);
  await new Promise((resolve) => setTimeout(resolve, 30));
  return TENANTS.has(origin);
}

@Cors('tenants')
@Controller('r')
class ResourceController {
  @Get() get() { return { ok: true }; }
  @Get('other') other() { return { ok: true }; }
}

@Module({
  imports: [
    CorsModule.forRoot({
      policies: { tenants: { origin: isTenant, originCache: { ttl: 60_000, negativeTtl: NEGATIVE_TTL, max: 100, maxNegative: 50 } } },
    }),
  ],
  controllers: [ResourceController],
})
class AppModule {}

describe.each(ADAPTERS)('origin cache (%s)', (_name, create) => {
  let running: RunningApp;
  const acao = async (path: string, origin: string) => (await send(running.url, 'GET', path, { Origin: origin })).headers['access-control-allow-origin'];

  beforeAll(async () => {
    calls.length = 0;
    running = await startApp(create, AppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it('concurrent requests for one unknown origin share one call, across routes of the policy', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0 ? acao(i % 4 === 0 ? '/r' : '/r/other', 'https://a.tenant.example') : preflight(running.url, '/r', 'https://a.tenant.example', 'GET').then((r) => r.headers['access-control-allow-origin']),
      ),
    );
    expect(results.every((value) => value?.[0] === 'https://a.tenant.example')).toBe(true);
    expect(calls.filter((o) => o === 'https://a.tenant.example')).toHaveLength(1);
  });

  it('allowed answers are reused; refused ones only for the short negative TTL', async () => {
    expect(await acao('/r', 'https://a.tenant.example')).toEqual(['https://a.tenant.example']);
    expect(calls.filter((o) => o === 'https://a.tenant.example')).toHaveLength(1);
    expect(await acao('/r', 'https://x.attacker.example')).toBeUndefined();
    expect(await acao('/r', 'https://x.attacker.example')).toBeUndefined();
    expect(calls.filter((o) => o === 'https://x.attacker.example')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, NEGATIVE_TTL + 50));
    expect(await acao('/r', 'https://x.attacker.example')).toBeUndefined();
    expect(calls.filter((o) => o === 'https://x.attacker.example')).toHaveLength(2);
  });

  it('a flood of distinct refused origins neither evicts allowed origins nor grows the cache past its bounds', async () => {
    await acao('/r', 'https://b.tenant.example');
    const before = calls.length;
    for (let round = 0; round < 10; round++) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => acao('/r', `https://flood${round}-${i}.attacker.example`)));
    }
    expect(calls.length - before).toBe(300);
    const tenantCalls = calls.filter((o) => o.endsWith('.tenant.example')).length;
    expect(await acao('/r', 'https://a.tenant.example')).toEqual(['https://a.tenant.example']);
    expect(await acao('/r', 'https://b.tenant.example')).toEqual(['https://b.tenant.example']);
    expect(calls.filter((o) => o.endsWith('.tenant.example')).length).toBe(tenantCalls);
    const [stats] = running.app.get(CorsPolicyService).getOriginCacheStats();
    expect(stats!.allowedSize).toBe(2);
    expect(stats!.refusedSize).toBeLessThanOrEqual(50);
    expect(stats!.hits).toBeGreaterThan(0);
  });
});
