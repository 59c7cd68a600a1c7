import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CorsModule, CorsDecisionEvent } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { send } from '../utils/http.js';
import { ADMIN, APP, CONTROLLERS, EVIL, EventLog, PARTNER, corsHeaders, mountEndpoints, observedOptions, seen } from './observed-app.js';

const ITEMS = { kind: 'route', label: 'GET /items (ItemsController.list)', route: '/items' } as const;
const REMOVE = { kind: 'route', label: 'DELETE /items/:id (ItemsController.remove)', route: '/items/:id' } as const;
const FEED = { kind: 'route', label: 'GET /partners/feed (PartnersController.feed)', route: '/partners/feed' } as const;
const HEALTH = { kind: 'route', label: 'GET /health (HealthController.ok)', route: '/health' } as const;
const HOOKS = { kind: 'path', label: "paths['/hooks/*']", route: '/hooks/*' } as const;
const OFF = { kind: 'path', label: "paths['/off']", route: '/off' } as const;

/**
 * One decision event per request, from the decision core, on both adapters: every kind of
 * request and endpoint, with the policy, reason and words the debug log has; requests that no
 * endpoint with CORS serves are reported too (and still get no CORS header; `readableNotFound`
 * off, so that Nest's 404 is one of them: report-only.e2e.spec.ts has it on).
 */
describe.each(ADAPTERS)('decision events over HTTP (%s)', (_name, adapter) => {
  let running: RunningApp;
  const log = new EventLog();

  beforeAll(async () => {
    running = await startApp(adapter, { imports: [CorsModule.forRoot(observedOptions({ onDecision: log.listener, readableNotFound: false }))], controllers: CONTROLLERS }, mountEndpoints);
  });
  afterAll(() => running.close());
  beforeEach(() => void log.take());

  it('a preflight: allowed, and refused with the reason and the inline policy that refused', async () => {
    const allowed = await request(running.url).options('/items/1').set('Origin', APP).set('Access-Control-Request-Method', 'PUT').set('Access-Control-Request-Headers', 'content-type');
    expect(allowed.status).toBe(204);
    const refused = await request(running.url).options('/items/1').set('Origin', APP).set('Access-Control-Request-Method', 'DELETE');
    expect(refused.status).toBe(403);
    expect(log.take()).toEqual([
      seen({ kind: 'preflight', origin: APP, endpoint: { kind: 'route', label: 'PUT /items/:id (ItemsController.put)', route: '/items/:id' }, policy: 'module', verdict: 'allowed', reason: 'allowed' }),
      seen({
        kind: 'preflight',
        origin: APP,
        endpoint: REMOVE,
        policy: 'inline',
        verdict: 'refused',
        reason: 'origin-not-allowed',
        detail: 'origin not allowed by @Cors() on ItemsController.remove',
      }),
    ]);
  });

  it('a preflight asking a header the policy does not list, and a malformed one (reported before any endpoint is found)', async () => {
    await request(running.url).options('/items/1').set('Origin', APP).set('Access-Control-Request-Method', 'PUT').set('Access-Control-Request-Headers', 'x-debug').expect(403);
    await send(running.url, 'OPTIONS', '/items/1', { Origin: APP, 'Access-Control-Request-Method': 'P(T' });
    expect(log.take()).toEqual([
      seen({
        kind: 'preflight',
        origin: APP,
        endpoint: { kind: 'route', label: 'PUT /items/:id (ItemsController.put)', route: '/items/:id' },
        policy: 'module',
        verdict: 'refused',
        reason: 'header-not-allowed',
        detail: 'header "x-debug" is not in allowedHeaders [content-type]',
      }),
      seen({ kind: 'preflight', origin: APP, endpoint: { kind: 'none', label: 'P(T /items/1', route: undefined }, policy: 'none', verdict: 'refused', reason: 'malformed-request-method', detail: 'malformed Access-Control-Request-Method' }),
    ]);
  });

  it('actual requests: allowed, refused by a named policy, allowed with credentials, and without Origin', async () => {
    expect(corsHeaders((await request(running.url).get('/items').set('Origin', APP)).headers)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'x-request-id',
      vary: 'Origin',
    });
    expect(corsHeaders((await request(running.url).get('/partners/feed').set('Origin', APP)).headers)).toEqual({ vary: 'Origin' });
    await request(running.url).get('/partners/feed').set('Origin', PARTNER).expect(200);
    await request(running.url).get('/items').expect(200);
    expect(log.take()).toEqual([
      seen({ kind: 'actual', origin: APP, endpoint: ITEMS, policy: 'module', verdict: 'allowed', reason: 'allowed' }),
      seen({ kind: 'actual', origin: APP, endpoint: FEED, policy: 'policy:partners', verdict: 'refused', reason: 'origin-not-allowed', detail: 'origin not allowed by policy "partners"' }),
      seen({ kind: 'actual', origin: PARTNER, endpoint: FEED, policy: 'policy:partners', verdict: 'allowed', reason: 'allowed', credentials: true }),
      seen({ kind: 'actual', endpoint: ITEMS, policy: 'module', verdict: 'allowed', reason: 'no-origin' }),
    ]);
  });

  it('requests with Origin that no endpoint with CORS serves are reported, and still get no CORS header', async () => {
    const health = await request(running.url).get('/health').set('Origin', APP);
    expect(health.status).toBe(200);
    expect(corsHeaders(health.headers)).toEqual({});
    const nowhere = await request(running.url).get('/nowhere').set('Origin', APP);
    expect(nowhere.status).toBe(404);
    expect(corsHeaders(nowhere.headers)).toEqual({});
    const off = await request(running.url).get('/off').set('Origin', APP);
    expect(off.text).toBe('off');
    expect(corsHeaders(off.headers)).toEqual({});
    // Without Origin they are not CORS requests: nothing to report.
    await request(running.url).get('/health').expect(200);
    expect(log.take()).toEqual([
      seen({ kind: 'actual', origin: APP, endpoint: HEALTH, policy: 'none', verdict: 'refused', reason: 'cors-disabled', detail: 'CORS is disabled on this route' }),
      seen({ kind: 'actual', origin: APP, endpoint: { kind: 'none', label: 'GET /nowhere', route: undefined }, policy: 'none', verdict: 'refused', reason: 'no-route', detail: 'no route serves GET /nowhere (an endpoint outside controllers, such as GraphQL or static files, needs a `paths` entry)' }),
      seen({ kind: 'actual', origin: APP, endpoint: OFF, policy: 'none', verdict: 'refused', reason: 'cors-disabled', detail: 'CORS is disabled on this route' }),
    ]);
  });

  it('a paths entry: its preflight and actual request, with the pattern as the route', async () => {
    await request(running.url).options('/hooks/push').set('Origin', PARTNER).set('Access-Control-Request-Method', 'POST').expect(204);
    const res = await request(running.url).post('/hooks/push').set('Origin', EVIL);
    expect(res.text).toBe('hooked');
    expect(log.take()).toEqual([
      seen({ kind: 'preflight', origin: PARTNER, endpoint: HOOKS, policy: 'policy:partners', verdict: 'allowed', reason: 'allowed', credentials: true }),
      seen({ kind: 'actual', origin: EVIL, endpoint: HOOKS, policy: 'policy:partners', verdict: 'refused', reason: 'origin-not-allowed', detail: 'origin not allowed by policy "partners"' }),
    ]);
  });

  it('events are frozen, carry the request the origin function would get, and the time', async () => {
    const before = Date.now();
    await request(running.url).get('/items?x=1').set('Origin', ADMIN);
    const [event] = log.events.splice(0) as [CorsDecisionEvent];
    expect(Object.isFrozen(event)).toBe(true);
    expect(event.time).toBeGreaterThanOrEqual(before);
    expect(event.time).toBeLessThanOrEqual(Date.now());
    expect((event.request as { url: string }).url).toBe('/items?x=1');
  });
});

/** A listener that fails never changes an answer and is logged once, whether it throws or rejects. */
describe.each(ADAPTERS)('a failing onDecision listener (%s)', (_name, adapter) => {
  it.each<[string, () => void | Promise<void>]>([
    [
      'throws',
      () => {
        throw new Error('listener down');
      },
    ],
    ['rejects', () => Promise.reject(new Error('listener down'))],
  ])('%s: every request answered as without it, one error logged', async (_how, listener) => {
    const running = await startApp(adapter, { imports: [CorsModule.forRoot(observedOptions({ onDecision: listener }))], controllers: CONTROLLERS }, mountEndpoints);
    try {
      for (let i = 0; i < 3; i++) {
        const preflight = await request(running.url).options('/items/1').set('Origin', APP).set('Access-Control-Request-Method', 'PUT');
        expect(preflight.status).toBe(204);
        expect(preflight.headers['access-control-allow-origin']).toBe(APP);
        const actual = await request(running.url).get('/items').set('Origin', APP);
        expect(actual.status).toBe(200);
        expect(corsHeaders(actual.headers)).toEqual({ 'access-control-allow-origin': APP, 'access-control-expose-headers': 'x-request-id', vary: 'Origin' });
        const refused = await request(running.url).get('/partners/feed').set('Origin', EVIL);
        expect(corsHeaders(refused.headers)).toEqual({ vary: 'Origin' });
      }
      await new Promise((resolve) => setImmediate(resolve));
      const errors = running.logger.cors('error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^The onDecision listener failed \(answers are not affected; later failures are not logged\): Error: listener down/);
    } finally {
      await running.close();
    }
  });
});
