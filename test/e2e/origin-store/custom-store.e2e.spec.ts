import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import {
  CorsModule,
  CorsOriginRecord,
  CorsOriginStore,
  CorsOriginStoreError,
  CorsOriginStoreEvent,
  CorsOriginStoreSnapshot,
  CorsPolicyService,
} from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { allowedOn } from './store-apps.js';

const QUOTA = 'https://over-quota.example.com';
const OFFLINE = 'https://offline.example.com';

/**
 * A store of the app's own, in memory, with a quota: it throws (instead of rejecting) for one
 * origin and rejects with a plain error for another, as a custom backend might.
 */
class QuotaStore implements CorsOriginStore {
  private readonly records = new Map<string, CorsOriginRecord>();
  private version = 0;

  async sync(known: readonly CorsOriginRecord[]): Promise<CorsOriginStoreSnapshot> {
    let putBack = 0;
    for (const record of known) {
      const key = JSON.stringify([record.policy, record.origin]);
      if ((this.records.get(key)?.version ?? 0) < record.version) {
        this.records.set(key, record);
        putBack++;
      }
    }
    return { records: [...this.records.values()], putBack };
  }

  add(policy: string, origin: string): Promise<CorsOriginRecord> {
    if (origin === QUOTA) throw new RangeError('quota of runtime origins reached');
    if (origin === OFFLINE) return Promise.reject(new Error('backend offline'));
    return Promise.resolve(this.put(policy, origin, true));
  }

  async remove(policy: string, origin: string): Promise<CorsOriginRecord> {
    return this.put(policy, origin, false);
  }

  watch(_listener: (event: CorsOriginStoreEvent) => void): void {}

  private put(policy: string, origin: string, allowed: boolean): CorsOriginRecord {
    const record = { policy, origin, allowed, version: ++this.version };
    this.records.set(JSON.stringify([policy, origin]), record);
    return record;
  }
}

@Controller('r')
class ResourceController {
  @Get() get() {
    return { ok: true };
  }
}

describe.each(ADAPTERS)('a custom origin store (%s)', (_name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    @Module({ imports: [CorsModule.forRoot({ origin: ['https://app.example.com'], originStore: new QuotaStore() })], controllers: [ResourceController] })
    class AppModule {}
    running = await startApp(create, AppModule);
  });
  afterAll(() => running.close());

  it('a store that throws or rejects with its own error: CorsOriginStoreError with that cause, the change undone, logged', async () => {
    const cors = running.app.get(CorsPolicyService);
    const results = await Promise.all([QUOTA, OFFLINE].map((origin) => cors.allowOrigin(origin).then(() => undefined, (error: unknown) => error)));
    expect(results.map((error) => error instanceof CorsOriginStoreError)).toEqual([true, true]);
    expect(results.map((error) => (error as Error).message)).toEqual([
      'Origin store did not take allow "https://over-quota.example.com" ("default"): quota of runtime origins reached',
      'Origin store did not take allow "https://offline.example.com" ("default"): backend offline',
    ]);
    expect(((results[0] as Error).cause as Error).name).toBe('RangeError');
    expect(cors.getRuntimeOrigins()).toEqual([]);
    expect(await allowedOn(running, QUOTA)).toBe(false);
    expect(running.logger.cors('warn')).toEqual(
      expect.arrayContaining([
        'Origin store did not take allow "https://over-quota.example.com" ("default"): quota of runtime origins reached; change undone on this instance',
        'Origin store did not take allow "https://offline.example.com" ("default"): backend offline; change undone on this instance',
      ]),
    );
    // Other writes go through; revokes are recorded as records with a version.
    await cors.allowOrigin('https://fine.example.com');
    expect(await allowedOn(running, 'https://fine.example.com')).toBe(true);
    expect(await cors.revokeOrigin('https://fine.example.com')).toBe(true);
    expect(await allowedOn(running, 'https://fine.example.com')).toBe(false);
  });
});
