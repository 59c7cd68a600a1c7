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
 * milliseconds. After a reconnection, instances reload the whole set.
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
    let connectedBefore = this.subscriber.status === 'ready';
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
    const subscribe = () => void this.subscriber.subscribe(this.channel).catch((error: unknown) => listener({ type: 'unavailable', error }));
    this.subscriber.on('ready', () => {
      // Subscribing again is harmless (ioredis may already have); changes missed meanwhile are reloaded.
      subscribe();
      if (connectedBefore) listener({ type: 'resync' });
      connectedBefore = true;
    });
    this.subscriber.on('error', (error: unknown) => listener({ type: 'unavailable', error }));
    this.subscriber.on('end', () => listener({ type: 'unavailable' }));
    if (connectedBefore) subscribe();
  }

  /** Resolves once the client can take commands (ioredis connects in the background). */
  private static ready(client: Redis): Promise<void> {
    if (client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => client.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
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
