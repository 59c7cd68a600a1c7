import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';
import { APP, CorsSettings, PARTNER, UseExistingAppModule } from './app.module.js';

const EVIL = 'https://evil.example.net';

/** `CorsModule.forRootAsync({ imports, useExisting })` with a factory provided by an imported module. */
describe.each(ADAPTERS)('CorsModule.forRootAsync({ useExisting }) (%s)', (_name, create) => {
  let running: RunningApp;
  let instancesBefore: number;

  beforeAll(async () => {
    instancesBefore = CorsSettings.instances;
    running = await startApp(create, UseExistingAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it("uses the imported module's own instance of the factory, called once", () => {
    expect(CorsSettings.instances - instancesBefore).toBe(1);
    expect(running.app.get(CorsSettings).calls).toBe(1);
  });

  it('the module defaults it returned apply to actual requests', async () => {
    const allowed = await send(running.url, 'GET', '/orders', { Origin: APP });
    expect(allowed.status).toBe(200);
    expect(corsHeaders(allowed)).toEqual({ 'access-control-allow-origin': [APP], 'access-control-allow-credentials': ['true'] });
    expect(allowed.headers.vary).toEqual(['Origin']);
    const refused = await send(running.url, 'GET', '/orders', { Origin: EVIL });
    expect(refused.status).toBe(200);
    expect(corsHeaders(refused)).toEqual({});
    expect(refused.headers.vary).toEqual(['Origin']);
  });

  it('the named policy it returned, whose origin function uses an injected service, judges preflights', async () => {
    expectAllowed(await preflight(running.url, '/orders/1', PARTNER, 'PUT', 'content-type'), {
      origin: PARTNER,
      method: 'PUT',
      allowHeaders: 'content-type',
      credentials: true,
      maxAge: 120,
    });
    expectRefused(await preflight(running.url, '/orders/1', APP, 'PUT'));
  });
});
