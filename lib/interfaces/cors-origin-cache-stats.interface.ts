/**
 * Counters of one cache in front of an origin function (`originCache`), as
 * `CorsPolicyService.getOriginCacheStats()` reports them. One cache exists per origin function
 * and cache settings, shared by every route that uses both.
 * @publicApi
 */
export interface CorsOriginCacheStats {
  /** Lookups answered from the cache (allowed or refused). */
  hits: number;
  /** Lookups that had to call the origin function. */
  misses: number;
  /** Lookups that joined a call already in flight for the same origin. */
  shared: number;
  /** Allowed origins remembered now. */
  allowedSize: number;
  /** Refused origins remembered now. */
  refusedSize: number;
}
