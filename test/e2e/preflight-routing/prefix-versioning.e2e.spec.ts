import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod, VersioningType } from '@nestjs/common';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from './expect-preflight.js';
import { A, B, X } from './origins.js';
import { DefaultVersionAppModule, PrefixAppModule } from './prefix-app.module.js';

/**
 * Paths as Nest registers them once main.ts has run: global prefix with exclusions (for all
 * methods, or for one), URI versions, RouterModule paths. A preflight must find the route at
 * its final path, and nowhere else.
 */
describe.each(ADAPTERS)('preflight routing with global prefix, URI versioning and RouterModule (%s)', (_name, create) => {
  let running: RunningApp;
  const pf = (path: string, origin: string, method: string, requestHeaders?: string) =>
    preflight(running.url, path, origin, method, requestHeaders);
  const servedBy = async (method: string, path: string) => {
    const res = method === 'GET' || method === 'DELETE'
      ? await send(running.url, method, path)
      : await send(running.url, method, path, { 'Content-Type': 'application/json' }, '{}');
    return res.status === 200 || res.status === 201 ? (JSON.parse(res.body) as { route: string }).route : res.status;
  };

  beforeAll(async () => {
    running = await startApp(create, PrefixAppModule, (app) => {
      app.setGlobalPrefix('api', { exclude: ['health', { path: 'status', method: RequestMethod.GET }] });
      app.enableVersioning({ type: VersioningType.URI });
    });
  });
  afterAll(async () => {
    await running.close();
  });

  describe('global prefix', () => {
    it('an unversioned route lives under /api only', async () => {
      expect(await servedBy('PUT', '/api/plain')).toBe('plain.put');
      expect(await servedBy('PUT', '/plain')).toBe(404);
      expectAllowed(await pf('/api/plain', A, 'PUT', 'content-type'), { origin: A, method: 'PUT', allowHeaders: 'content-type' });
      expectRefused(await pf('/plain', A, 'PUT', 'content-type'));
    });

    it("exclude: ['health'] (every method): /health, not /api/health, with each method's policy", async () => {
      expect(await servedBy('GET', '/health')).toBe('health.get');
      expect(await servedBy('POST', '/health')).toBe('health.post');
      expect(await servedBy('GET', '/api/health')).toBe(404);
      expectAllowed(await pf('/health', A, 'GET', 'x-probe'), { origin: A, method: 'GET', allowHeaders: 'x-probe' });
      expectAllowed(await pf('/health', B, 'POST', 'content-type'), { origin: B, method: 'POST', allowHeaders: 'content-type' });
      expectRefused(await pf('/health', A, 'POST', 'content-type'));
      expectRefused(await pf('/api/health', A, 'GET', 'x-probe'));
      expectRefused(await pf('/api/health', B, 'POST', 'content-type'));
    });

    it('exclude for GET only: GET /status, PUT /api/status', async () => {
      expect(await servedBy('GET', '/status')).toBe('status.get');
      expect(await servedBy('PUT', '/api/status')).toBe('status.put');
      expect(await servedBy('GET', '/api/status')).toBe(404);
      expect(await servedBy('PUT', '/status')).toBe(404);
      expectAllowed(await pf('/status', A, 'GET', 'x-probe'), { origin: A, method: 'GET', allowHeaders: 'x-probe' });
      expectAllowed(await pf('/api/status', B, 'PUT', 'content-type'), { origin: B, method: 'PUT', allowHeaders: 'content-type' });
      expectRefused(await pf('/api/status', A, 'GET', 'x-probe'));
      expectRefused(await pf('/status', B, 'PUT', 'content-type'));
    });
  });

  describe('URI versioning', () => {
    it('PUT /api/v1/things/:id has the v1 policy (module default A)', async () => {
      expect(await servedBy('PUT', '/api/v1/things/7')).toBe('things.v1');
      expectAllowed(await pf('/api/v1/things/7', A, 'PUT', 'content-type'), { origin: A, method: 'PUT', allowHeaders: 'content-type' });
      expectRefused(await pf('/api/v1/things/7', B, 'PUT', 'content-type'));
    });

    it('PUT /api/v2/things/:id has the v2 policy (B)', async () => {
      expect(await servedBy('PUT', '/api/v2/things/7')).toBe('things.v2');
      expectAllowed(await pf('/api/v2/things/7', B, 'PUT', 'content-type'), { origin: B, method: 'PUT', allowHeaders: 'content-type' });
      expectRefused(await pf('/api/v2/things/7', A, 'PUT', 'content-type'));
    });

    it('@Version([3, 4]) is served at v3 and v4 with its policy (X)', async () => {
      expect(await servedBy('DELETE', '/api/v3/things/7')).toBe('things.v3v4');
      expect(await servedBy('DELETE', '/api/v4/things/7')).toBe('things.v3v4');
      expectAllowed(await pf('/api/v3/things/7', X, 'DELETE'), { origin: X, method: 'DELETE' });
      expectAllowed(await pf('/api/v4/things/7', X, 'DELETE'), { origin: X, method: 'DELETE' });
      expectRefused(await pf('/api/v3/things/7', A, 'DELETE'));
      // DELETE exists at v3/v4 only, PUT at v1/v2 only.
      expectRefused(await pf('/api/v1/things/7', X, 'DELETE'));
      expectRefused(await pf('/api/v3/things/7', A, 'PUT', 'content-type'));
    });

    it('no route without a version segment, nor for an unknown version, nor without the prefix', async () => {
      expect(await servedBy('PUT', '/api/things/7')).toBe(404);
      expectRefused(await pf('/api/things/7', A, 'PUT', 'content-type'));
      expectRefused(await pf('/api/v5/things/7', A, 'PUT', 'content-type'));
      expectRefused(await pf('/v1/things/7', A, 'PUT', 'content-type'));
      expectRefused(await pf('/v2/things/7', B, 'PUT', 'content-type'));
    });
  });

  describe('RouterModule', () => {
    it('AdminModule routes live at /api/admin/users/:id, one policy per method', async () => {
      expect(await servedBy('DELETE', '/api/admin/users/7')).toBe('admin.users.remove');
      expectAllowed(await pf('/api/admin/users/7', B, 'DELETE'), { origin: B, method: 'DELETE' });
      expectRefused(await pf('/api/admin/users/7', A, 'DELETE'));
      expectAllowed(await pf('/api/admin/users/7', A, 'GET', 'x-probe'), { origin: A, method: 'GET', allowHeaders: 'x-probe' });
    });

    it('nowhere else: not without the module path, not without the prefix', async () => {
      expect(await servedBy('DELETE', '/api/users/7')).toBe(404);
      expect(await servedBy('DELETE', '/admin/users/7')).toBe(404);
      expectRefused(await pf('/api/users/7', B, 'DELETE'));
      expectRefused(await pf('/admin/users/7', B, 'DELETE'));
      expectRefused(await pf('/users/7', B, 'DELETE'));
    });
  });
});

describe.each(ADAPTERS)('preflight routing with URI versioning and a default version (%s)', (_name, create) => {
  let running: RunningApp;
  const pf = (path: string, origin: string, method: string) => preflight(running.url, path, origin, method);
  const putStatus = async (path: string) =>
    (await send(running.url, 'PUT', path, { 'Content-Type': 'application/json' }, '{}')).status;

  beforeAll(async () => {
    running = await startApp(create, DefaultVersionAppModule, (app) => {
      app.enableVersioning({ type: VersioningType.URI, defaultVersion: ['1', '9'] });
    });
  });
  afterAll(async () => {
    await running.close();
  });

  it('an unversioned controller is served at every default version, not without one', async () => {
    expect(await putStatus('/v1/plain')).toBe(200);
    expect(await putStatus('/v9/plain')).toBe(200);
    expect(await putStatus('/plain')).toBe(404);
    expectAllowed(await pf('/v1/plain', A, 'PUT'), { origin: A, method: 'PUT' });
    expectAllowed(await pf('/v9/plain', A, 'PUT'), { origin: A, method: 'PUT' });
    expectRefused(await pf('/plain', A, 'PUT'));
    expectRefused(await pf('/v2/plain', A, 'PUT'));
  });

  it('a VERSION_NEUTRAL controller has no version segment', async () => {
    expect(await putStatus('/neutral')).toBe(200);
    expect(await putStatus('/v1/neutral')).toBe(404);
    expectAllowed(await pf('/neutral', X, 'PUT'), { origin: X, method: 'PUT' });
    expectRefused(await pf('/neutral', A, 'PUT'));
    expectRefused(await pf('/v1/neutral', X, 'PUT'));
  });

  it('handler versions still win over the default version', async () => {
    expect(await putStatus('/v2/things/7')).toBe(200);
    expect(await putStatus('/v1/things/7')).toBe(200);
    expectAllowed(await pf('/v2/things/7', B, 'PUT'), { origin: B, method: 'PUT' });
    expectRefused(await pf('/v9/things/7', B, 'PUT'));
    expectRefused(await pf('/v9/things/7', A, 'PUT'));
  });
});
