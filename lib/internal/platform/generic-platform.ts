import type { PlatformFacts, TableRoute } from '../table/cors-table.js';
import type { RouteFinder } from '../request/cors-request-path.js';
import { compileExpressPath } from '../routing/compile-path.js';
import { PreflightRouter, RouterEntry } from '../routing/preflight-router.js';
import type { AdapterLike, CorsPlatform, PlatformFactsOptions } from './cors-platform.js';
import { expressMatching, expressPlatform } from './express-platform.js';
import { fastifyPlatform } from './fastify-platform.js';
import { genericWriter } from '../http/response-writer.js';

/**
 * Any other adapter: headers through Nest's adapter API, Express-style paths, and every actual
 * request decided by the guard (there is no known place before the route to decide it).
 */
function genericPlatform(adapter: AdapterLike): CorsPlatform {
  const matching = expressMatching(adapter.getInstance() as Parameters<typeof expressMatching>[0]);
  return {
    type: adapter.getType(),
    writer: genericWriter(adapter),
    endpointWriter: genericWriter(adapter),
    decidesActualInEntryHook: false,
    facts: ({ ordering, specificityConfigured }: PlatformFactsOptions): PlatformFacts => ({
      compilePath: (path) => compileExpressPath(path, matching),
      bySpecificity: specificityConfigured ? ordering.bySpecificity : undefined,
      unambiguousStrategy: 'guard',
      pathMatching: { ...matching, decode: false },
    }),
    createRouteFinder: (entries: readonly RouterEntry<TableRoute>[]): RouteFinder<TableRoute> => new PreflightRouter(entries),
    installActualRequestHooks: () => () => [],
    otherCorsLayers: () => [],
    whenLoaded: () => undefined,
  };
}

/** The platform of the app's adapter. */
export function platformFor(adapter: AdapterLike): CorsPlatform {
  const type = adapter.getType();
  if (type === 'express') return expressPlatform(adapter);
  if (type === 'fastify') return fastifyPlatform(adapter);
  return genericPlatform(adapter);
}
