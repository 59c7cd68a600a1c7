import { CorsOriginFunction } from '../../interfaces/cors-policy-options.interface.js';
import { OriginDecisionCache } from '../origin/origin-decision-cache.js';
import { OriginMatcher } from '../origin/origin-matcher.js';
import type { Grant } from './grant.js';

/**
 * A policy compiled at startup: the request path only reads these fields. Header values are
 * precomputed (`Grant`), never shared mutable arrays. Shared by every endpoint with the same
 * configuration (one object for all routes that only use the module defaults).
 */
export interface CompiledPolicy extends Grant {
  readonly matcher: OriginMatcher;
  readonly originFunction: CorsOriginFunction | undefined;
  /** Remembers the origin function's answers (`originCache`), shared by every route using the function. */
  readonly originCache: OriginDecisionCache | undefined;
  /** Allowed preflight methods; undefined = the method of the route the preflight resolves to. */
  readonly methods: ReadonlySet<string> | undefined;
  /** Allowed request headers, lowercase; undefined = any. */
  readonly allowedHeaders: ReadonlySet<string> | undefined;
  /** Where the origin rule came from, in logs: `the module defaults`, `policy "partners"`, `@Cors() on ItemsController`. */
  readonly originsFrom: string;
}
