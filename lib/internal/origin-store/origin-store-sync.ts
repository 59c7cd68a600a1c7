import { Logger } from '@nestjs/common';
import { CORS_DEFAULT_POLICY } from '../../cors.constants.js';
import { CorsOriginStoreError } from '../../errors/cors-origin-store.error.js';
import type { CorsOriginRecord, CorsOriginStore, CorsOriginStoreSnapshot } from '../../interfaces/cors-origin-store.interface.js';
import { parseOriginSetting } from '../origin/origin-setting.js';
import { OriginLedger, recordKey } from './origin-ledger.js';
import { errorMessage } from './error-message.js';
import { OriginSetChanges, StoreHealth } from './store-health.js';
import type { RuntimeOriginRegistry } from './runtime-origin-registry.js';

/** How long a failed sync waits before it is tried again. */
const RETRY_MS = 1000;

/**
 * Keeps this instance's runtime origins in step with the shared origin store: writes local
 * changes (undoing them when the store refuses), follows other instances' changes, and syncs
 * after every outage: puts back every record it holds (so a store that lost its data gets it
 * back) and adopts what the store then holds (so a stale instance catches up, revokes included).
 */
export class OriginStoreSync {
  private readonly logger = new Logger('CorsModule');
  private readonly ledger = new OriginLedger();
  private readonly health: StoreHealth;
  /** Per record key, why it cannot apply here (unknown policy, invalid origin), or '' when it can. */
  private readonly refusals = new Map<string, string>();
  /** Versions given to changes when there is no store. */
  private localVersion = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly registry: RuntimeOriginRegistry,
    private readonly store: CorsOriginStore | undefined,
  ) {
    this.health = new StoreHealth(this.logger);
  }

  /**
   * Applies a local change at once and writes it to the store. Resolves with whether the origin
   * was allowed before, once the store has the change; rejects with `CorsOriginStoreError`,
   * undoing the change here, when the store does not take it (logged either way).
   */
  change(policy: string, origin: string, allowed: boolean): Promise<boolean> {
    const was = this.registry.originsOf(policy)!.list().includes(origin);
    const store = this.store;
    if (!store) {
      this.ledger.accept({ policy, origin, allowed, version: ++this.localVersion });
      this.applyOne(policy, origin);
      return Promise.resolve(was);
    }
    const seq = this.ledger.intend(policy, origin, allowed);
    this.applyOne(policy, origin);
    const operation = allowed ? 'allow' : 'revoke';
    let write: Promise<CorsOriginRecord>;
    try {
      write = allowed ? store.add(policy, origin) : store.remove(policy, origin);
    } catch (error) {
      // A store that throws instead of rejecting is undone the same way.
      write = Promise.reject(error);
    }
    return write.then(
      (record) => {
        this.ledger.accept(normalized(record));
        this.ledger.settle(policy, origin, seq);
        this.applyOne(policy, origin);
        return was;
      },
      (error: unknown) => {
        this.ledger.settle(policy, origin, seq);
        this.applyOne(policy, origin);
        const failure = error instanceof CorsOriginStoreError ? error : new CorsOriginStoreError(operation, policy, origin, errorMessage(error), error);
        this.logger.warn(`${failure.message}; change undone on this instance`);
        throw failure;
      },
    );
  }

  /**
   * Syncs with the store and starts following other instances' changes. Waits at most
   * `timeoutMs` for the first sync: an unreachable store at startup is logged, and the origins
   * arrive with the store's next `resync`.
   */
  async connect(timeoutMs = 3000): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.health.starting();
    store.watch((event) => {
      if (this.closed) return;
      if (event.type === 'change') {
        for (const record of event.records.map(normalized)) if (this.ledger.accept(record)) this.applyOne(record.policy, record.origin);
      } else if (event.type === 'unavailable') {
        this.health.unavailable(event.error);
      } else {
        this.requestSync();
      }
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.runSync(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          timer.unref();
        }),
      ]);
      this.health.started();
    } catch (error) {
      this.health.startedWithout(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops syncing and releases the store's connections. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.store?.close?.();
  }

  /** Asks for a sync; one runs at a time, and a request made meanwhile runs once after it. */
  private requestSync(): void {
    if (this.running) this.again = true;
    else void this.runSync().catch(() => undefined);
  }

  private runSync(): Promise<void> {
    if (this.running) return this.running;
    this.again = false;
    const run = this.store!.sync(this.ledger.all()).then(
      (snapshot) => this.adopt(snapshot),
      (error: unknown) => {
        // A sync still running when the app shuts down fails with the connection: nothing to report.
        if (this.closed) throw error;
        this.health.syncFailed(error);
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.requestSync(), RETRY_MS);
        this.retry.unref();
        throw error;
      },
    );
    this.running = run.finally(() => {
      this.running = undefined;
      if (this.again && !this.closed) this.requestSync();
    });
    return this.running;
  }

  /** Takes the store's records and makes the local sets match; logs what that changed. */
  private adopt(snapshot: CorsOriginStoreSnapshot): void {
    if (this.closed) return;
    for (const record of snapshot.records) this.ledger.accept(normalized(record));
    const desired = new Map<string, string[]>(this.registry.names().map((name) => [name, []]));
    for (const { policy, origin } of this.ledger.allowedEntries()) if (this.applies(policy, origin)) desired.get(policy)!.push(origin);
    const changes: OriginSetChanges = { added: [], removed: [] };
    for (const [policy, origins] of desired) {
      const current = this.registry.originsOf(policy)!.list();
      const added = origins.filter((origin) => !current.includes(origin));
      const removed = current.filter((origin) => !origins.includes(origin));
      if (added.length === 0 && removed.length === 0) continue;
      changes.added.push(...added.map((origin) => ({ policy, origin })));
      changes.removed.push(...removed.map((origin) => ({ policy, origin })));
      this.registry.replace(policy, origins);
    }
    this.health.synced(snapshot.putBack, changes, [...desired.values()].reduce((sum, origins) => sum + origins.length, 0));
  }

  /** Makes one origin's local state match the ledger. */
  private applyOne(policy: string, origin: string): void {
    const allowed = this.ledger.allowed(policy, origin) && this.applies(policy, origin);
    this.registry.apply(allowed ? 'add' : 'remove', policy, origin);
  }

  /** Whether an origin of the store can join that policy here; warns once about those that cannot. */
  private applies(policy: string, origin: string): boolean {
    const key = recordKey(policy, origin);
    let refusal = this.refusals.get(key);
    if (refusal === undefined) {
      const setting = parseOriginSetting(origin);
      const problems = this.registry.originsOf(policy) ? this.registry.validate(origin, policy) : [];
      refusal = !this.registry.originsOf(policy)
        ? 'no policy of that name here'
        : setting.kind === 'invalid'
          ? setting.hint
          : problems.map((p) => p.message).join('; ');
      this.refusals.set(key, refusal);
      if (refusal) this.logger.warn(`Origin store: ignored ${JSON.stringify(origin)} for ${JSON.stringify(policy)}: ${refusal}`);
    }
    return refusal === '';
  }
}

/** A record of the module defaults written before they had a name carries ''. */
function normalized(record: CorsOriginRecord): CorsOriginRecord {
  return record.policy === '' ? { ...record, policy: CORS_DEFAULT_POLICY } : record;
}
