import type { CorsDecisionPolicy } from '../../interfaces/cors-decision-event.interface.js';
import type { CorsOriginReport, CorsOriginStats } from '../../interfaces/cors-origin-report.interface.js';
import { OriginSlot, TopOrigins } from './top-origins.js';

/** Longest `Origin` kept as it is: a serialized origin (scheme, a 253-character host, a port) is shorter. */
export const MAX_REPORTED_ORIGIN_LENGTH = 300;

/** The origins of one policy, apart by outcome so that a flood of one kind cannot push out the others. */
interface PolicyOrigins {
  readonly allowed: TopOrigins;
  readonly refused: TopOrigins;
  /** Report-only: requests the policy would answer otherwise than the response did. */
  readonly changed: TopOrigins;
  totals: { allowed: number; refused: number; changed: number };
}

/**
 * The origins each policy sees (`CorsPolicyService.getOriginReport()`), in bounded memory: per
 * policy, one Space-Saving summary (`TopOrigins`) of at most `maxOrigins` origins per outcome
 * (allowed, refused, changed under report-only), so at most 3 x `maxOrigins` origins of at most
 * `MAX_REPORTED_ORIGIN_LENGTH` characters per policy, whatever the traffic. Keeping outcomes apart
 * means random refused origins (a flood, a scan) only churn the refused summary: the allowed
 * origins, and the report-only changes a rollout is about, keep their places. Policies are the
 * configured ones (plus `inline` and `none`), so their number is bounded too.
 */
export class OriginReport {
  private readonly policies = new Map<CorsDecisionPolicy, PolicyOrigins>();

  constructor(private readonly maxOrigins: number) {}

  /** Counts one request with `Origin`, decided by `policy`. */
  record(policy: CorsDecisionPolicy, origin: string, allowed: boolean, changed: boolean, now: number): void {
    let origins = this.policies.get(policy);
    if (origins === undefined) {
      origins = {
        allowed: new TopOrigins(this.maxOrigins),
        refused: new TopOrigins(this.maxOrigins),
        changed: new TopOrigins(this.maxOrigins),
        totals: { allowed: 0, refused: 0, changed: 0 },
      };
      this.policies.set(policy, origins);
    }
    const slot = (changed ? origins.changed : allowed ? origins.allowed : origins.refused).hit(reportedOrigin(origin), now);
    if (allowed) {
      slot.allowed++;
      origins.totals.allowed++;
    } else {
      slot.refused++;
      origins.totals.refused++;
    }
    if (changed) {
      slot.changed++;
      origins.totals.changed++;
    }
  }

  /** The report: per policy, its origins merged over the outcomes, most requests first. */
  snapshot(): CorsOriginReport[] {
    return [...this.policies].map(([policy, origins]) => {
      const merged = new Map<string, { allowed: number; refused: number; changed: number; uncounted: number; lastSeen: number; count: number }>();
      const add = (slot: OriginSlot) => {
        const entry = merged.get(slot.origin);
        if (entry === undefined) {
          merged.set(slot.origin, { allowed: slot.allowed, refused: slot.refused, changed: slot.changed, uncounted: slot.error, lastSeen: slot.lastSeen, count: slot.count });
          return;
        }
        entry.allowed += slot.allowed;
        entry.refused += slot.refused;
        entry.changed += slot.changed;
        entry.uncounted += slot.error;
        entry.count += slot.count;
        entry.lastSeen = Math.max(entry.lastSeen, slot.lastSeen);
      };
      for (const summary of [origins.allowed, origins.refused, origins.changed]) for (const slot of summary.list()) add(slot);
      const list: CorsOriginStats[] = [...merged]
        .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
        .map(([origin, e]) => ({ origin, allowed: e.allowed, refused: e.refused, changed: e.changed, uncounted: e.uncounted, lastSeen: new Date(e.lastSeen).toISOString() }));
      return { policy, ...origins.totals, origins: list };
    });
  }
}

/**
 * The origin as the report keeps it: longer values (never a real origin) are cut, into a string
 * of their own (a slice would keep the whole header alive).
 */
function reportedOrigin(origin: string): string {
  if (origin.length <= MAX_REPORTED_ORIGIN_LENGTH) return origin;
  return Buffer.from(`${origin.slice(0, MAX_REPORTED_ORIGIN_LENGTH)}…`, 'utf8').toString('utf8');
}
