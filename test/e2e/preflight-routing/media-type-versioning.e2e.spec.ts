import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VersioningType } from '@nestjs/common';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { PREFLIGHT_VARY, expectAllowed, expectRefused } from './expect-preflight.js';
import { MediaTypeVersioningAppModule } from './media-type-versioning-app.module.js';
import { A, B } from './origins.js';

/**
 * With VersioningType.MEDIA_TYPE, PUT /reports/:id is two routes told apart only by
 * `Accept: application/json;v=N`. A preflight never carries the value of `Accept`, so it is
 * allowed only if every candidate allows it, and granted only what all of them grant.
 */
describe.each(ADAPTERS)('preflights to routes a preflight cannot tell apart (media-type versioning, %s)', (_name, create) => {
  let running: RunningApp;
  const pf = (origin: string, method: string, requestHeaders?: string) => preflight(running.url, '/reports/5', origin, method, requestHeaders);
  const actual = (method: string, origin: string, version: string) =>
    send(running.url, method, '/reports/5', { Origin: origin, Accept: `application/json;v=${version}`, 'Content-Type': 'application/json' }, '{}');

  beforeAll(async () => {
    running = await startApp(create, MediaTypeVersioningAppModule, (app) => {
      app.enableVersioning({ type: VersioningType.MEDIA_TYPE, key: 'v=' });
    });
  });
  afterAll(async () => {
    await running.close();
  });

  it('the two versions are distinct routes with distinct policies for actual requests', async () => {
    const v1 = await actual('PUT', B, '1');
    expect(v1.status).toBe(200);
    expect(JSON.parse(v1.body)).toEqual({ route: 'reports.put.v1' });
    expect(corsHeaders(v1)).toEqual({ 'access-control-allow-origin': [B], 'access-control-allow-credentials': ['true'] });
    expect(v1.headers.vary).toEqual(['Origin']);
    const v2 = await actual('PUT', B, '2');
    expect(v2.status).toBe(200);
    expect(JSON.parse(v2.body)).toEqual({ route: 'reports.put.v2' });
    expect(corsHeaders(v2)).toEqual({});
    expect(v2.headers.vary).toEqual(['Origin']);
  });

  it('an origin allowed by v1 but not v2 is refused', async () => {
    expectRefused(await pf(B, 'PUT'));
  });

  it('an origin both allow is allowed, with only what both grant: no credentials (v2 has none), the shorter max-age', async () => {
    expectAllowed(await pf(A, 'PUT', 'content-type'), { origin: A, method: 'PUT', allowHeaders: 'content-type', maxAge: 60 });
  });

  it('private network access only if every candidate allows it (v1 does, v2 does not)', async () => {
    const res = await send(running.url, 'OPTIONS', '/reports/5', [
      ['Origin', A],
      ['Access-Control-Request-Method', 'PUT'],
      ['Access-Control-Request-Private-Network', 'true'],
    ]);
    expect({ status: res.status, cors: corsHeaders(res), vary: res.headers.vary }).toEqual({
      status: 204,
      cors: { 'access-control-allow-origin': [A], 'access-control-allow-methods': ['PUT'], 'access-control-max-age': ['60'] },
      vary: [`${PREFLIGHT_VARY}, Access-Control-Request-Private-Network`],
    });
  });

  it('one candidate with @Cors(false) refuses the preflight for all', async () => {
    expect((await actual('DELETE', A, '1')).headers['access-control-allow-origin']).toEqual([A]);
    expect(corsHeaders(await actual('DELETE', A, '2'))).toEqual({});
    expectRefused(await pf(A, 'DELETE'));
  });

  it('a method with one version only is judged by that route alone', async () => {
    expectAllowed(await pf(B, 'GET'), { origin: B, method: 'GET' });
    expectRefused(await pf(A, 'GET'));
  });
});
