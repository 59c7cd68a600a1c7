import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VersioningType } from '@nestjs/common';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from './expect-preflight.js';
import { HeaderVersioningAppModule } from './header-versioning-app.module.js';
import { A, B } from './origins.js';

/**
 * With VersioningType.HEADER, PUT /docs/:id is two routes that only the X-Api-Version header
 * tells apart. A preflight lists that header's name in Access-Control-Request-Headers, never
 * its value, so it must be allowed by every candidate, and is granted only what all grant.
 */
describe.each(ADAPTERS)('preflights to routes a preflight cannot tell apart (header versioning, %s)', (_name, create) => {
  let running: RunningApp;
  const pf = (origin: string, method: string, requestHeaders?: string) => preflight(running.url, '/docs/5', origin, method, requestHeaders);
  const actual = (method: string, origin: string, version: string) =>
    send(running.url, method, '/docs/5', { Origin: origin, 'X-Api-Version': version, 'Content-Type': 'application/json' }, '{}');

  beforeAll(async () => {
    running = await startApp(create, HeaderVersioningAppModule, (app) => {
      app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Api-Version' });
    });
  });
  afterAll(async () => {
    await running.close();
  });

  it('the two versions are distinct routes with distinct policies for actual requests', async () => {
    const v1 = await actual('PUT', B, '1');
    expect(v1.status).toBe(200);
    expect(JSON.parse(v1.body)).toEqual({ route: 'docs.put.v1' });
    expect(corsHeaders(v1)).toEqual({ 'access-control-allow-origin': [B], 'access-control-allow-credentials': ['true'] });
    const v2 = await actual('PUT', B, '2');
    expect(v2.status).toBe(200);
    expect(JSON.parse(v2.body)).toEqual({ route: 'docs.put.v2' });
    expect(corsHeaders(v2)).toEqual({});
  });

  it('an origin allowed by v1 but not v2 is refused', async () => {
    expectRefused(await pf(B, 'PUT', 'x-api-version, content-type'));
  });

  it('an origin both allow is allowed, with only what both grant: no credentials (v2 has none), the shorter max-age', async () => {
    expectAllowed(await pf(A, 'PUT', 'x-api-version, content-type'), {
      origin: A,
      method: 'PUT',
      allowHeaders: 'x-api-version, content-type',
      maxAge: 60,
    });
  });

  it('one candidate with @Cors(false) refuses the preflight for all', async () => {
    expect((await actual('DELETE', A, '1')).headers['access-control-allow-origin']).toEqual([A]);
    expectRefused(await pf(A, 'DELETE', 'x-api-version'));
  });

  it("headers are checked against every candidate's allowedHeaders", async () => {
    expectAllowed(await pf(A, 'PATCH', 'x-api-version, content-type'), {
      origin: A,
      method: 'PATCH',
      allowHeaders: 'x-api-version, content-type',
    });
    expectRefused(await pf(A, 'PATCH', 'x-api-version, x-extra'));
  });

  it('a method with one version only is judged by that route alone', async () => {
    expectAllowed(await pf(B, 'GET', 'x-api-version'), { origin: B, method: 'GET', allowHeaders: 'x-api-version' });
    expectRefused(await pf(A, 'GET', 'x-api-version'));
  });
});
