import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorsOriginRecord, CorsOriginStoreError, CorsOriginStoreEvent } from '../../../lib/index.js';
import { RedisOriginStore } from '../../../lib/redis/index.js';
import { RedisServer, describeWithRedis, freePort } from './redis-server.js';
import { waitFor } from './store-apps.js';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
/** A record in the tables below: `+5` allowed at version 5, `-6` revoked at version 6. */
const rec = (origin: string, signed: number, policy = 'default'): CorsOriginRecord => ({ policy, origin, allowed: signed > 0, version: Math.abs(signed) });
const byOrigin = (records: CorsOriginRecord[]) => [...records].sort((x, y) => x.origin.localeCompare(y.origin) || x.policy.localeCompare(y.policy));

/** The store itself against a real redis-server: merges, versions, the marker, messages. */
describeWithRedis()('RedisOriginStore', () => {
  let dir: string;
  let redis: RedisServer;
  let admin: Redis;
  const opened: Array<{ store: RedisOriginStore; client: Redis }> = [];
  let prefixes = 0;

  /** A store on a prefix of its own, with a client like an app's. */
  const openStore = (options: { prefix?: string; checkInterval?: number } = {}) => {
    const client = new Redis({ port: redis.port, host: '127.0.0.1', enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    const store = new RedisOriginStore({ client, prefix: options.prefix ?? `t${++prefixes}`, checkInterval: options.checkInterval ?? 0 });
    opened.push({ store, client });
    return store;
  };
  /** Follows a store's events from now on. */
  const follow = (store: RedisOriginStore) => {
    const events: CorsOriginStoreEvent[] = [];
    store.watch((event) => events.push(event));
    return events;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nestjs-cors-store-'));
    redis = new RedisServer(await freePort(), dir, { persistence: 'none' });
    await redis.start();
    admin = new Redis({ port: redis.port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const { store, client } of opened) {
      await store.close();
      client.disconnect();
    }
    admin?.disconnect();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<{ name: string; stored: CorsOriginRecord[]; known: CorsOriginRecord[]; result: CorsOriginRecord[]; putBack: number }>([
    { name: 'an empty store takes every record, revokes too', stored: [], known: [rec(A, 5), rec(B, -6)], result: [rec(A, 5), rec(B, -6)], putBack: 2 },
    { name: 'a newer record of the instance wins', stored: [rec(A, 5)], known: [rec(A, -7)], result: [rec(A, -7)], putBack: 1 },
    { name: "the store's newer revoke wins over a stale allow", stored: [rec(A, -7)], known: [rec(A, 5)], result: [rec(A, -7)], putBack: 0 },
    { name: 'the same version changes nothing', stored: [rec(A, 5)], known: [rec(A, 5)], result: [rec(A, 5)], putBack: 0 },
    { name: 'records the instance does not hold stay', stored: [rec(A, 5), rec(B, 6)], known: [rec(B, 6)], result: [rec(A, 5), rec(B, 6)], putBack: 0 },
    { name: 'policies are kept apart', stored: [rec(A, 5)], known: [rec(A, -6, 'partners')], result: [rec(A, 5), rec(A, -6, 'partners')], putBack: 1 },
  ])('sync: $name', async ({ stored, known, result, putBack }) => {
    const store = openStore();
    await store.sync(stored);
    const snapshot = await store.sync(known);
    expect(byOrigin(snapshot.records)).toEqual(byOrigin(result));
    expect(snapshot.putBack).toBe(putBack);
  });

  it('add and remove give increasing versions from the server clock, published to the other stores', async () => {
    const writer = openStore({ prefix: 'shared' });
    const reader = openStore({ prefix: 'shared' });
    await writer.sync([]);
    const events = follow(reader);
    await waitFor(() => events.some((event) => event.type === 'resync'));
    const before = Date.now();
    const added = await writer.add('default', A);
    const removed = await writer.remove('default', A);
    expect(added).toEqual({ policy: 'default', origin: A, allowed: true, version: expect.any(Number) });
    expect(added.version).toBeGreaterThanOrEqual(before - 1000);
    expect(removed).toEqual({ policy: 'default', origin: A, allowed: false, version: expect.any(Number) });
    expect(removed.version).toBeGreaterThan(added.version);
    await waitFor(() => events.filter((event) => event.type === 'change').length === 2);
    expect(events.filter((event) => event.type === 'change')).toEqual([
      { type: 'change', records: [added] },
      { type: 'change', records: [removed] },
    ]);
    // Revokes stay in the versions hash; the set holds allowed members only.
    expect(await admin.smembers('shared:origins')).toEqual([]);
    expect(await admin.hget('{shared:origins}:versions', JSON.stringify(['default', A]))).toBe(`-${removed.version}`);
  });

  it('a write to a store without its marker is refused with the reply as cause, and asks for a sync', async () => {
    const store = openStore();
    await store.sync([]);
    const events = follow(store);
    await waitFor(() => events.some((event) => event.type === 'resync'));
    events.length = 0;
    const prefix = `t${prefixes}`;
    await admin.del(`{${prefix}:origins}:marker`);
    const refused = await store.add('default', A).then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(CorsOriginStoreError);
    expect(refused).toMatchObject({ operation: 'allow', policy: 'default', origin: A });
    expect(String(((refused as Error).cause as Error).message)).toBe('NOMARKER the origin store has no marker: it lost its data, and the instances are putting it back');
    expect(events).toEqual([{ type: 'resync' }]);
    expect(await admin.exists(`${prefix}:origins`, `{${prefix}:origins}:versions`)).toBe(0);
  });

  it('a marker lost with versions kept: the new marker starts above every version, so later changes still win', async () => {
    const store = openStore();
    const prefix = `t${prefixes}`;
    const future = Date.now() + 86_400_000;
    await store.sync([rec(A, future)]);
    await admin.del(`{${prefix}:origins}:marker`);
    await store.sync([]);
    const removed = await store.remove('default', A);
    expect(removed.version).toBe(future + 1);
    expect((await store.sync([])).records).toEqual([rec(A, -(future + 1))]);
  });

  it('the marker check asks for a sync when the marker is gone or another rebuild wrote it', async () => {
    const store = openStore({ checkInterval: 20 });
    const prefix = `t${prefixes}`;
    await store.sync([]);
    const events = follow(store);
    await waitFor(() => events.some((event) => event.type === 'resync'));
    events.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
    await admin.del(`{${prefix}:origins}:marker`);
    await waitFor(() => events.length > 0);
    expect(events[0]).toEqual({ type: 'resync' });
    await store.sync([]);
    events.length = 0;
    await admin.hset(`{${prefix}:origins}:marker`, 'generation', 'another rebuild');
    await waitFor(() => events.length > 0);
    expect(events[0]).toEqual({ type: 'resync' });
  });

  it("members written before versions are read as allowed at version 1; those of '' are renamed to 'default' and published", async () => {
    const store = openStore({ prefix: 'legacy' });
    const listener = openStore({ prefix: 'legacy' });
    const events = follow(listener);
    await waitFor(() => events.some((event) => event.type === 'resync'));
    await admin.sadd('legacy:origins', JSON.stringify(['', A]), JSON.stringify(['partners', B]), 'not ours');
    const snapshot = await store.sync([]);
    expect(byOrigin(snapshot.records)).toEqual(byOrigin([rec(A, 1), rec(B, 1, 'partners')]));
    expect(snapshot.putBack).toBe(0);
    expect((await admin.smembers('legacy:origins')).sort()).toEqual([JSON.stringify(['default', A]), JSON.stringify(['partners', B]), 'not ours'].sort());
    await waitFor(() => events.some((event) => event.type === 'change'));
    expect(events.filter((event) => event.type === 'change')).toEqual([{ type: 'change', records: [rec(A, 1)] }]);
    // Any recorded change wins over them.
    await store.remove('partners', B);
    expect(await admin.sismember('legacy:origins', JSON.stringify(['partners', B]))).toBe(0);
  });

  it('keys share one hash slot: a prefix with a hash tag of its own is used as it is; stray braces are refused', async () => {
    const tagged = openStore({ prefix: '{api}' });
    await tagged.sync([rec(A, 5)]);
    expect((await admin.keys('{api}*')).sort()).toEqual(['{api}:origins', '{api}:origins:marker', '{api}:origins:versions']);
    expect(() => new RedisOriginStore({ client: admin, prefix: 'a{' })).toThrow(
      'RedisOriginStore: prefix "a{" has braces that are not a Redis hash tag; use one like "{my-api}", or no braces',
    );
    expect(() => new RedisOriginStore({ client: admin, prefix: 'a}b' })).toThrow(/braces that are not a Redis hash tag/);
    expect(() => new RedisOriginStore({ client: admin, checkInterval: -1 })).toThrow('RedisOriginStore: checkInterval must be milliseconds (0 or more), got -1');
  });
});
