import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CorsConfigurationError, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { rawUpgrade } from '../websockets/clients.js';
import { ConnectionLog, WsChatGateway } from '../websockets/gateways.js';
import { APP, CONTROLLERS, EVIL, PARTNER, mountEndpoints, observedOptions } from './observed-app.js';

/** The report without `lastSeen` (checked apart), for exact comparisons. */
function withoutTimes(running: RunningApp) {
  return running.app
    .get(CorsPolicyService)
    .getOriginReport()
    .map((policy) => ({ ...policy, origins: policy.origins.map(({ lastSeen: _lastSeen, ...rest }) => rest) }));
}

describe.each(ADAPTERS)('CorsPolicyService.getOriginReport() (%s)', (_name, adapter) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot(observedOptions({ originReport: { maxOrigins: 2 } }))], controllers: CONTROLLERS, providers: [ConnectionLog, WsChatGateway] },
      (app) => {
        mountEndpoints(app);
        app.useWebSocketAdapter(new CorsWsAdapter(app));
      },
    );
  });
  afterAll(() => running.close());

  it('per policy, the origins seen with allowed and refused counts, most requests first; a flood of refused origins leaves the allowed ones alone', async () => {
    const before = Date.now();
    for (let i = 0; i < 3; i++) await request(running.url).get('/items').set('Origin', APP).expect(200);
    await request(running.url).get('/items').set('Origin', EVIL).expect(200);
    await request(running.url).get('/items').expect(200); // no Origin: not in the report
    for (let i = 0; i < 2; i++) await request(running.url).get('/partners/feed').set('Origin', PARTNER).expect(200);
    await request(running.url).post('/hooks/x').set('Origin', PARTNER).expect(200);
    // 6 random origins refused by "partners": only 2 refused slots, so they churn among themselves.
    for (let i = 0; i < 6; i++) await request(running.url).get('/partners/feed').set('Origin', `https://random-${i}.example`).expect(200);
    await request(running.url).get('/health').set('Origin', APP).expect(200);
    expect((await rawUpgrade(running.url, '/ws', { Origin: EVIL })).status).toBe(403);

    const report = running.app.get(CorsPolicyService).getOriginReport();
    for (const policy of report) {
      for (const origin of policy.origins) {
        expect(Date.parse(origin.lastSeen)).toBeGreaterThanOrEqual(before - 1000);
        expect(Date.parse(origin.lastSeen)).toBeLessThanOrEqual(Date.now());
      }
    }
    expect(withoutTimes(running)).toEqual([
      {
        policy: 'module',
        allowed: 3,
        refused: 2,
        changed: 0,
        origins: [
          { origin: APP, allowed: 3, refused: 0, changed: 0, uncounted: 0 },
          { origin: EVIL, allowed: 0, refused: 2, changed: 0, uncounted: 0 },
        ],
      },
      {
        policy: 'policy:partners',
        allowed: 3,
        refused: 6,
        changed: 0,
        origins: [
          // Space-Saving: the last two random origins hold the refused slots, each with the count it inherited as `uncounted` (ties by name).
          { origin: PARTNER, allowed: 3, refused: 0, changed: 0, uncounted: 0 },
          { origin: 'https://random-4.example', allowed: 0, refused: 1, changed: 0, uncounted: 2 },
          { origin: 'https://random-5.example', allowed: 0, refused: 1, changed: 0, uncounted: 2 },
        ],
      },
      { policy: 'none', allowed: 0, refused: 1, changed: 0, origins: [{ origin: APP, allowed: 0, refused: 1, changed: 0, uncounted: 0 }] },
    ]);
  });
});

describe.each(ADAPTERS)('getOriginReport() without originReport (%s)', (_name, adapter) => {
  it('throws a CorsConfigurationError saying how to turn it on', async () => {
    const running = await startApp(adapter, { imports: [CorsModule.forRoot(observedOptions())], controllers: CONTROLLERS });
    try {
      let thrown: unknown;
      try {
        running.app.get(CorsPolicyService).getOriginReport();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CorsConfigurationError);
      expect((thrown as CorsConfigurationError).problems[0]!.message).toBe('the origin report is off: set originReport: true in CorsModule.forRoot()');
    } finally {
      await running.close();
    }
  });
});
