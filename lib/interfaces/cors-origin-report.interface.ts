import type { CorsDecisionPolicy } from './cors-decision-event.interface.js';

/**
 * One origin of the origin report. Counts are exact from the moment the origin took its place
 * in the report; before that, at most `uncounted` of its requests went uncounted (0 for every
 * origin while the report never had to drop one).
 * @publicApi
 */
export interface CorsOriginStats {
  /** The `Origin` as sent; values over 300 characters are cut there and end in `…`. */
  readonly origin: string;
  /** Requests the policy allowed (under report-only: would allow). */
  readonly allowed: number;
  /** Requests the policy refused (under report-only: would refuse). */
  readonly refused: number;
  /** Under report-only: requests the policy would have answered otherwise than the response did. */
  readonly changed: number;
  /** The most requests of this origin that may have gone uncounted before it was tracked (Space-Saving's error bound). */
  readonly uncounted: number;
  /** When it was last seen, ISO 8601. */
  readonly lastSeen: string;
}

/**
 * The origins one policy saw (`CorsPolicyService.getOriginReport()`), most requests first.
 * @publicApi
 */
export interface CorsOriginReport {
  /** As decision events name it: `'module'`, `'policy:<name>'`, `'inline'` or `'none'`. */
  readonly policy: CorsDecisionPolicy;
  /** Every request with `Origin` this policy decided, exact (tracked origins or not). */
  readonly allowed: number;
  /** Every request with `Origin` this policy refused, exact. */
  readonly refused: number;
  /** Under a report-only rollout, every request this policy would have answered differently than `rollout.current` did, exact. */
  readonly changed: number;
  /** The tracked origins: at most `originReport.maxOrigins` per outcome (allowed, refused, changed). */
  readonly origins: readonly CorsOriginStats[];
}
