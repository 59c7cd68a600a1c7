import { expect } from '@jest/globals';
import { Controller, Get, Module, Type } from '@nestjs/common';
import { Cluster, Redis } from 'ioredis';
import { CorsModule } from '../../../lib/index.js';
import { RedisOriginStore, RedisOriginStoreOptions } from '../../../lib/redis/index.js';
import type { RunningApp } from '../utils/adapters.js';
import { send } from '../utils/http.js';

/** The origin every instance is configured with. */
export const CONFIGURED = 'https://app.example.com';

@Controller('r')
class ResourceController {
  @Get() get() {
    return { ok: true };
  }
}

/**
 * The Redis clients a test gave its apps, as `main.ts` would create them (`enableOfflineQueue:
 * false`, no `error` listener of their own); like any app, the test owns them and closes them.
 */
export class StoreClients {
  private readonly clients: Array<Redis | Cluster> = [];

  /** A client of the server on `port` (through a proxy, if that is the port given). */
  redis(port: number): Redis {
    return this.track(new Redis({ port, host: '127.0.0.1', enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
  }

  /** A client of the cluster whose nodes listen on `ports`. */
  cluster(ports: readonly number[]): Cluster {
    return this.track(new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })), { enableOfflineQueue: false }));
  }

  /** Every client, in the order they were made. */
  get all(): ReadonlyArray<Redis | Cluster> {
    return this.clients;
  }

  /** Disconnects each client once (ioredis arms a 2 s timer on every disconnect() of a closed socket). */
  disconnectAll(): void {
    for (const client of this.clients.splice(0)) client.disconnect();
  }

  private track<T extends Redis | Cluster>(client: T): T {
    this.clients.push(client);
    return client;
  }
}

/**
 * An app module with one `GET /r` route, the configured origin (credentials on), and a
 * `RedisOriginStore` on the client `connect()` makes, created when the module initializes.
 */
export function storeAppModule(connect: () => Redis | Cluster, store: Omit<RedisOriginStoreOptions, 'client'> = {}): Type {
  @Module({
    imports: [
      CorsModule.forRootAsync({
        useFactory: () => ({ origin: [CONFIGURED], credentials: true, originStore: new RedisOriginStore({ client: connect(), ...store }) }),
      }),
    ],
    controllers: [ResourceController],
  })
  class StoreAppModule {}
  return StoreAppModule;
}

/** Whether a cross-origin GET from `origin` gets `Access-Control-Allow-Origin` for it (always a 200). */
export async function allowedOn(app: RunningApp, origin: string): Promise<boolean> {
  const res = await send(app.url, 'GET', '/r', { Origin: origin });
  expect(res.status).toBe(200);
  return res.headers['access-control-allow-origin']?.[0] === origin;
}

/** Polls until `check` is true, at most `timeoutMs`; returns the milliseconds it took. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}
