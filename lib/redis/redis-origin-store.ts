import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CorsOriginStore, CorsOriginStoreEvent } from '../interfaces/cors-origin-store.interface.js';

/**
 * Options of `RedisOriginStore`.
 * @publicApi
 */
export interface RedisOriginStoreOptions {
  /** An ioredis client for reads and writes. Not closed by the store. */
  client: Redis;
  /** A client for the subscription; default: `client.duplicate()`, closed by the store. */
  subscriber?: Redis;
  /** Key and channel prefix. Default `nestjs-cors`. */
  prefix?: string;
}

interface ChangeMessage {
  type: 'add' | 'remove';
  policy: string;
  origin: string;
  from: string;
}

/**
 * Runtime origins in Redis: one set holds every origin (so they survive restarts), and each
 * change is published on a channel, so every instance updates its local copy within
 * milliseconds. Once subscribed, and again after every reconnection, instances reload the whole set.
 * @publicApi
 */
export class RedisOriginStore implements CorsOriginStore {
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly ownsSubscriber: boolean;
  private readonly key: string;
  private readonly channel: string;
  /** Messages this instance published are skipped: its local copy is already up to date. */
  private readonly instanceId = randomUUID();
  private closed = false;

  constructor(options: RedisOriginStoreOptions) {
    this.client = options.client;
    this.ownsSubscriber = options.subscriber === undefined;
    this.subscriber = options.subscriber ?? options.client.duplicate();
    const prefix = options.prefix ?? 'nestjs-cors';
    this.key = `${prefix}:origins`;
    this.channel = `${prefix}:origins:changes`;
  }

  async load(): Promise<Array<{ policy: string; origin: string }>> {
    await RedisOriginStore.ready(this.client);
    const members = await this.client.smembers(this.key);
    const entries: Array<{ policy: string; origin: string }> = [];
    for (const member of members) {
      try {
        const [policy, origin] = JSON.parse(member) as [unknown, unknown];
        if (typeof policy === 'string' && typeof origin === 'string') entries.push({ policy, origin });
      } catch {
        // Not ours: another writer used the key. Ignored.
      }
    }
    return entries;
  }

  async add(policy: string, origin: string): Promise<void> {
    await this.write('add', policy, origin);
  }

  async remove(policy: string, origin: string): Promise<void> {
    await this.write('remove', policy, origin);
  }

  watch(listener: (event: CorsOriginStoreEvent) => void): void {
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      try {
        const message = JSON.parse(raw) as ChangeMessage;
        if (message.from === this.instanceId) return;
        if ((message.type === 'add' || message.type === 'remove') && typeof message.policy === 'string' && typeof message.origin === 'string') {
          listener({ type: message.type, policy: message.policy, origin: message.origin });
        }
      } catch {
        // A malformed message is ignored; the next resync corrects any drift.
      }
    });
    // Changes published before the subscription is confirmed are never delivered (at startup,
    // between load() and SUBSCRIBE; after a reconnection, during the outage), so every confirmed
    // subscription asks for a reload. Subscribing again is harmless if ioredis already has.
    const subscribe = () =>
      void this.subscriber.subscribe(this.channel).then(
        () => listener({ type: 'resync' }),
        (error: unknown) => listener({ type: 'unavailable', error }),
      );
    this.subscriber.on('ready', subscribe);
    // A lost connection is an outage even when ioredis reconnects before any error is raised.
    const unavailable = (error?: unknown) => this.closed || listener(error === undefined ? { type: 'unavailable' } : { type: 'unavailable', error });
    this.subscriber.on('error', unavailable);
    this.subscriber.on('close', () => unavailable());
    this.subscriber.on('end', () => unavailable());
    if (this.subscriber.status === 'ready') subscribe();
  }

  /** Resolves once the client can take commands (ioredis connects in the background). */
  private static ready(client: Redis): Promise<void> {
    if (client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => client.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    // Shutting down is not an outage: nothing is reported from here on.
    this.closed = true;
    if (this.ownsSubscriber) this.subscriber.disconnect();
  }

  private async write(type: 'add' | 'remove', policy: string, origin: string): Promise<void> {
    const member = JSON.stringify([policy, origin]);
    const message = JSON.stringify({ type, policy, origin, from: this.instanceId } satisfies ChangeMessage);
    const multi = this.client.multi();
    if (type === 'add') multi.sadd(this.key, member);
    else multi.srem(this.key, member);
    const results = await multi.publish(this.channel, message).exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  }
}
