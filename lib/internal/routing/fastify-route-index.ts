import { fastifyParamNames, fastifyPathVariants, literalSegments, sortByFastifyPrecedence } from './fastify-path.js';
import { PathPolicyMatching, normalizeRequestPath } from './normalize-path.js';
import type { RouterEntry } from './preflight-router.js';
import { SegmentTrie } from './segment-trie.js';

/** One form of a route in the trie (a route with an optional last parameter has two). */
interface RouteForm<T> {
  readonly entry: RouterEntry<T>;
  /** The form's parameter names joined by `/` (`''` for none), as find-my-way reports them. */
  readonly params: string;
  /** The form's pattern: the entry's `regexp`, or for one form of a route with an optional parameter that form's. */
  readonly regexp: RegExp;
}

/** What a lookup asks, kept in one object reused by every lookup (they are synchronous). */
interface Ask {
  method: string;
  params: Readonly<Record<string, string | undefined>> | undefined;
}

const SLASH = 0x2f;

/** Fastify routes only methods in capitals (a request for `get` never reaches a route, not even an `ALL` one). */
function isUpperCase(method: string): boolean {
  for (let i = 0; i < method.length; i++) {
    const code = method.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) return false;
  }
  return true;
}

/** Whether a route of `entry.method` serves a request for `method`, as Fastify registers routes. */
function serves(entry: RouterEntry<unknown>, method: string): boolean {
  const own = entry.method;
  return own === method || own === 'ALL' || (method === 'HEAD' && own === 'GET');
}

/**
 * Whether find-my-way's `params` (names in pattern order) are those of a route whose names are
 * `joined`, compared without building a string, and none but the wildcard is empty (Nest's
 * Fastify adapter sends a request with an empty parameter to the not-found handler).
 */
export function matchesParams(joined: string, params: Readonly<Record<string, string | undefined>>): boolean {
  let at = 0;
  let first = true;
  for (const name in params) {
    if (params[name] === '' && name !== '*') return false;
    if (!first) {
      if (joined.charCodeAt(at) !== SLASH) return false;
      at++;
    }
    first = false;
    if (!joined.startsWith(name, at)) return false;
    at += name.length;
  }
  return at === joined.length;
}

/**
 * Finds the controller route of a Fastify request without a router of its own per route: routes
 * sit in one trie at their literal leading segments (`/api/items/:id` under `api` › `items`); a
 * lookup walks the request's segments (the path normalized as find-my-way does: decoded, router
 * options applied) and tests the routes met on the way, in the order find-my-way tries them,
 * with their compiled patterns. Routes starting with a parameter or wildcard are tested on every
 * lookup. It mirrors Fastify's precedence; `FastifyRouteFinder` pairs it with Fastify's own router.
 * Each entry's `regexp` must be `compileFastifyPath(entry.path, matching)`; a route with an
 * optional last parameter is tried as the two routes find-my-way makes of it.
 */
export class FastifyRouteIndex<T> {
  /** One trie for every method: a node per distinct literal prefix, not per route. */
  private readonly trie = new SegmentTrie<RouteForm<T>>(true);
  private readonly ask: Ask = { method: '', params: undefined };

  /** `compilePath` compiles a path as the entries' `regexp`s were compiled. */
  constructor(
    entries: readonly RouterEntry<T>[],
    private readonly matching: PathPolicyMatching,
    compilePath: (path: string) => RegExp,
  ) {
    // A route with an optional last parameter is tried as the two paths find-my-way registers.
    const paths = entries.flatMap((entry) => {
      const variants = fastifyPathVariants(entry.path);
      return variants.map((path) => ({ method: entry.method, path, entry, regexp: variants.length === 1 ? entry.regexp : compilePath(path) }));
    });
    // Routes with the same parameter names share one string.
    const joined = new Map<string, string>();
    sortByFastifyPrecedence(paths, matching).forEach(({ path, entry, regexp }, rank) => {
      const names = fastifyParamNames(path).join('/');
      if (!joined.has(names)) joined.set(names, names);
      this.trie.add(literalSegments(path, matching.caseSensitive), rank, { entry, params: joined.get(names)!, regexp });
    });
    this.trie.seal();
  }

  /**
   * The route serving `method` at `rawPath` (no query) that Fastify would pick, or undefined when
   * none of these routes matches. With `params` (what Fastify's router found there), only routes
   * with exactly those parameter names count, and none if a parameter is empty.
   */
  find(method: string, rawPath: string, params?: Readonly<Record<string, string | undefined>>): RouterEntry<T> | undefined {
    const path = normalizeRequestPath(rawPath, this.matching);
    if (path === undefined || !isUpperCase(method)) return undefined;
    this.ask.method = method;
    this.ask.params = params;
    const form = this.trie.first(path, accepts, this.ask);
    this.ask.params = undefined;
    return form?.entry;
  }
}

function accepts(form: RouteForm<unknown>, path: string, ask: Ask): boolean {
  return serves(form.entry, ask.method) && (ask.params === undefined || matchesParams(form.params, ask.params)) && form.regexp.test(path);
}
