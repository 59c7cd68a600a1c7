import { fastifyParamNames, fastifyPathVariants, literalSegments, sortByFastifyPrecedence } from './fastify-path.js';
import { PathPolicyMatching, normalizeRequestPath } from './normalize-path.js';
import { isSegment, segmentHash } from './path-segments.js';
import { nextByRank } from './rank-merge.js';
import type { RouterEntry } from './preflight-router.js';

/**
 * One node of the trie: a literal path segment, and the routes whose literal leading segments
 * end here. One trie holds every method: a node per distinct literal prefix, not per route.
 */
interface IndexNode<T> {
  readonly segment: string;
  /** Children by `segmentHash` of their segment. */
  children: Map<number, IndexNode<T>> | undefined;
  /** The next child of the same parent whose segment has the same hash (rare). */
  sameHash: IndexNode<T> | undefined;
  /** Precedence ranks of `entries`, ascending. */
  ranks: number[];
  entries: RouterEntry<T>[];
  /** Each entry's parameter names joined by `/` (`''` for none), as find-my-way reports them. */
  params: string[];
  /** Each entry's pattern: its `regexp`, or for one form of a route with an optional parameter that form's. */
  regexps: RegExp[];
}

const SLASH = 0x2f;

function newNode<T>(segment: string): IndexNode<T> {
  return { segment, children: undefined, sameHash: undefined, ranks: [], entries: [], params: [], regexps: [] };
}

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
  private readonly root = newNode<T>('');
  private height = 0;
  /** Reused on every lookup (lookups are synchronous), so a lookup allocates nothing. */
  private visited: IndexNode<T>[] = [];
  private cursors = new Int32Array(1);

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
      const segments = literalSegments(path, matching.caseSensitive);
      let node = this.root;
      for (const segment of segments) node = this.childFor(node, segment);
      node.ranks.push(rank);
      node.entries.push(entry);
      node.params.push(joined.get(names)!);
      node.regexps.push(regexp);
      this.height = Math.max(this.height, segments.length);
    });
    compact(this.root);
    this.visited = new Array<IndexNode<T>>(this.height + 1).fill(this.root);
    this.cursors = new Int32Array(this.height + 1);
  }

  /**
   * The route serving `method` at `rawPath` (no query) that Fastify would pick, or undefined when
   * none of these routes matches. With `params` (what Fastify's router found there), only routes
   * with exactly those parameter names count, and none if a parameter is empty.
   */
  find(method: string, rawPath: string, params?: Readonly<Record<string, string | undefined>>): RouterEntry<T> | undefined {
    const path = normalizeRequestPath(rawPath, this.matching);
    if (path === undefined || !isUpperCase(method)) return undefined;
    const visited = this.visited;
    let count = 0;
    if (this.root.entries.length > 0) visited[count++] = this.root;
    let node = this.root;
    let start = 1;
    while (node.children !== undefined && path.charCodeAt(start - 1) === SLASH) {
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      if (end === start) break;
      const child = this.childAt(node.children, path, start, end);
      if (child === undefined) break;
      node = child;
      if (child.entries.length > 0) visited[count++] = child;
      start = end + 1;
    }
    return this.firstMatch(count, method, path, params);
  }

  private childFor(node: IndexNode<T>, segment: string): IndexNode<T> {
    node.children ??= new Map();
    const hash = segmentHash(segment, 0, segment.length, true);
    let child = node.children.get(hash);
    if (child === undefined) {
      node.children.set(hash, (child = newNode(segment)));
      return child;
    }
    for (;;) {
      if (child.segment === segment) return child;
      if (child.sameHash === undefined) return (child.sameHash = newNode(segment));
      child = child.sameHash;
    }
  }

  private childAt(children: Map<number, IndexNode<T>>, path: string, start: number, end: number): IndexNode<T> | undefined {
    for (let child = children.get(segmentHash(path, start, end, true)); child !== undefined; child = child.sameHash) {
      if (isSegment(child.segment, path, start, end, true)) return child;
    }
    return undefined;
  }

  /** Tests the routes of the visited nodes in precedence order: a merge of their sorted lists. */
  private firstMatch(count: number, method: string, path: string, params: Readonly<Record<string, string | undefined>> | undefined): RouterEntry<T> | undefined {
    if (count === 1) {
      // Most lookups meet routes at one node only: its list is already in order.
      const node = this.visited[0]!;
      for (let at = 0; at < node.entries.length; at++) if (this.accepts(node, at, method, path, params)) return node.entries[at];
      return undefined;
    }
    const cursors = this.cursors;
    cursors.fill(0, 0, count);
    for (let best = nextByRank(this.visited, count, cursors); best !== -1; best = nextByRank(this.visited, count, cursors)) {
      const node = this.visited[best]!;
      const at = cursors[best]! - 1;
      if (this.accepts(node, at, method, path, params)) return node.entries[at];
    }
    return undefined;
  }

  private accepts(node: IndexNode<T>, at: number, method: string, path: string, params: Readonly<Record<string, string | undefined>> | undefined): boolean {
    return serves(node.entries[at]!, method) && (params === undefined || matchesParams(node.params[at]!, params)) && node.regexps[at]!.test(path);
  }
}

/** Gives every array of the trie its exact length (arrays grown by `push` keep spare room). */
function compact<T>(node: IndexNode<T>): void {
  node.ranks = node.ranks.slice();
  node.entries = node.entries.slice();
  node.params = node.params.slice();
  node.regexps = node.regexps.slice();
  if (node.children === undefined) return;
  for (const first of node.children.values()) for (let child: IndexNode<T> | undefined = first; child; child = child.sameHash) compact(child);
}
