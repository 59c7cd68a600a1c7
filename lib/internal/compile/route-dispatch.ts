import { RouterEntry, orderEntries } from '../routing/preflight-router.js';
import type { ActualStrategy, PlatformFacts, RouteFacts, TableRoute } from '../table/cors-table.js';
import type { CompiledEndpoint } from './endpoint-pipeline.js';
import { BuiltRoute } from './table-route.js';

/** The compiled routes and how requests reach them: the routes' part of the table. */
export interface RouteDispatch {
  readonly routes: TableRoute[];
  readonly entries: RouterEntry<TableRoute>[];
  readonly byHandler: Map<RouteFacts['controller'], Map<unknown, TableRoute>>;
  readonly unroutable: string[];
}

/**
 * The routes of the table, in registration order, with who decides their actual requests, the
 * preflight routing entries in the adapter's precedence order, and the route of each handler.
 */
export function dispatchRoutes(compiled: readonly CompiledEndpoint<RouteFacts>[], platform: PlatformFacts): RouteDispatch {
  const regexps = compilePaths(compiled, platform);
  const groups = [...groupByMethodAndPath(compiled).values()];
  const strategies = actualStrategies(compiled, groups, regexps, platform);
  const routes = compiled.map(
    (route, i): TableRoute =>
      new BuiltRoute(
        route.facts.method,
        route.facts.path,
        route.facts.controller,
        route.facts.handlerName,
        route.facts.handler,
        route.policy,
        route.effective,
        route.effective ? strategies[i]! : 'none',
        needsInterceptor(route),
      ),
  );
  const byHandler = new Map<RouteFacts['controller'], Map<unknown, TableRoute>>();
  for (const route of routes) {
    let handlers = byHandler.get(route.controller);
    if (!handlers) byHandler.set(route.controller, (handlers = new Map()));
    // The first registered route of a handler is the one its guard sees for every path it serves.
    if (!handlers.has(route.handler)) handlers.set(route.handler, route);
  }
  return { routes, byHandler, ...routingEntries(routes, compiled, groups, regexps, platform) };
}

/** Routes keyed by `METHOD /path`, in registration order within each key. */
function groupByMethodAndPath(routes: readonly CompiledEndpoint<RouteFacts>[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  routes.forEach((route, index) => {
    const key = `${route.facts.method} ${route.facts.path}`;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}

/** Routes a request cannot tell apart by method and path: host-bound, header or media-type versioned. */
const isAmbiguous = ({ facts }: CompiledEndpoint<RouteFacts>) => facts.host !== undefined || facts.version !== undefined;

/**
 * Routes that a request can tell apart by method and path alone are decided before Nest picks
 * a handler (`platform.unambiguousStrategy`); the others (host-bound controllers, header or
 * media-type versions, duplicates) by the guard, which sees the handler Nest chose.
 */
function actualStrategies(
  compiled: readonly CompiledEndpoint<RouteFacts>[],
  groups: readonly number[][],
  regexps: ReadonlyMap<string, RegExp | undefined>,
  platform: PlatformFacts,
): ActualStrategy[] {
  // The entry hook finds routes with the preflight router, which cannot follow every path syntax.
  const routable = (route: CompiledEndpoint<RouteFacts>) => platform.unambiguousStrategy !== 'entry-hook' || regexps.get(route.facts.path) !== undefined;
  const strategies = compiled.map((route): ActualStrategy => (routable(route) ? platform.unambiguousStrategy : 'guard'));
  for (const group of groups) {
    if (group.length > 1 || group.some((i) => isAmbiguous(compiled[i]!))) {
      for (const i of group) strategies[i] = 'guard';
    }
  }
  return strategies;
}

/** Each distinct path compiled once; undefined for syntax the adapter's router is not followed in. */
function compilePaths(compiled: readonly CompiledEndpoint<RouteFacts>[], platform: PlatformFacts): Map<string, RegExp | undefined> {
  const regexps = new Map<string, RegExp | undefined>();
  for (const { facts } of compiled) {
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
  compiled: readonly CompiledEndpoint<RouteFacts>[],
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
    const ambiguous = group.some((i) => isAmbiguous(compiled[i]!));
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
function needsInterceptor({ facts, effective }: CompiledEndpoint<RouteFacts>): boolean {
  if (!effective || effective.options.origin === '*') return false;
  return facts.takesResponse || facts.headerDecorators.some((h) => h.name.toLowerCase() === 'vary');
}
