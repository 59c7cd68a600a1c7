import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CorsModule } from '../../../lib/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { rawUpgrade } from '../websockets/clients.js';
import { ConnectionLog, WsChatGateway } from '../websockets/gateways.js';
import { InMemoryMetrics, Point, byAttributes, startInMemoryMetrics } from './in-memory-metrics.js';
import { APP, CONTROLLERS, EVIL, PARTNER, mountEndpoints, observedOptions } from './observed-app.js';

const http = (kind: string, policy: string, verdict: string, reason: string, route?: string) => ({
  'cors.transport': 'http',
  'cors.request.kind': kind,
  'cors.policy': policy,
  'cors.verdict': verdict,
  'cors.reason': reason,
  ...(route === undefined ? {} : { 'http.route': route }),
});

/**
 * `metrics: true` counts decisions with an OpenTelemetry counter, recorded by the SDK the app
 * registered (here an in-memory exporter): bounded attributes only, never the origin.
 */
describe.each(ADAPTERS)('OpenTelemetry counter cors.decisions (%s)', (_name, adapter) => {
  let running: RunningApp;
  let sdk: InMemoryMetrics;

  beforeAll(async () => {
    // As an app does: the SDK first, then the app.
    sdk = startInMemoryMetrics();
    running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot(observedOptions({ metrics: true }))], controllers: CONTROLLERS, providers: [ConnectionLog, WsChatGateway] },
      (app) => {
        mountEndpoints(app);
        app.useWebSocketAdapter(new CorsWsAdapter(app));
      },
    );
  });
  afterAll(async () => {
    await running?.close();
    await sdk?.stop();
  });

  it('counts each decision under its bounded attributes; random origins add no series', async () => {
    for (let i = 0; i < 3; i++) await request(running.url).get('/items').set('Origin', APP).expect(200);
    for (let i = 0; i < 5; i++) await request(running.url).get('/partners/feed').set('Origin', `https://random-${i}.example`).expect(200);
    await request(running.url).get('/partners/feed').set('Origin', PARTNER).expect(200);
    await request(running.url).options('/items/1').set('Origin', APP).set('Access-Control-Request-Method', 'DELETE').expect(403);
    await request(running.url).get('/nowhere').set('Origin', EVIL).expect(404);
    await request(running.url).post('/hooks/x').set('Origin', PARTNER).expect(200);
    await request(running.url).get('/items').expect(200);
    expect((await rawUpgrade(running.url, '/ws', { Origin: EVIL })).status).toBe(403);

    const { descriptors, points } = await sdk.collect();
    expect(descriptors).toEqual([{ name: 'cors.decisions', unit: '{decision}', description: 'CORS decisions, by transport, request kind, policy, verdict and reason' }]);
    const expected: Point[] = [
      { attributes: http('actual', 'module', 'allowed', 'allowed', '/items'), value: 3 },
      { attributes: http('actual', 'module', 'allowed', 'no-origin', '/items'), value: 1 },
      // Nest's 404 (readableNotFound): the module defaults refuse the origin; no route attribute.
      { attributes: http('actual', 'module', 'refused', 'origin-not-allowed'), value: 1 },
      { attributes: http('actual', 'policy:partners', 'allowed', 'allowed', '/hooks/*'), value: 1 },
      { attributes: http('actual', 'policy:partners', 'allowed', 'allowed', '/partners/feed'), value: 1 },
      { attributes: http('actual', 'policy:partners', 'refused', 'origin-not-allowed', '/partners/feed'), value: 5 },
      { attributes: http('preflight', 'inline', 'refused', 'origin-not-allowed', '/items/:id'), value: 1 },
      {
        attributes: { 'cors.transport': 'ws', 'cors.request.kind': 'handshake', 'cors.policy': 'module', 'cors.verdict': 'refused', 'cors.reason': 'origin-not-allowed' },
        value: 1,
      },
    ];
    expected.sort(byAttributes);
    expect(points).toEqual(expected);
    expect(JSON.stringify(points)).not.toMatch(/example|evil/);
  });
});
