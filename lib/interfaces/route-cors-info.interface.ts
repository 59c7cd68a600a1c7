/**
 * Where a field of a route's effective policy came from.
 * @publicApi
 */
export type CorsPolicySource = 'module' | `policy:${string}` | 'controller' | 'handler';

/**
 * Where the headers of a route's actual (non-preflight) requests are decided, fixed at startup:
 * `entry-hook` (Express: the first middleware, before body parsers; the guard only confirms),
 * `route-hook` (Fastify: the route's own `onRequest` hook, before body parsing), or `guard` (the
 * global guard, for routes a request cannot tell apart by method and path, or when another CORS
 * layer is active).
 * @publicApi
 */
export type CorsActualRequestStrategy = 'entry-hook' | 'route-hook' | 'guard';

/**
 * The effective CORS policy of one route, as `CorsPolicyService.getRoutes()` reports it.
 * @publicApi
 */
export interface RouteCorsInfo {
  /** HTTP method of the route (`GET`, `PUT`, ... or `ALL`). */
  method: string;
  /** Full path as registered (global prefix, version and module path included). */
  path: string;
  /** Controller class name. */
  controller: string;
  /** Handler method name. */
  handler: string;
  /** Whether the route sends CORS headers at all. */
  enabled: boolean;
  /** Human-readable origin rule: origins, patterns, `*`, `function`, plus runtime origins. */
  origins: string[];
  /** The named policy whose runtime origins (`allowOrigin`) apply to this route, if any ('' = module defaults). */
  runtimeOriginsFrom?: string;
  credentials: boolean;
  /** Allowed methods, or undefined for "the route's own method". */
  methods?: string[];
  allowedHeaders: string[] | '*';
  exposedHeaders: string[] | '*';
  maxAge?: number;
  allowPrivateNetwork: boolean;
  /** Where actual requests get their headers; absent when the route has no CORS. */
  decidedBy?: CorsActualRequestStrategy;
  /** Where each set field came from. */
  sources: Partial<Record<'origin' | 'methods' | 'allowedHeaders' | 'exposedHeaders' | 'credentials' | 'maxAge', CorsPolicySource>>;
}
