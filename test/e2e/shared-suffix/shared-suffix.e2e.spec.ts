import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';

const FOO = 'https://foo.example';
const BAR = 'https://bar.example';

@Controller('r')
class ResourceController {
  @Get() get() { return { ok: true }; }
  @Put() put() { return { ok: true }; }
}

@Module({ imports: [CorsModule.forRoot({ origin: [FOO, BAR], credentials: true })], controllers: [ResourceController] })
class AppModule {}

/**
 * cors-protocol "Radix / shared-suffix bug": with `https://foo.example` and `https://bar.example`
 * configured, a matcher that shares prefixes or suffixes between entries (jub0bs/cors ≤ 0.1.2,
 * GHSA-vhxv-fg4m-p2w8; jub0bs/fcors 0.8.0, GHSA-v84h-653v-4pq9) allowed `https://barfoo.example`.
 */
describe.each(ADAPTERS)('origins that splice two configured origins together (%s)', (_name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(create, AppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it.each([FOO, BAR])('%s itself is allowed', async (origin) => {
    const res = await send(running.url, 'GET', '/r', { Origin: origin });
    expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [origin], 'access-control-allow-credentials': ['true'] });
    expectAllowed(await preflight(running.url, '/r', origin, 'PUT'), { origin, method: 'PUT', credentials: true });
  });

  it.each(['https://barfoo.example', 'https://foobar.example', 'https://foo.examplebar.example', 'https://bar.foo.example'])(
    '%s gets no ACAO on an actual request and a refused preflight',
    async (origin) => {
      const res = await send(running.url, 'GET', '/r', { Origin: origin });
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
      expectRefused(await preflight(running.url, '/r', origin, 'PUT'));
    },
  );
});
