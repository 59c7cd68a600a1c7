import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { withEtags } from '../utils/etags.js';
import { corsHeaders, RawResponse, send } from '../utils/http.js';
import { APP_ORIGIN, AppModule, LAST_MODIFIED, MANUAL_ETAG, trustedOrigins } from './app.module.js';

const OTHER_ORIGIN = 'https://other.example';
const PARTNER_ORIGIN = 'https://partner.example';

/**
 * A browser that stored a response keeps reusing it after a 304 and only updates its headers
 * from the 304 (RFC 9111 §4.3.4): a refused origin must therefore never get a 304 for a
 * representation it stored while it was allowed, or it keeps the old
 * `Access-Control-Allow-Origin`. The library drops `If-None-Match` and `If-Modified-Since`
 * from a cross-origin request it refuses, so the app answers in full, without permission.
 * Allowed origins and requests without `Origin` keep conditional caching.
 */
/** A middleware that answers conditional requests itself, before any route handler. */
const MIDDLEWARE_ETAG = '"from-middleware"';

describe.each(ADAPTERS)('conditional requests (%s)', (name, create) => {
  let running: RunningApp;
  let cors: CorsPolicyService;
  const get = (path: string, headers: Record<string, string>) => send(running.url, 'GET', path, headers);

  /** A first, unconditional GET: 200 with the validator the app sends. */
  async function stored(path: string, origin?: string): Promise<RawResponse> {
    const first = await get(path, origin === undefined ? {} : { Origin: origin });
    expect(first.status).toBe(200);
    expect(first.header('etag')).toEqual(expect.any(String));
    return first;
  }

  /** A full answer that grants nothing: what a refused origin must get, with its body. */
  function expectFullRefusal(response: RawResponse, body: unknown): void {
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual(body);
    expect(corsHeaders(response)).toEqual({});
    expect(response.headers.vary).toEqual(['Origin']);
  }

  beforeAll(async () => {
    running = await startApp(create, AppModule, async (app) => {
      await withEtags(app);
      app.use((req: { url?: string; headers: Record<string, unknown> }, res: { statusCode: number; end(): void }, next: () => void) => {
        if (req.url === '/conditional/static?via=middleware' && req.headers['if-none-match'] === MIDDLEWARE_ETAG) {
          res.statusCode = 304;
          res.end();
          return;
        }
        next();
      });
    });
    cors = running.app.get(CorsPolicyService);
  });
  afterAll(async () => {
    await running.close();
  });

  it('an allowed origin keeps conditional caching: 304 with Access-Control-Allow-Origin', async () => {
    const etag = (await stored('/conditional/static', APP_ORIGIN)).header('etag')!;
    const again = await get('/conditional/static', { Origin: APP_ORIGIN, 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(corsHeaders(again)).toEqual({ 'access-control-allow-origin': [APP_ORIGIN] });
    expect(again.headers.vary).toEqual(['Origin']);
  });

  it('without Origin, conditional caching is untouched (Vary: Origin keeps that copy apart)', async () => {
    const etag = (await stored('/conditional/static')).header('etag')!;
    const again = await get('/conditional/static', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(corsHeaders(again)).toEqual({});
  });

  it('a refused static origin gets the full 200 without permission, not a 304', async () => {
    const etag = (await stored('/conditional/static', APP_ORIGIN)).header('etag')!;
    expectFullRefusal(await get('/conditional/static', { Origin: OTHER_ORIGIN, 'If-None-Match': etag }), { data: 'static' });
    expectFullRefusal(await get('/conditional/static', { Origin: OTHER_ORIGIN, 'If-Modified-Since': LAST_MODIFIED }), { data: 'static' });
  });

  it('a revoked runtime origin: the next conditional request gets 200 without Access-Control-Allow-Origin', async () => {
    await cors.allowOrigin(PARTNER_ORIGIN, 'runtime');
    const first = await stored('/conditional/runtime', PARTNER_ORIGIN);
    expect(first.headers['access-control-allow-origin']).toEqual([PARTNER_ORIGIN]);
    const allowedAgain = await get('/conditional/runtime', { Origin: PARTNER_ORIGIN, 'If-None-Match': first.header('etag')! });
    expect([allowedAgain.status, allowedAgain.headers['access-control-allow-origin']]).toEqual([304, [PARTNER_ORIGIN]]);

    expect(await cors.revokeOrigin(PARTNER_ORIGIN, 'runtime')).toBe(true);
    expectFullRefusal(await get('/conditional/runtime', { Origin: PARTNER_ORIGIN, 'If-None-Match': first.header('etag')! }), { data: 'runtime' });
  });

  it.each(['function', 'async-function'])('an origin the %s refused after allowing it gets the full 200', async (route) => {
    trustedOrigins.add(PARTNER_ORIGIN);
    const first = await stored(`/conditional/${route}`, PARTNER_ORIGIN);
    expect(first.headers['access-control-allow-origin']).toEqual([PARTNER_ORIGIN]);
    trustedOrigins.delete(PARTNER_ORIGIN);
    expectFullRefusal(await get(`/conditional/${route}`, { Origin: PARTNER_ORIGIN, 'If-None-Match': first.header('etag')! }), { data: route });
  });

  describe('a handler that answers conditional requests itself', () => {
    it.each([
      ['If-None-Match', MANUAL_ETAG],
      ['If-Modified-Since', LAST_MODIFIED],
    ])('%s: 304 for the allowed origin and without Origin, the full 200 for a refused origin', async (name, value) => {
      const allowed = await get('/conditional/manual', { Origin: APP_ORIGIN, [name]: value });
      expect([allowed.status, corsHeaders(allowed)]).toEqual([304, { 'access-control-allow-origin': [APP_ORIGIN] }]);
      expect((await get('/conditional/manual', { [name]: value })).status).toBe(304);
      expectFullRefusal(await get('/conditional/manual', { Origin: OTHER_ORIGIN, [name]: value }), { data: 'manual' });
    });
  });

  it('only If-None-Match and If-Modified-Since are dropped, and only for a refused origin', async () => {
    const conditions = {
      'If-None-Match': '"a"',
      'If-Modified-Since': LAST_MODIFIED,
      'If-Match': '"b"',
      'If-Unmodified-Since': LAST_MODIFIED,
      'If-Range': '"c"',
    };
    const refused = await get('/conditional/echo', { Origin: OTHER_ORIGIN, ...conditions });
    expect(JSON.parse(refused.body)).toEqual({
      'if-match': '"b"',
      'if-unmodified-since': LAST_MODIFIED,
      'if-range': '"c"',
    });
    const allowed = await get('/conditional/echo', { Origin: APP_ORIGIN, ...conditions });
    expect(Object.keys(JSON.parse(allowed.body)).sort()).toEqual(
      ['if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since'],
    );
  });

  // Express only: its preflight hook runs before the app's middleware and drops the validators
  // when the static rule refuses. On Fastify the route hook runs after middleware (middie), so
  // a middleware that answers 304 itself is outside what the library can stop there.
  if (name === 'express') {
    it('Express: a middleware that answers 304 before the guard does not get the validators of a refused origin', async () => {
      const ifNoneMatch = { 'If-None-Match': MIDDLEWARE_ETAG };
      const allowed = await get('/conditional/static?via=middleware', { Origin: APP_ORIGIN, ...ifNoneMatch });
      expect([allowed.status, corsHeaders(allowed)]).toEqual([304, { 'access-control-allow-origin': [APP_ORIGIN] }]);
      expectFullRefusal(await get('/conditional/static?via=middleware', { Origin: OTHER_ORIGIN, ...ifNoneMatch }), { data: 'static' });
    });
  }
});
