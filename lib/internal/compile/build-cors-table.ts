import { CorsConfigurationProblem } from '../../errors/cors-configuration.error.js';
import type { CorsModuleOptions } from '../../interfaces/cors-module-options.interface.js';
import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import { RuntimeOrigins } from '../origin/runtime-origins.js';
import { EffectivePolicy, moduleDefaults, namedPolicyOptions, resolveRoutePolicy } from '../policy/merge-policy.js';
import { validateCombination } from '../policy/validate-combination.js';
import { RouterEntry, orderEntries } from '../routing/preflight-router.js';
import { ActualStrategy, CorsTable, PlatformFacts, RouteFacts, TableRoute, WebSocketFacts } from '../table/cors-table.js';
import { checkGateways, checkWebSocketOptions, compileGateways } from './build-gateway-policies.js';
import { checkPathPolicies, compilePathPolicies } from './build-path-policies.js';
import { checkReporting, compileReporting } from './build-reporting.js';
import { createPolicyCompiler } from './policy-compiler.js';
import { ProblemCollector } from './problem-collector.js';
import { BuiltRoute } from './table-route.js';
import { MODULE_LOCATION, policiesOf, validateDecorator, validateHeaderDecorators, validateModuleOptions } from './validate-configuration.js';

const DEFAULT_ORIGIN_CHECK_TIMEOUT = 5000;
const NO_WEBSOCKETS: WebSocketFacts = { gateways: [], decorated: [], adapter: undefined };

/** The result of the build: a table when the configuration is valid, every problem otherwise. */
export type BuildResult = { table: CorsTable; problems: [] } | { table: undefined; problems: CorsConfigurationProblem[] };

interface Merged {
  readonly facts: RouteFacts;
  /** Routes with the same key have the same configuration: they share `effective` and the compiled policy. */
  readonly key: string;
  readonly effective: EffectivePolicy | undefined;
}

/**
 * The configuration key of a route: which decorators it has, and the controller or handler they
 * sit on (the origin's description names it). Routes that only use the module defaults share one.
 */
function configurationKeys(): (facts: RouteFacts) => string {
  const ids = new Map<unknown, number>();
  const idOf = (value: unknown) => {
    if (value === undefined) return 0;
    let id = ids.get(value);
    if (id === undefined) ids.set(value, (id = ids.size + 1));
    return id;
  };
  return ({ controllerMetadata, handlerMetadata, controller, handler }) =>
    `${idOf(controllerMetadata)}|${controllerMetadata ? idOf(controller) : 0}|${idOf(handlerMetadata)}|${handlerMetadata ? idOf(handler) : 0}`;
}

/**
 * The build step, a pure function: module options, the routes Nest registers, what the
 * adapter is like and the app's gateways go in; the compiled route table (or every configuration
 * problem) comes out.
 * Nothing here touches Nest or the adapter. Validation, merging and compilation happen here and
 * only here, once; the request path only looks things up in the result.
 */
export function buildCorsTable(
  options: CorsModuleOptions,
  routes: readonly RouteFacts[],
  platform: PlatformFacts,
  websockets: WebSocketFacts = NO_WEBSOCKETS,
): BuildResult {
  const collector = new ProblemCollector();
  const defaults = moduleDefaults(options ?? {});
  const policies = policiesOf(options ?? {});
  validateModuleOptions(options ?? {}, defaults, policies, collector);
  const merged = mergeRoutes(routes, defaults, policies, collector);
  const checkedPaths = checkPathPolicies(options?.paths, defaults, policies, platform.pathMatching, collector);
  const ws = checkWebSocketOptions(options?.websockets, websockets.adapter, policies, collector);
  const checkedGateways = checkGateways(websockets, ws.policyName, defaults, policies, collector);
  checkReporting(options ?? {}, collector);
  if (collector.problems.length > 0) return { table: undefined, problems: collector.problems };

  const runtimeOrigins = new Map<string, RuntimeOrigins>([['', new RuntimeOrigins()]]);
  const policyOptions = new Map<string, CorsPolicyOptions>([['', defaults]]);
  for (const name of Object.keys(policies)) {
    runtimeOrigins.set(name, new RuntimeOrigins());
    policyOptions.set(name, namedPolicyOptions(defaults, policies, name));
  }
  const compiler = createPolicyCompiler(runtimeOrigins);
  const compile = ({ facts, effective, key }: Merged) =>
    compiler.compile(key, effective!, () => `@Cors() on ${effective!.sources.origin === 'controller' ? facts.controller.name : `${facts.controller.name}.${facts.handlerName}`}`);
  const regexps = compilePaths(merged, platform);
  const groups = [...groupByMethodAndPath(merged).values()];
  const strategies = actualStrategies(merged, groups, regexps, platform);
  const tableRoutes = merged.map(
    (m, i): TableRoute =>
      new BuiltRoute(
        m.facts.method,
        m.facts.path,
        m.facts.controller,
        m.facts.handlerName,
        m.facts.handler,
        m.effective && compile(m),
        m.effective,
        m.effective ? strategies[i]! : 'none',
        needsInterceptor(m),
      ),
  );
  const byHandler = new Map<RouteFacts['controller'], Map<unknown, TableRoute>>();
  for (const route of tableRoutes) {
    let handlers = byHandler.get(route.controller);
    if (!handlers) byHandler.set(route.controller, (handlers = new Map()));
    // The first registered route of a handler is the one its guard sees for every path it serves.
    if (!handlers.has(route.handler)) handlers.set(route.handler, route);
  }
  const { entries, unroutable } = routingEntries(tableRoutes, merged, groups, regexps, platform);
  const { paths, pathIndex } = compilePathPolicies(checkedPaths, compiler, platform.pathMatching);
  const reporting = compileReporting(options ?? {}, compiler);
  const table: CorsTable = {
    routes: tableRoutes,
    paths,
    pathIndex,
    gateways: compileGateways(checkedGateways, compiler),
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

/** Merges every route's policy and validates decorators and merged combinations. */
function mergeRoutes(
  routes: readonly RouteFacts[],
  defaults: CorsPolicyOptions,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  collector: ProblemCollector,
): Merged[] {
  const checked = new Set<CorsMetadata>();
  const keyOf = configurationKeys();
  const merged = new Map<string, EffectivePolicy | undefined>();
  return routes.map((facts) => {
    const handlerLabel = `${facts.controller.name}.${facts.handlerName}`;
    const { controllerMetadata, handlerMetadata } = facts;
    for (const [meta, location] of [
      [controllerMetadata, facts.controller.name],
      [handlerMetadata, handlerLabel],
    ] as const) {
      if (meta && !checked.has(meta)) {
        checked.add(meta);
        collector.add(location, validateDecorator(meta, policies));
      }
    }
    const key = keyOf(facts);
    let effective = merged.get(key);
    if (!merged.has(key)) {
      effective = resolveRoutePolicy(defaults, policies, [
        { level: 'controller', metadata: controllerMetadata },
        { level: 'handler', metadata: handlerMetadata },
      ]);
      merged.set(key, effective);
    }
    const route = `${facts.method} ${facts.path}`;
    if (effective) {
      const location = handlerMetadata ? handlerLabel : controllerMetadata ? facts.controller.name : MODULE_LOCATION;
      collector.addForRoute(location, route, validateCombination(effective.options));
      collector.addForRoute(handlerLabel, route, validateHeaderDecorators(facts.headerDecorators));
    }
    return { facts, key, effective };
  });
}

/** Routes keyed by `METHOD /path`, in registration order within each key. */
function groupByMethodAndPath<T extends { readonly facts: RouteFacts }>(routes: readonly T[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  routes.forEach((route, index) => {
    const key = `${route.facts.method} ${route.facts.path}`;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}

/**
 * Routes that a request can tell apart by method and path alone are decided before Nest picks
 * a handler (`platform.unambiguousStrategy`); the others (host-bound controllers, header or
 * media-type versions, duplicates) by the guard, which sees the handler Nest chose.
 */
function actualStrategies(
  merged: readonly Merged[],
  groups: readonly number[][],
  regexps: ReadonlyMap<string, RegExp | undefined>,
  platform: PlatformFacts,
): ActualStrategy[] {
  // The entry hook finds routes with the preflight router, which cannot follow every path syntax.
  const routable = (m: Merged) => platform.unambiguousStrategy !== 'entry-hook' || regexps.get(m.facts.path) !== undefined;
  const strategies = merged.map((m): ActualStrategy => (routable(m) ? platform.unambiguousStrategy : 'guard'));
  for (const group of groups) {
    if (group.length > 1 || group.some((i) => merged[i]!.facts.host !== undefined || merged[i]!.facts.version !== undefined)) {
      for (const i of group) strategies[i] = 'guard';
    }
  }
  return strategies;
}

/** Each distinct path compiled once; undefined for syntax the adapter's router is not followed in. */
function compilePaths(merged: readonly Merged[], platform: PlatformFacts): Map<string, RegExp | undefined> {
  const regexps = new Map<string, RegExp | undefined>();
  for (const { facts } of merged) {
    if (regexps.has(facts.path)) continue;
    try {
      regexps.set(facts.path, platform.compilePath(facts.path));
    } catch {
      regexps.set(facts.path, undefined);
    }
  }
  return regexps;
}

/** The preflight routing entries, in the adapter's precedence order. */
function routingEntries(
  routes: readonly TableRoute[],
  merged: readonly Merged[],
  groups: readonly number[][],
  regexps: ReadonlyMap<string, RegExp | undefined>,
  platform: PlatformFacts,
): { entries: RouterEntry<TableRoute>[]; unroutable: string[] } {
  const entries: RouterEntry<TableRoute>[] = [];
  const unroutable: string[] = [];
  for (const group of groups) {
    const first = routes[group[0]!]!;
    // Routes a preflight cannot tell apart (host, header/media-type version) must all allow it;
    // plain duplicates are served by the first registered, as the adapter does.
    const ambiguous = group.some((i) => merged[i]!.facts.host !== undefined || merged[i]!.facts.version !== undefined);
    const regexp = regexps.get(first.path);
    if (regexp === undefined) {
      unroutable.push(`${first.method} ${first.path}`);
      continue;
    }
    entries.push({ method: first.method, path: first.path, regexp, candidates: ambiguous ? group.map((i) => routes[i]!) : [first] });
  }
  return { entries: orderEntries(entries, platform.bySpecificity), unroutable };
}

/**
 * Nest applies `@Header()` values after the guards, replacing the guard's `Vary: Origin`, and
 * a handler that takes the response (`@Res()`, `@Next()`) may set `Vary` itself. Only such
 * origin-dependent routes get the interceptor, which keeps `Origin` in the `Vary` that is sent.
 */
function needsInterceptor({ facts, effective }: Merged): boolean {
  if (!effective || effective.options.origin === '*') return false;
  return facts.takesResponse || facts.headerDecorators.some((h) => h.name.toLowerCase() === 'vary');
}
