import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Header, Module, Put } from '@nestjs/common';
import { Cors, CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { expectAllowed } from '../preflight-routing/expect-preflight.js';

const APP = 'https://app.example.com';

@Controller('downloads')
class DownloadsController {
  @Put(':id')
  @Header('X-Request-Id', 'r-1')
  @Header('Content-Disposition', 'attachment; filename="a.txt"')
  replace() {
    return { ok: true };
  }

  /** `'*'` exposes every header, which is allowed without credentials. */
  @Get(':id')
  @Cors({ exposedHeaders: '*', credentials: false })
  get() {
    return { ok: true };
  }
}

@Module({
  imports: [CorsModule.forRoot({ origin: [APP], credentials: true, exposedHeaders: ['X-Request-Id', 'Content-Disposition'], maxAge: 30 })],
  controllers: [DownloadsController],
})
class AppModule {}

/** cors-protocol M14: Access-Control-Expose-Headers goes only on non-preflight responses. */
describe.each(ADAPTERS)('exposedHeaders: actual responses only (%s)', (_name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(create, AppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it('the preflight to a route with exposedHeaders carries no Access-Control-Expose-Headers', async () => {
    expectAllowed(await preflight(running.url, '/downloads/1', APP, 'PUT', 'content-type'), {
      origin: APP,
      method: 'PUT',
      allowHeaders: 'content-type',
      credentials: true,
      maxAge: 30,
    });
  });

  it('the actual response to that route does', async () => {
    const res = await send(running.url, 'PUT', '/downloads/1', { Origin: APP, 'Content-Type': 'application/json' }, '{}');
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-expose-headers': ['X-Request-Id, Content-Disposition'],
    });
    expect(res.headers['x-request-id']).toEqual(['r-1']);
    expect(res.headers.vary).toEqual(['Origin']);
  });

  it("likewise with exposedHeaders: '*': none on the preflight, '*' on the actual response", async () => {
    // A preflighted GET (e.g. one with a custom request header).
    expectAllowed(await preflight(running.url, '/downloads/1', APP, 'GET', 'x-trace'), {
      origin: APP,
      method: 'GET',
      allowHeaders: 'x-trace',
      maxAge: 30,
    });
    const res = await send(running.url, 'GET', '/downloads/1', { Origin: APP, 'X-Trace': '1' });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [APP], 'access-control-expose-headers': ['*'] });
  });
});
