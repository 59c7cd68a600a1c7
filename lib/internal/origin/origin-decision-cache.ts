import type { CorsOriginCacheStats } from '../../interfaces/cors-origin-cache-stats.interface.js';

/** Options of the cache in front of an origin function (`originCache`). */
export interface OriginDecisionCacheOptions {
  ttl: number;
  negativeTtl: number;
  max: number;
  maxNegative: number;
}

/** Most distinct origins whose calls are shared at once. */
const MAX_INFLIGHT = 10_000;

/** Counters for tests and benchmarks (the public `CorsOriginCacheStats`). */
export type OriginDecisionCacheStats = CorsOriginCacheStats;

/**
 * Entries that expire, at most `max` of them; the oldest insertion goes first. A Map keeps
 * insertion order, so eviction is O(1) and memory is bounded whatever the traffic.
 */
class ExpiringSet {
  private readonly expiry = new Map<string, number>();

  constructor(
    private readonly ttl: number,
    private readonly max: number,
  ) {}

  has(key: string, now: number): boolean {
    const expiresAt = this.expiry.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > now) return true;
    this.expiry.delete(key);
    return false;
  }

  add(key: string, now: number): void {
    if (this.max === 0 || this.ttl === 0) return;
    this.expiry.delete(key);
    this.expiry.set(key, now + this.ttl);
    if (this.expiry.size > this.max) this.expiry.delete(this.expiry.keys().next().value!);
  }

  delete(key: string): void {
    this.expiry.delete(key);
  }

  get size(): number {
    return this.expiry.size;
  }
}

/**
 * Remembers an origin function's answers. Allowed and refused answers live in separate bounded
 * sets, so a flood of random (refused) origins can only churn the refused set and never evicts
 * the origins real users come from. Concurrent requests for the same unknown origin share one
 * call (no thundering herd). Errors are not remembered: the next request asks again.
 */
export class OriginDecisionCache {
  private readonly allowed: ExpiringSet;
  private readonly refused: ExpiringSet;
  private readonly inflight = new Map<string, Promise<boolean>>();
  private readonly counters = { hits: 0, misses: 0, shared: 0 };

  constructor(options: OriginDecisionCacheOptions) {
    this.allowed = new ExpiringSet(options.ttl, options.max);
    this.refused = new ExpiringSet(options.negativeTtl, options.maxNegative);
  }

  /**
   * The remembered answer, or undefined. With `countMiss: false` a miss is not counted yet, for a
   * caller that first checks whether the value may be asked at all (then calls `countMiss()`).
   */
  lookup(origin: string, countMiss = true): boolean | undefined {
    const now = Date.now();
    if (this.allowed.has(origin, now)) {
      this.counters.hits++;
      return true;
    }
    if (this.refused.has(origin, now)) {
      this.counters.hits++;
      return false;
    }
    if (countMiss) this.counters.misses++;
    return undefined;
  }

  /** Counts a miss that `lookup(origin, false)` left uncounted. */
  countMiss(): void {
    this.counters.misses++;
  }

  /**
   * Asks `call` once for an origin, however many requests wait for it, and remembers the answer.
   * A synchronous answer is returned synchronously.
   */
  resolve(origin: string, call: () => boolean | Promise<boolean>): boolean | Promise<boolean> {
    const pending = this.inflight.get(origin);
    if (pending) {
      this.counters.shared++;
      return pending;
    }
    const result = call();
    if (typeof result === 'boolean') {
      this.remember(origin, result);
      return result;
    }
    const shared = Promise.resolve(result).then(
      (answer) => {
        this.inflight.delete(origin);
        this.remember(origin, answer === true);
        return answer === true;
      },
      (error: unknown) => {
        this.inflight.delete(origin);
        throw error;
      },
    );
    // Bounded like everything else: past the cap, calls are simply not shared.
    if (this.inflight.size < MAX_INFLIGHT) this.inflight.set(origin, shared);
    return shared;
  }

  /**
   * Stops sharing a call that outlived the request timeout, so an origin function that never
   * settles cannot pin entries here; the next request asks again.
   */
  abandon(origin: string, call: Promise<boolean>): void {
    if (this.inflight.get(origin) === call) this.inflight.delete(origin);
  }

  /** Forgets what is known about an origin (runtime origins changed). */
  forget(origin: string): void {
    this.allowed.delete(origin);
    this.refused.delete(origin);
  }

  stats(): OriginDecisionCacheStats {
    return { ...this.counters, allowedSize: this.allowed.size, refusedSize: this.refused.size };
  }

  private remember(origin: string, allowed: boolean): void {
    if (allowed) this.allowed.add(origin, Date.now());
    else this.refused.add(origin, Date.now());
  }
}
