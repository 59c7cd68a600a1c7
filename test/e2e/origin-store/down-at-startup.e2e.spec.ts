import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';
import { RedisServer, describeWithRedis, freePort } from './redis-server.js';
import { CONFIGURED, StoreClients, storeAppModule, waitFor } from './store-apps.js';

const STORED = 'https://stored.example.com';
const clients = new StoreClients();
const appModule = (port: number) => storeAppModule(() => clients.redis(port));

const describeEachAdapter = describeWithRedis().each(ADAPTERS);

/**
 * An instance that starts while Redis is down: it waits at most 3 s for the store, starts with
 * its configured origins only (and says so), and loads the runtime origins kept in Redis once
 * Redis is back.
 */
describeEachAdapter('Redis origin store: an instance started while Redis is down (%s)', (_name, create) => {
  let dir: string;
  let port: number;
  let redis: RedisServer;
  let running: RunningApp;
  /** What reached console.error: ioredis prints "[ioredis] Unhandled error event" there. */
  let consoleErrors: ReturnType<typeof jest.spyOn>;

  const get = (origin: string) => send(running.url, 'GET', '/r', { Origin: origin });
  const allowed = async (origin: string) => (await get(origin)).headers['access-control-allow-origin']?.[0] === origin;

  beforeAll(async () => {
    consoleErrors = jest.spyOn(console, 'error');
    dir = mkdtempSync(join(tmpdir(), 'nestjs-cors-redis-down-'));
    port = await freePort();
    redis = new RedisServer(port, dir);
    // An earlier instance stored a runtime origin (append-only file, fsync always), then Redis went down.
    await redis.start();
    const earlier = await startApp(create, appModule(port));
    await earlier.app.get(CorsPolicyService).allowOrigin(STORED);
    await earlier.close();
    await redis.kill();
    running = await startApp(create, appModule(port));
  }, 20_000);
  afterAll(async () => {
    await running?.close();
    clients.disconnectAll();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
    consoleErrors.mockRestore();
  });

  it('serves its configured origins, without the stored ones, and logs why', async () => {
    const res = await get(CONFIGURED);
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({ 'access-control-allow-origin': [CONFIGURED], 'access-control-allow-credentials': ['true'] });
    expect(res.headers.vary).toEqual(['Origin']);
    const stored = await get(STORED);
    expect(stored.status).toBe(200);
    expect(corsHeaders(stored)).toEqual({});
    expect(running.app.get(CorsPolicyService).getRuntimeOrigins()).toEqual([]);
    // One warning, with the client's own reason, and no ioredis "Unhandled error event" (the store handles them).
    const warnings = running.logger.cors('warn').filter((line) => line.startsWith('Origin store unavailable'));
    expect(warnings).toHaveLength(1);
    expect(consoleErrors.mock.calls.filter((args: unknown[]) => String(args[0]).includes('[ioredis]'))).toEqual([]);
    expect(warnings[0]).toMatch(
      /^Origin store unavailable at startup \(no answer within 3000 ms: connect ECONNREFUSED 127\.0\.0\.1:\d+\); starting without runtime origins, they are loaded when it is back$/,
    );
  });

  it('picks up the stored runtime origins once Redis is up, and logs it', async () => {
    await redis.start();
    await waitFor(() => allowed(STORED), 15_000);
    expect(corsHeaders(await get(STORED))).toEqual({ 'access-control-allow-origin': [STORED], 'access-control-allow-credentials': ['true'] });
    expect(await allowed(CONFIGURED)).toBe(true);
    expect(running.app.get(CorsPolicyService).getRuntimeOrigins()).toEqual([STORED]);
    // The sync that ends the outage changed the local set: one warning that says what it added.
    await waitFor(() => running.logger.cors('warn').some((line) => line.startsWith('Origin store back after')), 5000);
    expect(running.logger.cors('warn').filter((line) => line.startsWith('Origin store back after'))).toEqual([
      expect.stringMatching(new RegExp(`^Origin store back after \\d+\\.\\d s: added ${STORED.replace(/\./g, '\\.')} \\(default\\)$`)),
    ]);
  }, 20_000);

  it('and writes reach the store again', async () => {
    await running.app.get(CorsPolicyService).allowOrigin('https://after.example.com');
    const admin = new Redis({ port, host: '127.0.0.1' });
    try {
      expect(await admin.smembers('nestjs-cors:origins')).toContain(JSON.stringify(['default', 'https://after.example.com']));
    } finally {
      admin.disconnect();
    }
  });
});
