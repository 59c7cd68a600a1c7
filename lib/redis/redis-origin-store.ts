import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import { CorsOriginStoreError } from '../errors/cors-origin-store.error.js';
import { errorMessage } from '../internal/origin-store/error-message.js';
import type { CorsOriginRecord, CorsOriginStore, CorsOriginStoreEvent, CorsOriginStoreSnapshot } from '../interfaces/cors-origin-store.interface.js';
import { RedisStoreKeys, redisStoreKeys } from './redis-keys.js';
import { memberOf, recordOf, recordsOfMessage, recordsOfSnapshot, signedVersion } from './redis-records.js';
import { NO_MARKER, SYNC_SCRIPT, WRITE_SCRIPT } from './redis-scripts.js';

/**
 * A client of one Redis server, or of a Redis Cluster (ioredis `Redis` or `Cluster`).
 * @publicApi
 */
export type RedisOriginStoreClient = Redis | Cluster;

/**
 * Options of `RedisOriginStore`.
 * @publicApi
 */
export interface RedisOriginStoreOptions {
  /** An ioredis `Redis` or `Cluster` for reads and writes. Not closed by the store. */
  client: RedisOriginStoreClient;
  /** A client for the subscription; default: `client.duplicate()`, closed by the store. */
  subscriber?: RedisOriginStoreClient;
  /** Key and channel prefix. Default `nestjs-cors`. Keys share one hash slot (see `docs/runtime-origins.md`). */
  prefix?: string;
  /**
   * How often, in milliseconds, the store checks that Redis still holds its marker, to notice a
   * loss no reconnection reveals (`FLUSHALL`, a failover without a dropped connection). Default
   * 5000; 0 never checks (reconnections and refused writes still reveal a loss).
   */
  checkInterval?: number;
}

/** What `eval` answers for a client of either kind. */
type Evaluate = (script: string, numKeys: number, ...args: string[]) => Promise<unknown>;

/**
 * Runtime origins in Redis: every origin's latest change with its version (revokes included) and a
 * marker that says the store holds a complete state. Each change is published, so every instance
 * updates its local copy within milliseconds. After every reconnection, and whenever the marker is
 * gone or replaced, instances sync: they put what they hold back into Redis (the higher version
 * of each origin wins) and adopt the result, so an empty restart loses nothing an instance knows.
 * @publicApi
 */
export class RedisOriginStore implements CorsOriginStore {
  private readonly client: RedisOriginStoreClient;
  private readonly subscriber: RedisOriginStoreClient;
  private readonly ownsSubscriber: boolean;
  private readonly keys: RedisStoreKeys;
  private readonly checkInterval: number;
  private listener: ((event: CorsOriginStoreEvent) => void) | undefined;
  /** The marker's generation at this instance's last sync; another one means the store was rebuilt since. */
  private generation: string | undefined;
  private lastError: unknown;
  /** Set by a lost connection, cleared by the next `ready`: that `ready` ends an outage. */
  private clientWasDown = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly waiting = new Set<(error?: Error) => void>();
  private closed = false;

  constructor(options: RedisOriginStoreOptions) {
    this.keys = redisStoreKeys(options.prefix ?? 'nestjs-cors');
    const checkInterval = options.checkInterval ?? 5000;
    if (!Number.isInteger(checkInterval) || checkInterval < 0) throw new Error(`RedisOriginStore: checkInterval must be milliseconds (0 or more), got ${String(checkInterval)}`);
    this.checkInterval = checkInterval;
    this.client = options.client;
    this.ownsSubscriber = options.subscriber === undefined;
    // Called without arguments, `Redis.duplicate()` and `Cluster.duplicate()` do the same: one more
    // client with the same options (TypeScript cannot call a union of their signatures).
    this.subscriber = options.subscriber ?? (options.client as Redis).duplicate();
    // Handled from the start, whatever listeners the app added: an outage is reported once through
    // `watch`, never printed by ioredis as an unhandled error event per reconnection attempt.
    for (const connection of new Set([this.client, this.subscriber])) {
      connection.on('error', (error: unknown) => this.lost(connection, error));
      connection.on('close', () => this.lost(connection));
      connection.on('end', () => this.lost(connection));
    }
    // After an outage of the client alone; when the subscriber was down too, its confirmed
    // subscription asks for the sync, so that the outage ends once both are back.
    this.client.on('ready', () => {
      if (!this.clientWasDown) return;
      this.clientWasDown = false;
      if (this.subscriber.status === 'ready') this.emit({ type: 'resync' });
    });
  }

  /** Puts `known` into Redis (the higher version of each origin wins) in one script, and returns what Redis then holds. */
  async sync(known: readonly CorsOriginRecord[]): Promise<CorsOriginStoreSnapshot> {
    await this.ready();
    const pairs = known.flatMap((record) => [memberOf(record.policy, record.origin), signedVersion(record)]);
    const reply = (await this.evaluate(SYNC_SCRIPT, randomUUID(), this.keys.channel, ...pairs)) as [string, string[], string[], number];
    const [generation, versions, members, putBack] = reply;
    this.generation = generation;
    return { records: recordsOfSnapshot(versions, members), putBack };
  }

  /** Records the origin as allowed and publishes the change, in one script. */
  add(policy: string, origin: string): Promise<CorsOriginRecord> {
    return this.write('allow', policy, origin);
  }

  /** Records the revoke and publishes the change, in one script. */
  remove(policy: string, origin: string): Promise<CorsOriginRecord> {
    return this.write('revoke', policy, origin);
  }

  /**
   * Subscribes to the channel: reports other instances' changes, a `resync` at every confirmed
   * subscription and whenever the marker is gone or replaced, and `unavailable` on a lost connection.
   */
  watch(listener: (event: CorsOriginStoreEvent) => void): void {
    this.listener = listener;
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.keys.channel) return;
      const records = recordsOfMessage(raw);
      if (records.length > 0) this.emit({ type: 'change', records });
    });
    // Changes published before the subscription is confirmed are never delivered (at startup,
    // between the first sync and SUBSCRIBE; after a reconnection, during the outage), so every
    // confirmed subscription asks for a sync. Subscribing again is harmless if ioredis already has.
    const subscribe = () =>
      void this.subscriber.subscribe(this.keys.channel).then(
        () => this.emit({ type: 'resync' }),
        (error: unknown) => this.emit({ type: 'unavailable', error }),
      );
    this.subscriber.on('ready', subscribe);
    if (this.subscriber.status === 'ready') subscribe();
    if (this.checkInterval > 0) {
      this.timer = setInterval(() => void this.checkMarker(), this.checkInterval);
      this.timer.unref();
    }
  }

  /** Stops the marker checks and disconnects the subscriber if the store created it; `client` is the caller's to close. */
  async close(): Promise<void> {
    // Shutting down is not an outage: nothing is reported from here on.
    this.closed = true;
    clearInterval(this.timer);
    for (const release of this.waiting) release(new Error('the origin store was closed'));
    this.waiting.clear();
    if (this.ownsSubscriber) this.subscriber.disconnect();
  }

  private async write(operation: 'allow' | 'revoke', policy: string, origin: string): Promise<CorsOriginRecord> {
    // Refused at once while disconnected, whatever the client's offline queue would do: a change
    // that waits for Redis would be applied here and nowhere else meanwhile.
    if (this.client.status !== 'ready') {
      throw new CorsOriginStoreError(operation, policy, origin, `Redis is unreachable (connection ${this.client.status})`, this.lastError);
    }
    const member = memberOf(policy, origin);
    let reply: [string, string];
    try {
      reply = (await this.evaluate(WRITE_SCRIPT, member, operation === 'allow' ? '+' : '-', this.keys.channel)) as [string, string];
    } catch (error) {
      const lostData = errorMessage(error).startsWith(NO_MARKER);
      if (lostData) this.emit({ type: 'resync' });
      const reason = lostData ? 'Redis lost its data; the instances are putting it back, try again in a moment' : errorMessage(error);
      throw new CorsOriginStoreError(operation, policy, origin, reason, error);
    }
    const [generation, signed] = reply;
    // The store was rebuilt since this instance's last sync: what it holds may be missing there.
    if (generation !== this.generation) this.emit({ type: 'resync' });
    return recordOf(member, signed)!;
  }

  /** Asks for a sync when the marker is gone or was written by another rebuild. */
  private async checkMarker(): Promise<void> {
    if (this.closed || this.generation === undefined || this.client.status !== 'ready') return;
    try {
      const generation = await this.client.hget(this.keys.marker, 'generation');
      if (generation !== this.generation) this.emit({ type: 'resync' });
    } catch {
      // A failed check is a connection problem, reported by the client's own events.
    }
  }

  private evaluate(script: string, ...args: string[]): Promise<unknown> {
    const { set, versions, marker } = this.keys;
    return (this.client.eval as Evaluate).call(this.client, script, 3, set, versions, marker, ...args);
  }

  private lost(connection: RedisOriginStoreClient, error?: unknown): void {
    if (connection === this.client) {
      // Writes go through the client: its error, not the subscriber's, is the cause of a refused write.
      if (error !== undefined) this.lastError = error;
      this.clientWasDown = true;
    }
    this.emit(error === undefined ? { type: 'unavailable' } : { type: 'unavailable', error });
  }

  private emit(event: CorsOriginStoreEvent): void {
    if (!this.closed) this.listener?.(event);
  }

  /** Resolves once the client can take commands (ioredis connects in the background). */
  private ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the origin store was closed'));
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const release = (error?: Error) => {
        this.waiting.delete(release);
        this.client.off('ready', onReady);
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => release();
      this.waiting.add(release);
      this.client.once('ready', onReady);
    });
  }
}
