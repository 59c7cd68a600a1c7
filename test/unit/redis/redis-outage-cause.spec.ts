import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { CorsOriginStoreError } from '../../../lib/index.js';
import { RedisOriginStore } from '../../../lib/redis/index.js';

/** Just enough of an ioredis connection for the store's outage bookkeeping: events and a status. */
class FakeConnection extends EventEmitter {
  status = 'reconnecting';
  disconnect(): void {}
}

function storeOverFakes() {
  const client = new FakeConnection();
  const subscriber = new FakeConnection();
  const store = new RedisOriginStore({ client: client as unknown as Redis, subscriber: subscriber as unknown as Redis, checkInterval: 0 });
  return { client, subscriber, store };
}

describe('RedisOriginStore: the cause of a write refused during an outage', () => {
  it.each([
    ['the client failed last', ['subscriber', 'client'] as const],
    ['the subscriber failed last', ['client', 'subscriber'] as const],
  ])("is the client's latest error (%s): writes go through the client", async (_label, order) => {
    const { store, ...connections } = storeOverFakes();
    const errors = { client: new Error('connect ECONNREFUSED (client)'), subscriber: new Error('connect ECONNREFUSED (subscriber)') };
    for (const which of order) connections[which].emit('error', errors[which]);

    const refused = await store.add('default', 'https://a.example.com').catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(CorsOriginStoreError);
    expect((refused as Error).message).toBe('Origin store did not take allow "https://a.example.com" ("default"): Redis is unreachable (connection reconnecting)');
    expect((refused as Error).cause).toBe(errors.client);
    await store.close();
  });

  it('has no cause when only the subscriber reported an error', async () => {
    const { store, subscriber } = storeOverFakes();
    subscriber.emit('error', new Error('subscriber only'));
    const refused = await store.remove('default', 'https://a.example.com').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CorsOriginStoreError);
    expect((refused as Error).cause).toBeUndefined();
    await store.close();
  });
});
