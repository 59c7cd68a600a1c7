import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorsOriginStoreError, CorsPolicyService } from '../../lib/index.js';
import { RedisServer, describeWithRedis, freePort } from '../e2e/origin-store/redis-server.js';
import { CONFIGURED, StoreClients, allowedOn, storeAppModule, waitFor } from '../e2e/origin-store/store-apps.js';
import { ADAPTERS, RecordingLogger, RunningApp, startApp } from '../e2e/utils/adapters.js';
import { Expectation, Traffic, TrafficCounts } from './traffic.js';

const origin = (name: string) => `https://${name}.example.com`;
const EVIL = 'https://evil.example';
const KEY = 'nestjs-cors:origins';
const [[, createExpress], [, createFastify]] = ADAPTERS;
/** How long traffic runs before the kill, while Redis is away, and after it is back. */
const BEFORE_MS = 200;
const OUTAGE_MS = 500;
const AFTER_MS = 200;
const KILLS = 3;

/**
 * Two instances (Express and Fastify) on one real redis-server, under constant cross-origin
 * traffic, while Redis is killed (SIGKILL) and restarted, three times in a row: without
 * persistence (it comes back empty) and with its append-only file (fsync always). Every request
 * must be answered with the right CORS answer, writes during the outage must be refused, and
 * afterwards the store and both instances must equal the last acknowledged state. Prints what it
 * measured: requests, outage, time to converge once Redis is back.
 */
describeWithRedis()('fault: Redis killed under traffic', () => {
  describe.each<[string, 'none' | 'aof']>([
    ['restarted empty', 'none'],
    ['restarted with its append-only file', 'aof'],
  ])('%s', (title, persistence) => {
    const clients = new StoreClients();
    const apps: RunningApp[] = [];
    const loggers: RecordingLogger[] = [];
    let dir: string;
    let redis: RedisServer;
    let admin: Redis;
    let a: RunningApp;
    let b: RunningApp;
    const service = (app: RunningApp) => app.app.get(CorsPolicyService);
    /** Lines of CorsModule that start with `prefix`. Nest's logger override is process-wide: each line is in the logger of the app created last before it. */
    const count = (prefix: string) => loggers.flatMap((logger) => logger.cors()).filter((line) => line.startsWith(prefix)).length;
    const start = async (create: typeof createExpress) => {
      const app = await startApp(create, storeAppModule(() => clients.redis(redis.port)));
      apps.push(app);
      loggers.push(app.logger);
      return app;
    };
    /** The store's allowed members, and every running instance's runtime origins, equal `allowed`; each connected. */
    const converged = async (instances: RunningApp[], allowed: string[]) => {
      const wanted = allowed.map(origin).sort();
      if (!clients.all.every((client) => client.status === 'ready')) return false;
      const stored = (await admin.smembers(KEY)).map((member) => (JSON.parse(member) as string[])[1]!).sort();
      if (JSON.stringify(stored) !== JSON.stringify(wanted)) return false;
      return instances.every((app) => JSON.stringify([...service(app).getRuntimeOrigins()].sort()) === JSON.stringify(wanted));
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'nestjs-cors-fault-'));
      redis = new RedisServer(await freePort(), dir, { persistence });
      await redis.start();
      admin = new Redis({ port: redis.port, host: '127.0.0.1', retryStrategy: () => 20 });
      admin.on('error', () => undefined);
      a = await start(createExpress);
      b = await start(createFastify);
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      clients.disconnectAll();
      admin?.disconnect();
      await redis?.kill();
      rmSync(dir, { recursive: true, force: true });
    });

    it(`${KILLS} kills under traffic: every request answered, writes refused while away, nothing lost`, async () => {
      const allowed = ['one', 'two'];
      const revoked = ['gone'];
      await service(a).allowOrigin(origin('one'));
      await service(b).allowOrigin(origin('two'));
      await service(a).allowOrigin(origin('gone'));
      await service(b).revokeOrigin(origin('gone'));

      for (let kill = 1; kill <= KILLS; kill++) {
        // A change acknowledged just before each kill: the last acknowledged state moves every time.
        await service(kill % 2 ? a : b).allowOrigin(origin(`round-${kill}`));
        allowed.push(`round-${kill}`);
        if (kill > 1) {
          await service(kill % 2 ? b : a).revokeOrigin(origin(`round-${kill - 1}`));
          allowed.splice(allowed.indexOf(`round-${kill - 1}`), 1);
          revoked.push(`round-${kill - 1}`);
        }
        await waitFor(() => converged([a, b], allowed));
        const expectations: Expectation[] = [
          { origin: CONFIGURED, allowed: true },
          ...allowed.map((name) => ({ origin: origin(name), allowed: true })),
          ...revoked.map((name) => ({ origin: origin(name), allowed: false })),
          { origin: EVIL, allowed: false },
        ];
        const traffic = [new Traffic(a.url, expectations), new Traffic(b.url, expectations)];
        const before = { away: count('Origin store unavailable'), back: count('Origin store back after') };
        const lostBefore = loggers.flatMap((logger) => logger.cors('warn')).filter((line) => line.includes('the store had lost')).length;
        await sleep(BEFORE_MS);

        const killedAt = Date.now();
        await redis.kill();
        const atKill = traffic.map((t) => t.snapshot());
        // Changes are refused while Redis is away, on both instances, and leave nothing behind.
        await waitFor(() => clients.all.every((client) => client.status !== 'ready'));
        const refusedAt = performance.now();
        await expect(service(a).allowOrigin(origin(`outage-${kill}`))).rejects.toThrow(CorsOriginStoreError);
        const refusedMs = performance.now() - refusedAt;
        await expect(service(b).revokeOrigin(origin('one'))).rejects.toThrow(CorsOriginStoreError);
        revoked.push(`outage-${kill}`);
        // An instance started during the outage serves its configured origins, then converges.
        const late = persistence === 'none' && kill === 1 ? await start(createExpress) : undefined;
        if (late) {
          expect(await allowedOn(late, CONFIGURED)).toBe(true);
          expect(service(late).getRuntimeOrigins()).toEqual([]);
        }
        await sleep(Math.max(0, OUTAGE_MS - (Date.now() - killedAt)));

        await redis.start();
        const readyAt = Date.now();
        const during = traffic.map((t, i) => ({ sent: t.snapshot().sent - atKill[i]!.sent, answered: t.snapshot().answered - atKill[i]!.answered }));
        const instances = late ? [a, b, late] : [a, b];
        await waitFor(() => converged(instances, allowed), 15_000);
        const convergedMs = Date.now() - readyAt;
        await sleep(AFTER_MS);
        const counts = await Promise.all(traffic.map((t) => t.stop()));

        for (const [name, count] of [['express', counts[0]!], ['fastify', counts[1]!]] as const) {
          expect({ instance: name, sent: count.sent, wrong: count.wrong, samples: count.samples }).toEqual({ instance: name, sent: count.answered, wrong: 0, samples: [] });
          expect(count.sent).toBeGreaterThan(0);
        }
        for (const app of instances) {
          for (const name of allowed) expect(await allowedOn(app, origin(name))).toBe(true);
          for (const name of revoked) expect(await allowedOn(app, origin(name))).toBe(false);
        }
        // Each instance said once that Redis went away and once that it was back; after an empty
        // restart, exactly one of them put the records back.
        await waitFor(() => count('Origin store back after') - before.back === instances.length);
        expect(count('Origin store unavailable') - before.away).toBe(instances.length);
        const lost = loggers.flatMap((logger) => logger.cors('warn')).filter((line) => line.includes('the store had lost')).length - lostBefore;
        expect(lost).toBe(persistence === 'none' ? 1 : 0);
        if (late) {
          await late.close();
          apps.splice(apps.indexOf(late), 1);
        }
        report(title, kill, {
          outageMs: readyAt - killedAt,
          convergedMs,
          refusedMs,
          counts,
          during,
        });
      }
    }, 60_000);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One line per kill, for docs/runtime-origins.md. */
function report(
  title: string,
  kill: number,
  measured: { outageMs: number; convergedMs: number; refusedMs: number; counts: TrafficCounts[]; during: Array<{ sent: number; answered: number }> },
): void {
  const [express, fastify] = measured.counts;
  const [expressAway, fastifyAway] = measured.during;
  console.log(
    `fault (${title}), kill ${kill}: Redis away ${measured.outageMs} ms; requests answered/sent: express ${express!.answered}/${express!.sent} ` +
      `(${expressAway!.answered}/${expressAway!.sent} while away), fastify ${fastify!.answered}/${fastify!.sent} (${fastifyAway!.answered}/${fastifyAway!.sent} while away); ` +
      `a write while away rejected in ${measured.refusedMs.toFixed(2)} ms; store and instances equal ${measured.convergedMs} ms after Redis was ready`,
  );
}
