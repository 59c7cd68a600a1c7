import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';
import { PREFLIGHT_VARY } from '../preflight-routing/expect-preflight.js';
import { APP, EVIL, PrivateNetworkAppModule } from './app.module.js';

/** A preflight that asked for private network access also varies on that request header. */
const PNA_VARY = `${PREFLIGHT_VARY}, Access-Control-Request-Private-Network`;

/**
 * cors-protocol N13: `Access-Control-Allow-Private-Network: true` only when the policy enables
 * it, the preflight carried `Access-Control-Request-Private-Network: true`, and the preflight
 * otherwise succeeded.
 */
describe.each(ADAPTERS)('Private Network Access preflights (%s)', (_name, create) => {
  let running: RunningApp;
  const pf = (path: string, origin: string, method: string, extra: Array<[string, string]> = []) =>
    send(running.url, 'OPTIONS', path, [['Origin', origin], ['Access-Control-Request-Method', method], ...extra]);
  const pna: Array<[string, string]> = [['Access-Control-Request-Private-Network', 'true']];
  const summary = (res: Awaited<ReturnType<typeof pf>>) => ({
    status: res.status,
    cors: corsHeaders(res),
    vary: res.headers.vary,
    body: res.body,
  });

  beforeAll(async () => {
    running = await startApp(create, PrivateNetworkAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  it('asked for and allowed: Access-Control-Allow-Private-Network: true beside the usual answer', async () => {
    expect(summary(await pf('/devices', APP, 'PUT', [...pna, ['Access-Control-Request-Headers', 'content-type']]))).toEqual({
      status: 204,
      cors: {
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['PUT'],
        'access-control-allow-headers': ['content-type'],
        'access-control-max-age': ['60'],
        'access-control-allow-private-network': ['true'],
      },
      vary: [PNA_VARY],
      body: '',
    });
  });

  it('also for a preflighted safelisted GET, as in the PNA spec', async () => {
    expect(summary(await pf('/devices', APP, 'GET', pna))).toEqual({
      status: 204,
      cors: {
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['GET'],
        'access-control-allow-private-network': ['true'],
      },
      vary: [PNA_VARY],
      body: '',
    });
  });

  it('allowed but not asked for: no Access-Control-Allow-Private-Network', async () => {
    expect(summary(await pf('/devices', APP, 'PUT'))).toEqual({
      status: 204,
      cors: {
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['PUT'],
        'access-control-max-age': ['60'],
      },
      vary: [PREFLIGHT_VARY],
      body: '',
    });
  });

  it('a request header value other than "true" is not a request for private network access', async () => {
    const res = await pf('/devices', APP, 'PUT', [['Access-Control-Request-Private-Network', 'false']]);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-private-network']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toEqual([APP]);
  });

  it('asked for on a route that does not allow it: the preflight succeeds without it (the browser then blocks)', async () => {
    expect(summary(await pf('/public', APP, 'PUT', pna))).toEqual({
      status: 204,
      cors: {
        'access-control-allow-origin': [APP],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['PUT'],
      },
      vary: [PNA_VARY],
      body: '',
    });
  });

  it.each([
    ['a refused origin', '/devices', EVIL, 'PUT', []],
    ['a header outside allowedHeaders', '/devices', APP, 'PUT', [['Access-Control-Request-Headers', 'x-device-token']]],
    ['a method no route serves', '/devices', APP, 'DELETE', []],
    ['a path no route serves', '/nowhere', APP, 'PUT', []],
  ] as Array<[string, string, string, string, Array<[string, string]>]>)(
    'refused for %s: 403 and no Access-Control-* header at all, Allow-Private-Network included',
    async (_why, path, origin, method, extra) => {
      expect(summary(await pf(path, origin, method, [...pna, ...extra]))).toEqual({
        status: 403,
        cors: {},
        vary: [PREFLIGHT_VARY],
        body: '',
      });
    },
  );

  it('actual requests never carry Access-Control-Allow-Private-Network', async () => {
    const res = await send(running.url, 'PUT', '/devices', { Origin: APP, 'Access-Control-Request-Private-Network': 'true' }, '');
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [APP], 'access-control-allow-credentials': ['true'] });
    expect(res.headers.vary).toEqual(['Origin']);
  });
});
