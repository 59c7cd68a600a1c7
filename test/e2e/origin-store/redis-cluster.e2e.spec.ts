import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { REDIS_CLI, RedisCluster } from './redis-cluster.js';
import { describeWithRedis } from './redis-server.js';
import { StoreClients, allowedOn, storeAppModule, waitFor } from './store-apps.js';

const clients = new StoreClients();
const [[, createExpress], [, createFastify]] = ADAPTERS;
const KEYS = ['nestjs-cors:origins', '{nestjs-cors:origins}:versions', '{nestjs-cors:origins}:marker'];
const member = (origin: string) => JSON.stringify(['default', origin]);

const describeWithCluster = (): typeof describe | typeof describe.skip => {
  const withRedis = describeWithRedis();
  if (REDIS_CLI) return withRedis;
  if (process.env.CI === 'true') throw new Error('redis-cli is missing: apt-get install redis-tools');
  console.warn('Skipping the Redis Cluster tests: redis-cli is missing (apt-get install redis-tools)');
  return describe.skip;
};

/**
 * `RedisOriginStore` on an ioredis `Cluster`: a real 3-master cluster started for this file, two
 * instances (Express and Fastify) with `Cluster` clients, torn down at once after.
 */
describeWithCluster()('Redis origin store on a Redis Cluster (3 masters)', () => {
  const cluster = new RedisCluster();
  let a: RunningApp;
  let b: RunningApp;
  const appModule = () => storeAppModule(() => clients.cluster(cluster.ports), { checkInterval: 100 });
  /** A client of the master that holds the store's slot. */
  let owner: Redis;

  beforeAll(async () => {
    await cluster.start();
    a = await startApp(createExpress, appModule());
    b = await startApp(createFastify, appModule());
    owner = new Redis({ port: await cluster.nodeOf(KEYS[0]!), host: '127.0.0.1' });
  }, 30_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    clients.disconnectAll();
    owner?.disconnect();
    await cluster.stop();
  });

  it("the store's keys hash to one slot, so one script can write them all", async () => {
    const slots = await Promise.all(KEYS.map((key) => owner.cluster('KEYSLOT', key)));
    expect(new Set(slots).size).toBe(1);
    expect(await owner.exists(KEYS[2]!)).toBe(1);
  });

  it('an origin allowed or revoked on one instance is honoured by the other (pub/sub across nodes)', async () => {
    const origin = 'https://tenant.example.com';
    await a.app.get(CorsPolicyService).allowOrigin(origin);
    expect(await allowedOn(a, origin)).toBe(true);
    await waitFor(() => allowedOn(b, origin), 5000);
    expect(await owner.smembers(KEYS[0]!)).toEqual([member(origin)]);
    expect(await b.app.get(CorsPolicyService).revokeOrigin(origin)).toBe(true);
    await waitFor(async () => !(await allowedOn(a, origin)), 5000);
  });

  it('a restarted instance gets the set back', async () => {
    await a.app.get(CorsPolicyService).allowOrigin('https://kept.example.com');
    await b.close();
    b = await startApp(createFastify, appModule());
    expect(await allowedOn(b, 'https://kept.example.com')).toBe(true);
    expect(b.app.get(CorsPolicyService).getRuntimeOrigins()).toEqual(['https://kept.example.com']);
  });

  it('the master holding the slot loses its data: the instances put it back', async () => {
    await owner.flushall();
    await waitFor(async () => (await owner.smembers(KEYS[0]!)).includes(member('https://kept.example.com')), 5000);
    expect(Number(await owner.hget(KEYS[1]!, member('https://tenant.example.com')))).toBeLessThan(0);
    expect(await allowedOn(a, 'https://kept.example.com')).toBe(true);
    expect(await allowedOn(b, 'https://kept.example.com')).toBe(true);
    expect(await allowedOn(a, 'https://tenant.example.com')).toBe(false);
  });
});
