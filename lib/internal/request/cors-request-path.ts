import type { CorsTable, TableRoute } from '../table/cors-table.js';
import type { OriginStoreSync } from '../origin-store/origin-store-sync.js';
import type { RuntimeOriginRegistry } from '../origin-store/runtime-origin-registry.js';
import type { DecisionRules } from '../decision/decide.js';
import type { CorsDiagnostics } from '../diagnostics/cors-diagnostics.js';
import type { ResponseWriter } from '../http/response-writer.js';
import type { RouterEntry } from '../routing/preflight-router.js';

/** Finds the route a request is about, the way the adapter's router would. */
export interface RouteFinder<T> {
  find(method: string, path: string): RouterEntry<T> | undefined;
}

/**
 * Everything the request path reads, fixed at startup and frozen: the compiled table, the route
 * finder and response writer of the adapter, and the log lines. The entry hook, the route hooks,
 * the guard and the interceptor receive this object and nothing else.
 */
export interface CorsRequestPath {
  readonly table: CorsTable;
  readonly finder: RouteFinder<TableRoute>;
  readonly writer: ResponseWriter;
  /**
   * The writer for endpoints that are not controller routes (`paths` entries), which may end
   * the response without the adapter (Fastify middleware writing to the raw response).
   */
  readonly endpointWriter: ResponseWriter;
  readonly diagnostics: CorsDiagnostics;
  /** What the decision core is told: the table's settings, origin function failures reported to `diagnostics`. */
  readonly rules: DecisionRules;
  /** Another CORS layer was found at startup: permissions it set must be scrubbed. */
  readonly otherCorsLayer: boolean;
  /** The adapter's cheap not-found test, where it has one (see `CorsPlatform.isNotFound`). */
  readonly isNotFound: ((request: unknown) => boolean) | undefined;
  /** The entry hook decides actual requests of `entry-hook` routes (Express). */
  readonly decideActualInEntryHook: boolean;
  /**
   * The global guard is among the app's guards (`guardNeeded`). Only then does a decision mark
   * its request (`DECIDED_BY`) for the guard to find: adding a property to a request costs more
   * than the rest of the decision on Express (see `answerActualRequest`).
   */
  readonly guardRuns: boolean;
}

/**
 * The app's CORS state, empty until the app initializes: the frozen `CorsRequestPath`
 * and the runtime-origin state. Injected into the guard and `CorsPolicyService`, which exist
 * before the build; set once, by `CorsBootstrap`.
 */
export class CorsAppState {
  /** What the request path reads; undefined before `app.init()` or without an HTTP adapter. */
  requestPath: CorsRequestPath | undefined;
  /** The built table (also without an HTTP adapter). */
  table: CorsTable | undefined;
  origins: RuntimeOriginRegistry | undefined;
  sync: OriginStoreSync | undefined;
}
