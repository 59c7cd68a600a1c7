import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorsOriginStoreError, CorsPolicyService } from '../../../lib/index.js';
import { RedisOriginStore } from '../../../lib/redis/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { RedisServer, describeWithRedis, freePort } from './redis-server.js';
import { StoreClients, allowedOn, storeAppModule, waitFor } from './store-apps.js';

const NEW = 'https://tenant.example.com';
const clients = new StoreClients();
const appModule = (port: number) => storeAppModule(() => clients.redis(port));


describeWithRedis()('Redis origin store: two instances (Express and Fastify) sharing one Redis', () => {
  let dir: string;
  let redis: RedisServer;
  let a: RunningApp;
  let b: RunningApp;
  let port: number;
  const [[, createExpress], [, createFastify]] = ADAPTERS;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nestjs-cors-redis-'));
    port = await freePort();
    redis = new RedisServer(port, dir);
    await redis.start();
    a = await startApp(createExpress, appModule(port));
    b = await startApp(createFastify, appModule(port));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    clients.disconnectAll();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an origin allowed on one instance is honoured by the other within milliseconds', async () => {
    expect(await allowedOn(b, NEW)).toBe(false);
    await a.app.get(CorsPolicyService).allowOrigin(NEW);
    expect(await allowedOn(a, NEW)).toBe(true);
    const delay = await waitFor(() => allowedOn(b, NEW));
    console.log(`propagation delay (allow on Express, seen on Fastify): ${delay} ms`);
    expect(delay).toBeLessThan(1000);
  });

  it('revoking on the other instance removes it everywhere', async () => {
    expect(await b.app.get(CorsPolicyService).revokeOrigin(NEW)).toBe(true);
    expect(await allowedOn(b, NEW)).toBe(false);
    const delay = await waitFor(async () => !(await allowedOn(a, NEW)));
    expect(delay).toBeLessThan(1000);
  });

  it('revokes are recorded (so no stale instance brings them back), but not for text that is no origin', async () => {
    const admin = new Redis({ port, host: '127.0.0.1' });
    try {
      expect(Number(await admin.hget('{nestjs-cors:origins}:versions', JSON.stringify(['default', NEW])))).toBeLessThan(0);
      expect(await b.app.get(CorsPolicyService).revokeOrigin('not an origin')).toBe(false);
      expect(await a.app.get(CorsPolicyService).revokeOrigin('https://never-allowed.example.com')).toBe(false);
      expect(await admin.hkeys('{nestjs-cors:origins}:versions')).toEqual([JSON.stringify(['default', NEW]), JSON.stringify(['default', 'https://never-allowed.example.com'])]);
    } finally {
      admin.disconnect();
    }
  });

  it('a restarted instance gets the set back from Redis', async () => {
    await a.app.get(CorsPolicyService).allowOrigin('https://kept.example.com');
    await b.close();
    b = await startApp(createFastify, appModule(port));
    expect(await allowedOn(b, 'https://kept.example.com')).toBe(true);
    expect(b.app.get(CorsPolicyService).getRuntimeOrigins()).toEqual(['https://kept.example.com']);
  });

  it('Redis down: instances keep serving the last known set; writes fail and are undone; then they resync', async () => {
    // Instance a's client reports each refused reconnection: the latest one is the cause of a refused write.
    const connectionErrors: unknown[] = [];
    const onError = (error: unknown) => connectionErrors.push(error);
    clients.all[0]!.on('error', onError);
    await redis.kill();
    await waitFor(() => connectionErrors.length > 0);
    // Still served from each instance's local copy.
    expect(await allowedOn(a, 'https://kept.example.com')).toBe(true);
    expect(await allowedOn(b, 'https://kept.example.com')).toBe(true);
    expect(await allowedOn(a, 'https://app.example.com')).toBe(true);
    // Nest's logger override is process-wide: the last app created records every app's lines.
    const logged = (level: string, prefix: string) =>
      [...a.logger.cors(level), ...b.logger.cors(level)].some((line) => line.startsWith(prefix));
    await waitFor(async () => logged('warn', 'Origin store unavailable'));
    // A write during the outage is refused and leaves nothing behind.
    const service = a.app.get(CorsPolicyService);
    const refused = await service.allowOrigin('https://during-outage.example.com').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CorsOriginStoreError);
    expect(refused).toMatchObject({ operation: 'allow', policy: 'default', origin: 'https://during-outage.example.com' });
    expect((refused as Error).message).toMatch(/^Origin store did not take allow "https:\/\/during-outage\.example\.com" \("default"\): Redis is unreachable \(connection \w+\)$/);
    // The client's own error, as it reported the lost connection.
    expect(connectionErrors).toContain((refused as Error).cause);
    expect(String(((refused as Error).cause as Error).message)).toMatch(/^connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    clients.all[0]!.off('error', onError);
    expect(await allowedOn(a, 'https://during-outage.example.com')).toBe(false);

    // Redis comes back with its data (append-only file); another instance adds an origin as soon as it can.
    await redis.start();
    const admin = new Redis({ port, host: '127.0.0.1' });
    const other = new RedisOriginStore({ client: admin, checkInterval: 0 });
    try {
      await other.sync([]);
      await other.add('default', 'https://added-meanwhile.example.com');
    } finally {
      await other.close();
      admin.disconnect();
    }
    // Each instance hears of it, by message or by the sync that ends its outage, whichever comes first.
    await waitFor(() => allowedOn(a, 'https://added-meanwhile.example.com'), 15_000);
    await waitFor(() => allowedOn(b, 'https://added-meanwhile.example.com'), 15_000);
    expect(await allowedOn(a, 'https://kept.example.com')).toBe(true);
    // One line per instance when the outage ends: at warn level if its sync added the origin, else at log level.
    const back = () => b.logger.lines.filter((line) => line.context === 'CorsModule' && line.message.startsWith('Origin store back after'));
    await waitFor(() => back().length === 2);
    for (const { level, message } of back()) {
      expect(`${level} ${message}`).toMatch(
        /^(warn Origin store back after \d+\.\d s: added https:\/\/added-meanwhile\.example\.com \(default\)|log Origin store back after \d+\.\d s: runtime origins unchanged \(\d+\))$/,
      );
    }
    // And changes flow again.
    await b.app.get(CorsPolicyService).allowOrigin('https://after.example.com');
    await waitFor(() => allowedOn(a, 'https://after.example.com'));
  }, 40_000);
});
