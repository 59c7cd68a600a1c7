import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { RawResponse, corsHeaders } from '../utils/http.js';
import { expectAllowed, expectRefused } from './expect-preflight.js';
import { HostControllersAppModule } from './host-controllers-app.module.js';
import { A, B } from './origins.js';

const [[, createExpress]] = ADAPTERS;

/** Sends one request to the app with this Host header (the app listens on 127.0.0.1 whatever the name). */
function sendToHost(baseUrl: string, host: string, method: string, headers: Array<[string, string]>, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const lines = ['Host', host, ...headers.flat()];
  if (body !== undefined) lines.push('Content-Length', String(Buffer.byteLength(body)));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path: '/settings', headers: lines, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const grouped: Record<string, string[]> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) (grouped[res.rawHeaders[i]!.toLowerCase()] ??= []).push(res.rawHeaders[i + 1]!);
        resolve({ status: res.statusCode ?? 0, headers: grouped, body: Buffer.concat(chunks).toString('utf8'), header: (name) => grouped[name.toLowerCase()]?.[0] });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * `@Controller({ host })`, on Express only: Fastify refuses two host-bound controllers on one
 * path and method at startup (`FST_ERR_DUPLICATED_ROUTE: Method 'PUT' already declared for
 * route '/settings'`, checked with this module), so the scenario cannot exist there.
 *
 * Nest checks the host inside the route handler, after the preflight hook has answered. The
 * preflight is judged as for routes a preflight cannot tell apart: allowed only if every
 * host's route allows it, with only what all of them grant, whatever Host it was sent to.
 */
describe('preflights to host-bound controllers on one path (express only)', () => {
  let running: RunningApp;
  const pf = (host: string, origin: string, method: string, requestHeaders?: string) =>
    sendToHost(running.url, host, 'OPTIONS', [
      ['Origin', origin],
      ['Access-Control-Request-Method', method],
      ...(requestHeaders === undefined ? [] : ([['Access-Control-Request-Headers', requestHeaders]] as Array<[string, string]>)),
    ]);
  const actual = (host: string, origin: string) =>
    sendToHost(running.url, host, 'PUT', [['Origin', origin], ['Content-Type', 'application/json']], '{}');

  beforeAll(async () => {
    running = await startApp(createExpress, HostControllersAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it('the two hosts are distinct routes with distinct policies for actual requests', async () => {
    const eu = await actual('eu.api.test', B);
    expect(eu.status).toBe(200);
    expect(JSON.parse(eu.body)).toEqual({ route: 'settings.put.eu' });
    expect(corsHeaders(eu)).toEqual({ 'access-control-allow-origin': [B], 'access-control-allow-credentials': ['true'] });
    expect(eu.headers.vary).toEqual(['Origin']);
    const us = await actual('us.api.test', B);
    expect(us.status).toBe(200);
    expect(JSON.parse(us.body)).toEqual({ route: 'settings.put.us' });
    expect(corsHeaders(us)).toEqual({});
    expect(us.headers.vary).toEqual(['Origin']);
  });

  it('getRoutes(): requests cannot tell the two routes apart, so their headers come from the guards step', () => {
    const routes = running.app.get(CorsPolicyService).getRoutes();
    expect(routes.map((r) => (r.kind === 'route' ? [r.controller, r.headersFrom] : [r.kind]))).toEqual([
      ['EuSettingsController', 'guards'],
      ['UsSettingsController', 'guards'],
    ]);
  });

  it('an origin only one host allows is refused, even on the host that allows it', async () => {
    expectRefused(await pf('eu.api.test', B, 'PUT'));
    expectRefused(await pf('us.api.test', B, 'PUT'));
  });

  it('an origin both allow is allowed, with only what both grant: no credentials, the shorter max-age', async () => {
    for (const host of ['eu.api.test', 'us.api.test']) {
      expectAllowed(await pf(host, A, 'PUT', 'content-type'), { origin: A, method: 'PUT', allowHeaders: 'content-type', maxAge: 60 });
    }
  });
});
