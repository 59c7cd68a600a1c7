import type { CorsTable, RouteTarget, TableRoute } from '../../../lib/internal/table/cors-table.js';
import { decisionRules } from '../../../lib/internal/diagnostics/decision-rules.js';
import { CorsDiagnostics } from '../../../lib/internal/diagnostics/cors-diagnostics.js';
import type { ResponseWriter } from '../../../lib/internal/http/response-writer.js';
import type { CorsRequestPath } from '../../../lib/internal/request/cors-request-path.js';
import type { RouterEntry } from '../../../lib/internal/routing/preflight-router.js';

/** A table with nothing but the given settings: enough for the request path's unit tests. */
export function emptyTable(settings: Partial<CorsTable['settings']> = {}): CorsTable {
  return {
    routes: [],
    paths: [],
    pathIndex: undefined,
    notFound: undefined,
    entries: [],
    byHandler: new Map(),
    runtimeOrigins: new Map(),
    originCaches: [],
    policyOptions: new Map(),
    gateways: [],
    unroutable: [],
    settings: {
      originCheckTimeout: 1000,
      debug: false,
      passUnmatched: false,
      logRoutes: false,
      websockets: { requireOrigin: false, sameOrigin: true, trustForwardedHeaders: false, closeOnRevoke: false, adapter: undefined },
      reporting: { listener: undefined, metrics: false, maxOrigins: 0, behind: undefined },
      ...settings,
    },
  };
}

/** A request path whose route finder always answers `entry` (or nothing), writing through `writer`. */
export function fakeRequestPath(options: {
  writer: ResponseWriter;
  entry?: RouterEntry<RouteTarget>;
  decideActualInEntryHook?: boolean;
  passUnmatched?: boolean;
  debug?: boolean;
  /** Whether the global guard runs (default true): decisions then mark their request for it. */
  guardRuns?: boolean;
}): CorsRequestPath {
  const table = emptyTable({ passUnmatched: options.passUnmatched ?? false, debug: options.debug ?? false });
  const diagnostics = new CorsDiagnostics(options.debug ?? false);
  return {
    table,
    finder: { find: () => options.entry as RouterEntry<TableRoute> | undefined },
    writer: options.writer,
    endpointWriter: options.writer,
    diagnostics,
    rules: decisionRules(table.settings, diagnostics),
    otherCorsLayer: false,
    isNotFound: undefined,
    decideActualInEntryHook: options.decideActualInEntryHook ?? false,
    guardRuns: options.guardRuns ?? true,
  };
}
