import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORS_DEFAULT_POLICY, CorsOriginStoreError, CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { RedisServer, describeWithRedis, freePort } from './redis-server.js';
import { StoreClients, allowedOn, storeAppModule, waitFor } from './store-apps.js';
import { TcpProxy } from './tcp-proxy.js';

const clients = new StoreClients();
const KEY = 'nestjs-cors:origins';
const VERSIONS = '{nestjs-cors:origins}:versions';
const MARKER = '{nestjs-cors:origins}:marker';
const origin = (name: string) => `https://${name}.example.com`;
const member = (name: string, policy = CORS_DEFAULT_POLICY) => JSON.stringify([policy, origin(name)]);
const [[, createExpress], [, createFastify]] = ADAPTERS;

/**
 * Redis without persistence, restarted empty: the instances put back what they hold, so the store
 * and every instance end equal to the last acknowledged state, revokes included, however many
 * times it happens. Instance a (Express) talks to Redis directly, b (Fastify) through a proxy that
 * can cut it off alone.
 */
describeWithRedis()('Redis origin store: Redis comes back without its data', () => {
  let dir: string;
  let redis: RedisServer;
  let proxy: TcpProxy;
  let admin: Redis;
  let a: RunningApp;
  let b: RunningApp;
  const service = (app: RunningApp) => app.app.get(CorsPolicyService);
  const sorted = (values: string[]) => [...values].sort();
  /** The store's allowed members and every instance's runtime origins equal `names`; revoked ones are refused on both. */
  const converged = async (names: string[], revoked: string[]) => {
    // Connected again (a local set that never changed proves nothing about that).
    if (!clients.all.every((client) => client.status === 'ready')) return false;
    const wanted = sorted(names.map((name) => origin(name)));
    if (JSON.stringify(sorted(await admin.smembers(KEY))) !== JSON.stringify(sorted(names.map((name) => member(name))))) return false;
    for (const app of [a, b]) {
      if (JSON.stringify(sorted(service(app).getRuntimeOrigins())) !== JSON.stringify(wanted)) return false;
      for (const name of revoked) if (await allowedOn(app, origin(name))) return false;
      for (const name of names) if (!(await allowedOn(app, origin(name)))) return false;
    }
    return true;
  };
  const linesOf = (start: number, prefix: string) =>
    // Nest's logger override is process-wide: the last app created records every app's lines.
    b.logger.lines.slice(start).filter((line) => line.context === 'CorsModule' && line.message.startsWith(prefix));
  const restartEmpty = async () => {
    await redis.kill();
    await redis.start();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nestjs-cors-lost-'));
    const port = await freePort();
    redis = new RedisServer(port, dir, { persistence: 'none' });
    await redis.start();
    proxy = new TcpProxy(port);
    const proxied = await proxy.start();
    // The test's own client: its commands wait for Redis to be back.
    admin = new Redis({ port, host: '127.0.0.1', retryStrategy: () => 20 });
    admin.on('error', () => undefined);
    a = await startApp(createExpress, storeAppModule(() => clients.redis(port), { checkInterval: 100 }));
    b = await startApp(createFastify, storeAppModule(() => clients.redis(proxied), { checkInterval: 100 }));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    clients.disconnectAll();
    admin?.disconnect();
    await proxy?.close();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an empty restart: the instances put back what they hold, revokes included; one says it did', async () => {
    await service(a).allowOrigin(origin('one'));
    await service(b).allowOrigin(origin('two'));
    await service(a).allowOrigin(origin('gone'));
    expect(await service(a).revokeOrigin(origin('gone'))).toBe(true);
    await waitFor(() => converged(['one', 'two'], ['gone']));
    const start = b.logger.lines.length;

    await restartEmpty();
    await waitFor(() => converged(['one', 'two'], ['gone']));
    // The revoke is kept too: an instance that missed it cannot bring the origin back.
    expect(Number(await admin.hget(VERSIONS, member('gone')))).toBeLessThan(0);
    await waitFor(() => linesOf(start, 'Origin store back after').length === 2);
    // Whichever instance synced first put back all three records; the other found them there.
    expect(linesOf(start, 'Origin store back after').map(({ level, message }) => [level, message.replace(/after \d+\.\d s/, 'after N s')])).toEqual(
      expect.arrayContaining([
        ['warn', 'Origin store back after N s: the store had lost 3 records this instance held, put back'],
        ['log', 'Origin store back after N s: runtime origins unchanged (2)'],
      ]),
    );
    expect(linesOf(start, 'Origin store unavailable')).toHaveLength(2);
  });

  it('again and again: the last acknowledged state each time, changes between restarts included', async () => {
    for (const round of [1, 2, 3]) {
      await service(b).revokeOrigin(origin('one'));
      await service(a).allowOrigin(origin(`round-${round}`));
      await service(a).allowOrigin(origin('one'));
      await service(b).revokeOrigin(origin(`round-${round}`));
      await restartEmpty();
      await waitFor(() => converged(['one', 'two'], ['gone', `round-${round}`]));
    }
  }, 30_000);

  it('a stale instance does not bring back an origin revoked while it was cut off', async () => {
    proxy.cut();
    await waitFor(() => b.logger.cors('warn').some((line) => line.startsWith('Origin store unavailable')) && clients.all[1]!.status !== 'ready');
    // b still allows two; a revokes it, and adds three, which b never hears of.
    expect(await service(a).revokeOrigin(origin('two'))).toBe(true);
    await service(a).allowOrigin(origin('three'));
    expect(await allowedOn(b, origin('two'))).toBe(true);
    // b cannot change anything meanwhile.
    await expect(service(b).allowOrigin(origin('four'))).rejects.toThrow(CorsOriginStoreError);

    await restartEmpty();
    proxy.restore();
    // Whichever instance puts its records back first, a never allows two again on the way.
    const seenOnA = new Set<string>();
    await waitFor(async () => {
      for (const name of service(a).getRuntimeOrigins()) seenOnA.add(name);
      return converged(['one', 'three'], ['two', 'four']);
    });
    expect(seenOnA.has(origin('two'))).toBe(false);
    expect(sorted(await admin.smembers(KEY))).toEqual([member('one'), member('three')]);
  });

  it('keys deleted by hand while instances run are put back (clear origins with revokeOrigin instead)', async () => {
    await admin.del(KEY, VERSIONS, MARKER);
    // No reconnection here: the marker check (every 100 ms in this test) notices.
    await waitFor(() => converged(['one', 'three'], ['two', 'four']));
    for (const name of service(a).getRuntimeOrigins()) await service(a).revokeOrigin(name);
    await waitFor(() => converged([], ['one', 'two', 'three', 'four']));
    await restartEmpty();
    await waitFor(() => converged([], ['one', 'two', 'three', 'four']));
  });

  it("reads records written before the defaults had a name (policy '') and renames them", async () => {
    await admin.sadd(KEY, JSON.stringify(['', origin('legacy')]));
    // A new instance loads it at startup; the running ones hear of the rename.
    const c = await startApp(createExpress, storeAppModule(() => clients.redis(redis.port)));
    try {
      expect(await allowedOn(c, origin('legacy'))).toBe(true);
      expect(await admin.sismember(KEY, JSON.stringify(['', origin('legacy')]))).toBe(0);
      expect(await admin.hget(VERSIONS, member('legacy'))).toBe('1');
      await waitFor(() => converged(['legacy'], []));
      // Any later change wins over it.
      await service(b).revokeOrigin(origin('legacy'));
      await waitFor(() => converged([], ['legacy']));
      expect(await allowedOn(c, origin('legacy'))).toBe(false);
    } finally {
      await c.close();
    }
  });
});
