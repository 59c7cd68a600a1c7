import { Logger } from '@nestjs/common';
import type { CorsOriginStore } from '../../interfaces/cors-origin-store.interface.js';
import { parseOriginSetting } from '../origin/origin-setting.js';
import type { OriginPattern } from '../origin/origin-pattern.js';
import type { RuntimeOriginRegistry } from './runtime-origin-registry.js';

/**
 * Keeps this instance's runtime origins in step with the shared origin store: persists local
 * changes (undoing them when the write fails), follows other instances' changes, reloads
 * everything after an outage.
 */
export class OriginStoreSync {
  private readonly logger = new Logger('CorsModule');

  constructor(
    private readonly registry: RuntimeOriginRegistry,
    private readonly store: CorsOriginStore | undefined,
  ) {}

  /**
   * Writes a local change to the store. Resolves once the store has it; rejects, undoing the
   * change here, when the write fails. Ignoring the promise is safe: a failure is then only logged.
   */
  persist(type: 'add' | 'remove', policy: string, origin: string, undo: () => void): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const write = (type === 'add' ? store.add(policy, origin) : store.remove(policy, origin)).catch((error: unknown) => {
      undo();
      this.logger.warn(`Origin store write failed (${type} ${JSON.stringify(origin)}); change undone: ${message(error)}`);
      throw error;
    });
    // Marks the rejection as handled for callers that ignore the promise; awaiting it still throws.
    write.catch(() => undefined);
    return write;
  }

  /**
   * Loads runtime origins from the store and starts following other instances' changes.
   * Waits at most `timeoutMs` for the first load: an unreachable store at startup is logged,
   * and the origins arrive with the store's next `resync`.
   */
  async connect(timeoutMs = 3000): Promise<void> {
    const store = this.store;
    if (!store) return;
    let unavailableLogged = false;
    store.watch((event) => {
      if (event.type === 'add' || event.type === 'remove') {
        if (event.type === 'add' && this.registry.validate(event.origin, event.policy).length > 0) {
          this.logger.warn(`Origin store: ignored invalid origin ${JSON.stringify(event.origin)} for ${JSON.stringify(event.policy)}`);
          return;
        }
        this.registry.apply(event.type, event.policy, event.origin);
      } else if (event.type === 'unavailable') {
        if (!unavailableLogged) {
          unavailableLogged = true;
          const reason = event.error instanceof Error ? `: ${event.error.message}` : '';
          this.logger.warn(`Origin store unavailable${reason}; serving the last known runtime origins until it is back`);
        }
      } else {
        const afterOutage = unavailableLogged;
        unavailableLogged = false;
        void this.reload().then(
          (count) => afterOutage && this.logger.log(`Origin store back: resynchronised ${count} runtime origins`),
          (error: unknown) => this.logger.warn(`Origin store resync failed: ${message(error)}`),
        );
      }
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.reload(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          timer.unref();
        }),
      ]);
    } catch (error) {
      this.logger.warn(`Origin store unavailable at startup (${message(error)}); starting without runtime origins, they are loaded when it is back`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Releases the store's connections. */
  async close(): Promise<void> {
    await this.store?.close?.();
  }

  /** Replaces every local runtime origin set with the store's content; returns how many were loaded. */
  private async reload(): Promise<number> {
    const entries = await this.store!.load();
    const byPolicy = new Map<string, { exact: string[]; patterns: OriginPattern[] }>();
    for (const name of ['', ...this.registry.policyNames()]) byPolicy.set(name, { exact: [], patterns: [] });
    let count = 0;
    for (const { policy, origin } of entries) {
      const target = byPolicy.get(policy);
      const setting = parseOriginSetting(origin);
      if (!target || setting.kind === 'invalid' || this.registry.validate(origin, policy).length > 0) {
        this.logger.warn(`Origin store: ignored ${JSON.stringify(origin)} for ${JSON.stringify(policy)} (unknown policy or invalid origin)`);
        continue;
      }
      if (setting.kind === 'exact') target.exact.push(setting.origin);
      else target.patterns.push(setting.pattern);
      count++;
    }
    for (const [name, { exact, patterns }] of byPolicy) this.registry.originsOf(name)!.replaceAll(exact, patterns);
    return count;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
