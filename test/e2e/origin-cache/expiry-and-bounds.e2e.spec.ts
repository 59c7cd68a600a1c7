import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { Cors, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { send } from '../utils/http.js';

/** Every origin under `.tenant.example` is a tenant; each call is recorded. */
const calls: string[] = [];
async function isTenant(origin: string): Promise<boolean> {
  calls.push(origin);
  await Promise.resolve();
  return origin.endsWith('.tenant.example');
}
const callsFor = (origin: string) => calls.filter((o) => o === origin).length;

/**
 * Long enough for two requests in a row to land within it on a busy machine: at 250 ms the
 * second one arrived after expiry once, under a full `npm test` with a busy core (issue 15).
 */
const SHORT_TTL = 1_500;

/** Two policies sharing one origin function, each with its own cache settings. */
@Controller()
class ResourceController {
  @Cors('short') @Get('short') short() { return { ok: true }; }
  @Cors('bounded') @Get('bounded') bounded() { return { ok: true }; }
}

@Module({
  imports: [
    CorsModule.forRoot({
      policies: {
        short: { origin: isTenant, originCache: { ttl: SHORT_TTL, max: 100 } },
        bounded: { origin: isTenant, originCache: { ttl: 60_000, max: 2 } },
      },
    }),
  ],
  controllers: [ResourceController],
})
class AppModule {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ADAPTERS)('origin cache: positive TTL, max, and per-policy settings (%s)', (_name, create) => {
  let running: RunningApp;
  /** ACAO of a GET from `origin`; the request must succeed either way. */
  const acao = async (path: string, origin: string) => {
    const res = await send(running.url, 'GET', path, { Origin: origin });
    expect(res.status).toBe(200);
    expect(res.headers.vary).toEqual(['Origin']);
    return res.headers['access-control-allow-origin'];
  };
  const stats = () => running.app.get(CorsPolicyService).getOriginCacheStats();
  /** Which entry of getOriginCacheStats() is the bounded policy's cache, found by probing it. */
  let bounded: number;
  /** allowedSize of the [short, bounded] caches. */
  const allowedSizes = () => {
    const all = stats();
    return [all[1 - bounded]!.allowedSize, all[bounded]!.allowedSize];
  };

  beforeAll(async () => {
    calls.length = 0;
    running = await startApp(create, AppModule);
    const misses = stats().map((s) => s.misses);
    // A refused origin: it touches only the refused set of the bounded policy's cache.
    expect(await acao('/bounded', 'https://probe.attacker.example')).toBeUndefined();
    bounded = stats().findIndex((s, i) => s.misses > misses[i]!);
  });
  afterAll(async () => {
    await running.close();
  });

  it('two policies sharing one function with different settings get two caches', () => {
    expect(stats()).toHaveLength(2);
    expect(bounded).toBeGreaterThanOrEqual(0);
  });

  it('an allowed answer is reused until its ttl, then the function is asked again', async () => {
    const origin = 'https://ttl.tenant.example';
    expect(await acao('/short', origin)).toEqual([origin]);
    expect(await acao('/short', origin)).toEqual([origin]);
    expect(callsFor(origin)).toBe(1);
    await sleep(SHORT_TTL + 50);
    expect(await acao('/short', origin)).toEqual([origin]);
    expect(callsFor(origin)).toBe(2);
  });

  it('past max, the oldest allowed entry is evicted and asked again; the others stay cached', async () => {
    const [one, two, three] = ['https://one.tenant.example', 'https://two.tenant.example', 'https://three.tenant.example'];
    for (const origin of [one, two, three]) expect(await acao('/bounded', origin)).toEqual([origin]);
    expect(allowedSizes()[1]).toBe(2);
    // `one` went first: asked again (and re-added, which evicts `two`).
    expect(await acao('/bounded', one)).toEqual([one]);
    expect(callsFor(one)).toBe(2);
    expect(await acao('/bounded', three)).toEqual([three]);
    expect(callsFor(three)).toBe(1);
    expect(await acao('/bounded', two)).toEqual([two]);
    expect(callsFor(two)).toBe(2);
    expect(allowedSizes()[1]).toBe(2);
  });

  it('each policy keeps its own ttl and bounds for the same function and origin', async () => {
    const origin = 'https://shared.tenant.example';
    expect(await acao('/short', origin)).toEqual([origin]);
    expect(await acao('/bounded', origin)).toEqual([origin]);
    // One answer per cache: neither policy reads the other's entry.
    expect(callsFor(origin)).toBe(2);
    await sleep(SHORT_TTL + 50);
    // Expired under the short ttl, still fresh under the bounded policy's 60 s.
    expect(await acao('/bounded', origin)).toEqual([origin]);
    expect(callsFor(origin)).toBe(2);
    expect(await acao('/short', origin)).toEqual([origin]);
    expect(callsFor(origin)).toBe(3);
    // The bounded policy's max of 2 does not bound the short policy's cache.
    const [shortBefore] = allowedSizes();
    for (const extra of ['https://x1.tenant.example', 'https://x2.tenant.example', 'https://x3.tenant.example']) await acao('/short', extra);
    expect(allowedSizes()).toEqual([shortBefore! + 3, 2]);
  });
});
