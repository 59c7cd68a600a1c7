import { CORS_DEFAULT_POLICY } from '../../cors.constants.js';
import { CorsConfigurationProblem } from '../../errors/cors-configuration.error.js';
import type { CorsModuleOptions } from '../../interfaces/cors-module-options.interface.js';
import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { RuntimeOrigins } from '../origin/runtime-origins.js';
import { moduleDefaults, namedPolicyOptions } from '../policy/merge-policy.js';
import type { CorsTable, PlatformFacts, RouteFacts, WebSocketFacts } from '../table/cors-table.js';
import { EndpointPipeline } from './endpoint-pipeline.js';
import { GatewayEndpoints, checkDecoratedProviders } from './gateway-endpoints.js';
import { NotFoundEndpoint } from './not-found-endpoint.js';
import { PathEndpoints } from './path-endpoints.js';
import { checkReporting, compileReporting } from './build-reporting.js';
import { createPolicyCompiler } from './policy-compiler.js';
import { ProblemCollector } from './problem-collector.js';
import { dispatchRoutes } from './route-dispatch.js';
import { ROUTE_ENDPOINTS } from './route-endpoints.js';
import { policiesOf, validateModuleOptions } from './validate-module-options.js';
import { checkWebSocketOptions } from './websocket-options.js';

const DEFAULT_ORIGIN_CHECK_TIMEOUT = 5000;
const NO_WEBSOCKETS: WebSocketFacts = { gateways: [], decorated: [], adapter: undefined };

/** The result of compiling: a table when the configuration is valid, every problem otherwise. */
export type CompileResult = { table: CorsTable; problems: [] } | { table: undefined; problems: CorsConfigurationProblem[] };

/**
 * The build step, a pure function: module options, the routes Nest registers, what the adapter
 * is like and the app's gateways go in; the compiled table (or every configuration problem)
 * comes out. Routes, `paths` entries and gateways go through one pipeline (`EndpointPipeline`:
 * check, merge, key, compile, describe), each kind supplying only what differs.
 * Nothing here touches Nest or the adapter. Validation, merging and compilation happen here and
 * only here, once; the request path only looks things up in the result.
 */
export function compileCorsTable(
  options: CorsModuleOptions,
  routes: readonly RouteFacts[],
  platform: PlatformFacts,
  websockets: WebSocketFacts = NO_WEBSOCKETS,
): CompileResult {
  const collector = new ProblemCollector();
  const defaults = moduleDefaults(options ?? {});
  const policies = policiesOf(options ?? {});
  validateModuleOptions(options ?? {}, defaults, policies, collector);
  const pipeline = new EndpointPipeline(defaults, policies, collector);
  const mergedRoutes = pipeline.checkAndMerge(ROUTE_ENDPOINTS, routes);
  const pathEndpoints = new PathEndpoints(options?.paths, platform.pathMatching, collector);
  const mergedPaths = pipeline.checkAndMerge(pathEndpoints, pathEndpoints.entries);
  const ws = checkWebSocketOptions(options?.websockets, websockets.adapter, policies, collector);
  checkDecoratedProviders(websockets.decorated, collector);
  const gatewayEndpoints = new GatewayEndpoints(ws.policyName, websockets.adapter);
  const mergedGateways = pipeline.checkAndMerge(gatewayEndpoints, websockets.gateways);
  const notFound = new NotFoundEndpoint(options?.readableNotFound !== false);
  const mergedNotFound = pipeline.checkAndMerge(notFound, notFound.endpoints);
  checkReporting(options ?? {}, collector);
  if (collector.problems.length > 0) return { table: undefined, problems: collector.problems };

  const runtimeOrigins = new Map<string, RuntimeOrigins>([[CORS_DEFAULT_POLICY, new RuntimeOrigins()]]);
  const policyOptions = new Map<string, CorsPolicyOptions>([[CORS_DEFAULT_POLICY, defaults]]);
  for (const name of Object.keys(policies)) {
    runtimeOrigins.set(name, new RuntimeOrigins());
    policyOptions.set(name, namedPolicyOptions(defaults, policies, name));
  }
  const compiler = createPolicyCompiler(runtimeOrigins);
  const { routes: tableRoutes, entries, byHandler, unroutable } = dispatchRoutes(pipeline.compile(mergedRoutes, compiler), platform);
  const { paths, pathIndex } = pathEndpoints.table(pipeline.compile(mergedPaths, compiler));
  const reporting = compileReporting(options ?? {}, compiler);
  const table: CorsTable = {
    routes: tableRoutes,
    paths,
    pathIndex,
    gateways: gatewayEndpoints.table(pipeline.compile(mergedGateways, compiler)),
    notFound: notFound.target(pipeline.compile(mergedNotFound, compiler)),
    entries,
    byHandler,
    runtimeOrigins,
    originCaches: compiler.caches(),
    policyOptions,
    unroutable,
    settings: {
      originCheckTimeout: options?.originCheckTimeout ?? DEFAULT_ORIGIN_CHECK_TIMEOUT,
      debug: options?.debug === true,
      passUnmatched: options?.unmatchedPreflight === 'pass',
      logRoutes: options?.logRoutes === true,
      websockets: ws.settings,
      reporting,
    },
  };
  return { table, problems: [] };
}
