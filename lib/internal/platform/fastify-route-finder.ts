import type { FastifyRouteIndex } from '../routing/fastify-route-index.js';
import type { RouterEntry } from '../routing/preflight-router.js';

/** Fastify's public `findRoute()` (Fastify 4.23 and 5): the app's own router, asked without running anything. */
export type FindRoute = (options: { method: string; url: string }) => { params: Record<string, string | undefined> } | null;

/**
 * Finds the route of a preflight (or of a request no route hook saw) on Fastify, as Fastify
 * routes it, with no router of its own per route:
 * - whether Fastify serves the method at that path at all, and with which parameters, is asked
 *   of the app's own router (`fastify.findRoute()`), so percent-decoding, trailing slashes,
 *   case, duplicate slashes, `maxParamLength` and regex parameters are exactly Fastify's, and a
 *   route of a Fastify plugin there is not mistaken for a controller route;
 * - which controller route it is (Fastify's answer names no route) comes from the route index,
 *   which tries the routes in Fastify's order and counts only those with the parameter names
 *   Fastify reported.
 * Routes Fastify registers with constraints (header, media-type and custom versions,
 * `@RouteConstraints()`) are invisible to a `findRoute()` without the request's constraints, and
 * a preflight cannot show a version: those routes are matched by the index alone, all candidates
 * judged.
 * As in Nest's Fastify adapter, a request with an empty parameter matches no route.
 */
export class FastifyRouteFinder<T> {
  constructor(
    private readonly index: FastifyRouteIndex<T>,
    private readonly findRoute: FindRoute,
    /** `METHOD /path` of the routes registered with constraints, filled as Fastify registers them. */
    private readonly constrained: ReadonlySet<string>,
  ) {}

  find(method: string, path: string): RouterEntry<T> | undefined {
    if (this.constrained.size > 0) {
      const entry = this.index.find(method, path);
      if (entry !== undefined && this.constrained.has(`${entry.method} ${entry.path}`)) return entry;
    }
    let found: ReturnType<FindRoute>;
    try {
      found = this.findRoute({ method, url: path });
    } catch {
      return undefined;
    }
    return found === null ? undefined : this.index.find(method, path, found.params);
  }
}
