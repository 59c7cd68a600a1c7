/** Orders route entries from most to least specific, keeping declaration order on ties. */
export type SortBySpecificity = <E>(entries: readonly E[]) => E[];

/** Injection token of the `RouteOrdering` that `CorsModule` loads while the app is created. */
export const ROUTE_ORDERING = Symbol('nestjs-cors:route-ordering');

/** How the app's router orders routes, as far as this Nest version can tell. */
export interface RouteOrdering {
  /** Nest's own specificity sorter; undefined on Nest 11, which has neither it nor `routeResolutionStrategy`. */
  readonly bySpecificity?: SortBySpecificity;
}

/**
 * Loads Nest's `RouteSpecificitySorter` (`@nestjs/core` 12). It cannot be a static import: Nest 11
 * has no such module, and a missing static import would fail the whole package there. Async so it
 * also works where `require()` of ESM does not (Jest); Nest awaits it as a provider factory,
 * before `configure()` needs it.
 */
export async function loadRouteOrdering(): Promise<RouteOrdering> {
  try {
    const { RouteSpecificitySorter } = await import('@nestjs/core/router/route-specificity-sorter.js');
    const sort = RouteSpecificitySorter.sort.bind(RouteSpecificitySorter) as (routes: never[]) => unknown[];
    return { bySpecificity: <E>(entries: readonly E[]) => sort(entries as unknown as never[]) as E[] };
  } catch {
    return {};
  }
}
