import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';

const TIMEOUT = 100;
const LOOKUP_MS = 250;

/** A lookup slower than originCheckTimeout that does answer (true) in the end. */
const calls: string[] = [];
let settled = 0;
async function slowLookup(origin: string): Promise<boolean> {
  calls.push(origin);
  await new Promise((resolve) => setTimeout(resolve, LOOKUP_MS));
  settled++;
  return origin.endsWith('.tenant.example');
}
const callsFor = (origin: string) => calls.filter((o) => o === origin).length;

@Cors('tenants')
@Controller('r')
class ResourceController {
  @Get() get() { return { ok: true }; }
}

@Module({
  imports: [
    CorsModule.forRoot({
      originCheckTimeout: TIMEOUT,
      policies: { tenants: { origin: slowLookup, originCache: { ttl: 60_000 } } },
    }),
  ],
  controllers: [ResourceController],
})
class AppModule {}

/** Polls until `check` holds, at most `timeoutMs`. */
async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * `originCheckTimeout` with `originCache`: the call that outlives the timeout refuses the request
 * that waited for it (and is logged); its answer, when it arrives, is still cached, so the next
 * request is answered from the cache without calling the function again.
 */
describe.each(ADAPTERS)('origin cache with a timeout (%s)', (_name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    calls.length = 0;
    running = await startApp(create, AppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it('actual request: refused while the call is late, allowed from the cache once the late answer came', async () => {
    const origin = 'https://late.tenant.example';
    const before = settled;
    const first = await send(running.url, 'GET', '/r', { Origin: origin });
    expect(first.status).toBe(200);
    expect(corsHeaders(first)).toEqual({});
    expect(first.headers.vary).toEqual(['Origin']);
    expect(running.logger.cors('warn')).toContain(
      `Origin function of GET /r (ResourceController.get) did not answer within ${TIMEOUT} ms; origin "${origin}" refused`,
    );

    await waitFor(() => settled > before);
    const second = await send(running.url, 'GET', '/r', { Origin: origin });
    expect(second.status).toBe(200);
    expect(corsHeaders(second)).toEqual({ 'access-control-allow-origin': [origin] });
    expect(callsFor(origin)).toBe(1);
  });

  it('preflight: 403 while the call is late, allowed from the cache once the late answer came', async () => {
    const origin = 'https://late-preflight.tenant.example';
    const before = settled;
    expectRefused(await preflight(running.url, '/r', origin, 'GET'));
    await waitFor(() => settled > before);
    expectAllowed(await preflight(running.url, '/r', origin, 'GET'), { origin, method: 'GET' });
    expect(callsFor(origin)).toBe(1);
  });
});
