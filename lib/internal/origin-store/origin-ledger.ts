import type { CorsOriginRecord } from '../../interfaces/cors-origin-store.interface.js';

/** The key of one origin of one policy. */
export function recordKey(policy: string, origin: string): string {
  return JSON.stringify([policy, origin]);
}

/**
 * What this instance knows of the store: the latest record of every origin it has heard of,
 * revokes included (they are what keeps a stale instance from bringing a revoked origin back),
 * and, over them, the local changes whose write is still in flight. The runtime origin sets are
 * derived from it: an origin is allowed if its pending change says so, else if its record does.
 */
export class OriginLedger {
  private readonly records = new Map<string, CorsOriginRecord>();
  /** Per key, the latest local change not yet settled, with the sequence number of its write. */
  private readonly pending = new Map<string, { allowed: boolean; seq: number }>();
  private seq = 0;

  /** Keeps `record` if it is newer than the one held for its origin; whether it was. */
  accept(record: CorsOriginRecord): boolean {
    const key = recordKey(record.policy, record.origin);
    const held = this.records.get(key);
    if (held && held.version >= record.version) return false;
    this.records.set(key, { policy: record.policy, origin: record.origin, allowed: record.allowed, version: record.version });
    return true;
  }

  /** Every record held, oldest first: what this instance puts back into the store. */
  all(): CorsOriginRecord[] {
    return [...this.records.values()].sort((a, b) => a.version - b.version);
  }

  /** The record held for an origin, if any. */
  get(policy: string, origin: string): CorsOriginRecord | undefined {
    return this.records.get(recordKey(policy, origin));
  }

  /** Notes a local change whose write starts now; returns the handle `settle` takes. */
  intend(policy: string, origin: string, allowed: boolean): number {
    const seq = ++this.seq;
    this.pending.set(recordKey(policy, origin), { allowed, seq });
    return seq;
  }

  /** The write `seq` ended (taken or refused): unless a later change is pending, records decide again. */
  settle(policy: string, origin: string, seq: number): void {
    const key = recordKey(policy, origin);
    if (this.pending.get(key)?.seq === seq) this.pending.delete(key);
  }

  /** Whether the origin is allowed: its pending change, else its record. */
  allowed(policy: string, origin: string): boolean {
    const key = recordKey(policy, origin);
    return this.pending.get(key)?.allowed ?? this.records.get(key)?.allowed ?? false;
  }

  /** Every allowed origin, oldest record first, pending additions last. */
  allowedEntries(): Array<{ policy: string; origin: string }> {
    const entries: Array<{ policy: string; origin: string }> = [];
    for (const record of this.all()) if (this.allowed(record.policy, record.origin)) entries.push(record);
    for (const [key, change] of this.pending) {
      if (change.allowed && !this.records.has(key)) {
        const [policy, origin] = JSON.parse(key) as [string, string];
        entries.push({ policy, origin });
      }
    }
    return entries;
  }
}
