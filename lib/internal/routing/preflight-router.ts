import type { SortBySpecificity } from './route-specificity.js';

/** One registered path for one method, with every route registered there. */
export interface RouterEntry<T> {
  readonly method: string;
  readonly path: string;
  readonly regexp: RegExp;
  /**
   * More than one when routes differ only by what a preflight cannot show (host, header or
   * media-type version): the preflight must then satisfy all of them.
   */
  readonly candidates: readonly T[];
}

/**
 * Finds the route a preflight is about: the route the adapter would pick for the requested
 * method (`Access-Control-Request-Method`) at the request path. Entries are kept per method
 * in the adapter's precedence order, so a lookup tests only that method's paths.
 */
export class PreflightRouter<T> {
  private readonly byMethod: Map<string, RouterEntry<T>[]>;
  private readonly anyMethod: RouterEntry<T>[];

  /** `entries` must already be in precedence order (see `orderEntries`). */
  constructor(entries: readonly RouterEntry<T>[]) {
    ({ byMethod: this.byMethod, anyMethod: this.anyMethod } = methodBuckets(entries));
  }

  /** The entry serving `method` at `pathname`, or undefined. */
  find(method: string, pathname: string): RouterEntry<T> | undefined {
    return this.search(this.byMethod.get(method) ?? this.anyMethod, pathname);
  }

  private search(entries: readonly RouterEntry<T>[], pathname: string): RouterEntry<T> | undefined {
    for (const entry of entries) if (entry.regexp.test(pathname)) return entry;
    return undefined;
  }
}

/**
 * The entries serving each method, in precedence order: its own and `ALL` routes, and GET routes
 * also for HEAD (as on both adapters). `anyMethod` (the `ALL` routes) serves every other method.
 */
export function methodBuckets<T>(entries: readonly RouterEntry<T>[]): { byMethod: Map<string, RouterEntry<T>[]>; anyMethod: RouterEntry<T>[] } {
  const byMethod = new Map<string, RouterEntry<T>[]>();
  for (const method of new Set([...entries.map((e) => e.method), 'HEAD'])) {
    if (method === 'ALL') continue;
    const serves = (e: RouterEntry<T>) => e.method === method || e.method === 'ALL' || (method === 'HEAD' && e.method === 'GET');
    byMethod.set(method, entries.filter(serves));
  }
  return { byMethod, anyMethod: entries.filter((e) => e.method === 'ALL') };
}

/**
 * Orders entries the way the adapter picks among matching routes: registration order
 * (Express by default), or most specific first (Fastify's radix tree, and Express under
 * `routeResolutionStrategy: 'specificity'`) with Nest's own specificity sorter, when given one.
 */
export function orderEntries<T>(entries: readonly RouterEntry<T>[], bySpecificity?: SortBySpecificity): RouterEntry<T>[] {
  return bySpecificity ? bySpecificity(entries) : [...entries];
}
