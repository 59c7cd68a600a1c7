import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CorsModule, CorsModuleOptions, CorsPolicyService } from '../../../lib/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { wsAttempt } from '../websockets/clients.js';
import { ConnectionLog, WsChatGateway } from '../websockets/gateways.js';
import { InMemoryMetrics, startInMemoryMetrics } from './in-memory-metrics.js';
import { ADMIN, APP, CONTROLLERS, EventLog, PARTNER, SeenEvent, corsHeaders, mountEndpoints, observedOptions } from './observed-app.js';

/** An origin the old `enableCors()` options allowed and the new policies do not. */
const LEGACY = 'https://legacy.example.com';
/** What the app passed to `app.enableCors()` before the migration. */
const ENABLE_CORS = { origin: [APP, PARTNER, LEGACY], credentials: true, exposedHeaders: ['x-request-id'] };
/** The answer of an actual request the old options allow, for `origin`. */
const legacyAnswer = (origin: string) => ({
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'x-request-id',
  vary: 'Origin',
});

/** What a report-only event says, in short: kind, endpoint label, new verdict and reason, enforced verdict, change. */
const short = (e: SeenEvent) => [e.kind, e.origin ?? '-', e.endpoint.label, `${e.verdict} ${e.reason}`, e.enforced ? `${e.enforced.verdict} ${e.enforced.change}` : 'not report-only'];

function startMigratingApp(adapter: (typeof ADAPTERS)[number][1], log: EventLog, rollout: CorsModuleOptions['rollout']): Promise<RunningApp> {
  return startApp(
    adapter,
    {
      imports: [CorsModule.forRoot(observedOptions({ onDecision: log.listener, originReport: true, metrics: true, rollout }))],
      controllers: CONTROLLERS,
      providers: [ConnectionLog, WsChatGateway],
    },
    (app) => {
      mountEndpoints(app);
      app.useWebSocketAdapter(new CorsWsAdapter(app));
    },
  );
}

/**
 * A migration from `app.enableCors(ENABLE_CORS)` to per-route policies, report-only: every
 * response is the old options' answer (on routes, `@Cors(false)` routes, `paths` entries,
 * unrouted requests and gateways alike), and every request the new policies would answer
 * differently shows in the events, the counter and the origin report. `mode: 'enforce'` switches.
 */
describe.each(ADAPTERS)('rollout: report-only behind enableCors() options (%s)', (_name, adapter) => {
  let running: RunningApp;
  let sdk: InMemoryMetrics;
  const log = new EventLog();

  beforeAll(async () => {
    sdk = startInMemoryMetrics();
    running = await startMigratingApp(adapter, log, { mode: 'report-only', current: ENABLE_CORS });
  });
  afterAll(async () => {
    await running?.close();
    await sdk?.stop();
  });
  beforeEach(() => void log.take());

  it('says so at startup', () => {
    expect(running.logger.cors('warn')).toContain(
      "rollout is 'report-only': every answer follows rollout.current; the policies of CorsModule are only reported. Set rollout.mode to 'enforce' to switch.",
    );
  });

  it('actual requests: the old answer everywhere, each difference reported', async () => {
    const answers: Record<string, Record<string, string>> = {};
    for (const [path, origin] of [['/items', LEGACY], ['/items', APP], ['/partners/feed', PARTNER], ['/health', APP], ['/nowhere', APP], ['/off', APP], ['/hooks/x', LEGACY]] as const) {
      answers[`${path} ${origin}`] = corsHeaders((await request(running.url).get(path).set('Origin', origin)).headers);
    }
    expect(answers).toEqual({
      [`/items ${LEGACY}`]: legacyAnswer(LEGACY),
      [`/items ${APP}`]: legacyAnswer(APP),
      [`/partners/feed ${PARTNER}`]: legacyAnswer(PARTNER),
      [`/health ${APP}`]: legacyAnswer(APP),
      [`/nowhere ${APP}`]: legacyAnswer(APP),
      [`/off ${APP}`]: legacyAnswer(APP),
      [`/hooks/x ${LEGACY}`]: legacyAnswer(LEGACY),
    });
    expect(log.take().map(short)).toEqual([
      ['actual', LEGACY, 'GET /items (ItemsController.list)', 'refused origin-not-allowed', 'allowed would-refuse'],
      // The new module defaults have no credentials: the same origin, another permission.
      ['actual', APP, 'GET /items (ItemsController.list)', 'allowed allowed', 'allowed would-grant-differently'],
      // "partners" grants what the old options did (credentials, the exposed header): no difference.
      ['actual', PARTNER, 'GET /partners/feed (PartnersController.feed)', 'allowed allowed', 'allowed none'],
      ['actual', APP, 'GET /health (HealthController.ok)', 'refused cors-disabled', 'allowed would-refuse'],
      // Nest's 404 (readableNotFound): the module defaults decide it, without credentials.
      ['actual', APP, "Nest's 404 (no route or paths entry)", 'allowed allowed', 'allowed would-grant-differently'],
      ['actual', APP, "paths['/off']", 'refused cors-disabled', 'allowed would-refuse'],
      ['actual', LEGACY, "paths['/hooks/*']", 'refused origin-not-allowed', 'allowed would-refuse'],
    ]);
  });

  it('refused today and allowed by the new policies: still refused, reported as would-allow; without Origin, the old Vary everywhere', async () => {
    const preflight = await request(running.url).options('/items/1').set('Origin', ADMIN).set('Access-Control-Request-Method', 'DELETE');
    expect(preflight.status).toBe(403);
    expect(corsHeaders(preflight.headers)).toEqual({ vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' });
    const actual = await request(running.url).delete('/items/1').set('Origin', ADMIN);
    expect(corsHeaders(actual.headers)).toEqual({ vary: 'Origin' });
    expect(corsHeaders((await request(running.url).get('/health')).headers)).toEqual({ vary: 'Origin' });
    expect(corsHeaders((await request(running.url).get('/items')).headers)).toEqual({ vary: 'Origin' });
    expect(log.take().map(short)).toEqual([
      ['preflight', ADMIN, 'DELETE /items/:id (ItemsController.remove)', 'allowed allowed', 'refused would-allow'],
      ['actual', ADMIN, 'DELETE /items/:id (ItemsController.remove)', 'allowed allowed', 'refused would-allow'],
      // Without Origin nothing is refused (not a CORS request): the same for both.
      ['actual', '-', 'GET /health (HealthController.ok)', 'allowed no-origin', 'allowed none'],
      ['actual', '-', 'GET /items (ItemsController.list)', 'allowed no-origin', 'allowed none'],
    ]);
  });

  it('a preflight the old options allow: their answer (credentials), the new refusal reported', async () => {
    const res = await request(running.url).options('/partners/feed').set('Origin', LEGACY).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'x-debug');
    expect(res.status).toBe(204);
    expect(corsHeaders(res.headers)).toEqual({
      'access-control-allow-origin': LEGACY,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET',
      'access-control-allow-headers': 'x-debug',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    // "partners" lists only content-type (from the module defaults): the header is what it would refuse.
    expect(log.take().map(short)).toEqual([['preflight', LEGACY, 'GET /partners/feed (PartnersController.feed)', 'refused header-not-allowed', 'allowed would-refuse']]);
  });

  it('a gateway: the handshake admitted as the old options say, the new refusal reported', async () => {
    expect(await wsAttempt(running.url, '/ws', LEGACY)).toEqual({ connected: true, echo: 'hi' });
    expect(log.take().map(short)).toEqual([['handshake', LEGACY, 'WsChatGateway', 'refused origin-not-allowed', 'allowed would-refuse']]);
  });

  it('the counter and the origin report show the differences', async () => {
    await request(running.url).get('/items').set('Origin', LEGACY).expect(200);
    const points = (await sdk.collect()).points.filter((p) => p.attributes['http.route'] === '/items' && p.attributes['cors.request.kind'] === 'actual');
    expect(points.map((p) => [p.attributes['cors.verdict'], p.attributes['cors.reason'], p.attributes['cors.rollout.change'], p.value]).sort()).toEqual([
      ['allowed', 'allowed', 'would-grant-differently', 1],
      ['allowed', 'no-origin', 'none', 1],
      ['refused', 'origin-not-allowed', 'would-refuse', 2],
    ]);
    const module = running.app.get(CorsPolicyService).getOriginReport().find((r) => r.policy === 'module')!;
    expect(module.origins.map(({ lastSeen: _l, ...o }) => o)).toEqual([
      // Two GETs of /items and the ws handshake (WsChatGateway has the module defaults too); Nest's 404 of /nowhere too.
      { origin: LEGACY, allowed: 0, refused: 3, changed: 3, uncounted: 0 },
      { origin: APP, allowed: 2, refused: 0, changed: 2, uncounted: 0 },
    ]);
  });
});

describe.each(ADAPTERS)("rollout: mode 'enforce' (%s)", (_name, adapter) => {
  it('one option switches: the new policies answer, events carry no enforced verdict', async () => {
    const log = new EventLog();
    const running = await startMigratingApp(adapter, log, { mode: 'enforce', current: ENABLE_CORS });
    try {
      expect(corsHeaders((await request(running.url).get('/items').set('Origin', LEGACY)).headers)).toEqual({ vary: 'Origin' });
      expect(corsHeaders((await request(running.url).get('/health').set('Origin', APP)).headers)).toEqual({});
      expect(corsHeaders((await request(running.url).get('/items').set('Origin', APP)).headers)).toEqual({
        'access-control-allow-origin': APP,
        'access-control-expose-headers': 'x-request-id',
        vary: 'Origin',
      });
      expect(log.take().map(short)).toEqual([
        ['actual', LEGACY, 'GET /items (ItemsController.list)', 'refused origin-not-allowed', 'not report-only'],
        ['actual', APP, 'GET /health (HealthController.ok)', 'refused cors-disabled', 'not report-only'],
        ['actual', APP, 'GET /items (ItemsController.list)', 'allowed allowed', 'not report-only'],
      ]);
    } finally {
      await running.close();
    }
  });
});
