import { Token, parse } from 'path-to-regexp';
import { PathMatchingOptions } from './compile-path.js';
import { isSegment, segmentHash } from './path-segments.js';
import { nextByRank } from './rank-merge.js';
import { RouterEntry, methodBuckets } from './preflight-router.js';

/** One node of a method's trie: a literal path segment, and the entries whose literal prefix ends here. */
interface TrieNode<T> {
  /** The segment, ASCII-lowercased when the index folds case. */
  readonly segment: string;
  /** Children by `segmentHash` of their segment (a list, in case two hashes collide). */
  children: Map<number, TrieNode<T>[]> | undefined;
  /** Precedence ranks of `entries`, ascending. */
  ranks: number[];
  entries: RouterEntry<T>[];
}

const SLASH = 0x2f;

/** Above this many steps the start of a path's variable part counts as unknown (many nested groups). */
const GROUP_BUDGET = 64;

function newNode<T>(segment: string): TrieNode<T> {
  return { segment, children: undefined, ranks: [], entries: [] };
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Whether whatever `tokens` match is empty or starts with `/`: then the text before them ends a
 * whole segment. A parameter never matches `/` and a wildcard may start with anything.
 */
function startsAtSlash(tokens: readonly Token[], from: number, budget: { left: number }): boolean {
  if (--budget.left < 0) return false;
  const first = tokens[from];
  if (first === undefined) return true;
  if (first.type === 'text') return first.value === '' ? startsAtSlash(tokens, from + 1, budget) : first.value.charCodeAt(0) === SLASH;
  if (first.type !== 'group') return false;
  // An optional group: what follows must start right with it and without it.
  const rest = tokens.slice(from + 1);
  return startsAtSlash([...first.tokens, ...rest], 0, budget) && startsAtSlash(rest, 0, budget);
}

/**
 * The whole literal segments every path matching `entry` starts with (ASCII-lowercased when the
 * index folds case), or [] when unknown. Case-insensitive regexps without the `u`/`v` flag fold
 * only pairs that both uppercase to the same single character, never a non-ASCII one to ASCII, so
 * a segment of ASCII characters is matched exactly by the request segments equal to it up to
 * ASCII case; other characters fold in more ways (`ς`/`σ`/`Σ`), and stop the prefix.
 */
function literalSegments(entry: RouterEntry<unknown>, caseSensitive: boolean): string[] {
  const { regexp } = entry;
  if (regexp.ignoreCase && (caseSensitive || regexp.unicode || regexp.flags.includes('v'))) return [];
  let tokens: readonly Token[];
  try {
    tokens = parse(entry.path).tokens;
  } catch {
    return [];
  }
  let text = '';
  let next = 0;
  for (; next < tokens.length && tokens[next]!.type === 'text'; next++) text += (tokens[next] as { value: string }).value;
  if (text.charCodeAt(0) !== SLASH) return [];
  const parts = text.slice(1).split('/');
  // `/items:id` or `/items*rest`: the last part is only the start of a segment.
  if (!startsAtSlash(tokens, next, { left: GROUP_BUDGET })) parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    // An empty segment (`//`) is legal but rare: the prefix simply stops there.
    if (part === '' || (!caseSensitive && !isAscii(part))) break;
    segments.push(caseSensitive ? part : part.toLowerCase());
  }
  return segments;
}

/** The entries of one method bucket, in a trie over their literal leading segments. */
class MethodTrie<T> {
  private readonly root = newNode<T>('');
  private height = 0;
  /** Reused on every lookup (lookups are synchronous), so a lookup allocates nothing. */
  private visited: TrieNode<T>[] = [];
  private cursors = new Int32Array(1);

  constructor(
    entries: readonly RouterEntry<T>[],
    private readonly caseSensitive: boolean,
  ) {
    entries.forEach((entry, rank) => {
      const segments = literalSegments(entry, caseSensitive);
      let node = this.root;
      for (const segment of segments) {
        node.children ??= new Map();
        const hash = segmentHash(segment, 0, segment.length, caseSensitive);
        const bucket = node.children.get(hash) ?? [];
        let child = bucket.find((c) => c.segment === segment);
        if (child === undefined) bucket.push((child = newNode(segment)));
        node.children.set(hash, bucket);
        node = child;
      }
      node.ranks.push(rank);
      node.entries.push(entry);
      this.height = Math.max(this.height, segments.length);
    });
    compact(this.root);
    this.visited = new Array<TrieNode<T>>(this.height + 1).fill(this.root);
    this.cursors = new Int32Array(this.height + 1);
  }

  find(pathname: string): RouterEntry<T> | undefined {
    const visited = this.visited;
    let count = 0;
    if (this.root.entries.length > 0) visited[count++] = this.root;
    let node = this.root;
    if (pathname.charCodeAt(0) === SLASH) {
      let start = 1;
      while (node.children !== undefined) {
        let end = pathname.indexOf('/', start);
        if (end === -1) end = pathname.length;
        if (end === start) break;
        const child = this.childAt(node.children, pathname, start, end);
        if (child === undefined) break;
        node = child;
        if (child.entries.length > 0) visited[count++] = child;
        if (end === pathname.length) break;
        start = end + 1;
      }
    }
    if (count === 1) return firstMatch(visited[0]!.entries, pathname);
    return this.mergedFirstMatch(count, pathname);
  }

  private childAt(children: Map<number, TrieNode<T>[]>, pathname: string, start: number, end: number): TrieNode<T> | undefined {
    const bucket = children.get(segmentHash(pathname, start, end, this.caseSensitive));
    if (bucket !== undefined) for (const child of bucket) if (isSegment(child.segment, pathname, start, end, this.caseSensitive)) return child;
    return undefined;
  }

  /** Tests the entries of the visited nodes in precedence order: a merge of their sorted lists. */
  private mergedFirstMatch(count: number, pathname: string): RouterEntry<T> | undefined {
    const cursors = this.cursors;
    cursors.fill(0, 0, count);
    for (let best = nextByRank(this.visited, count, cursors); best !== -1; best = nextByRank(this.visited, count, cursors)) {
      const entry = this.visited[best]!.entries[cursors[best]! - 1]!;
      if (entry.regexp.test(pathname)) return entry;
    }
    return undefined;
  }
}

/**
 * Gives every array of the trie its exact length: arrays grown by `push` keep room for 17
 * elements, which for a trie with a node per controller is most of its memory.
 */
function compact<T>(node: TrieNode<T>): void {
  node.ranks = node.ranks.slice();
  node.entries = node.entries.slice();
  if (node.children === undefined) return;
  for (const [hash, bucket] of node.children) {
    node.children.set(hash, bucket.slice());
    for (const child of bucket) compact(child);
  }
}

function firstMatch<T>(entries: readonly RouterEntry<T>[], pathname: string): RouterEntry<T> | undefined {
  for (const entry of entries) if (entry.regexp.test(pathname)) return entry;
  return undefined;
}

/**
 * Finds the route an Express request is about with the same answers as `PreflightRouter`'s
 * linear scan, but testing only the entries that can match: per method, entries sit in a trie
 * at their literal leading segments (`/api/v1/items/:id` under `api` › `v1` › `items`), and a
 * lookup walks the request's segments and tests the entries met on the way in precedence order.
 * Routes without a literal first segment (`/:tenant/x`, `/*splat`) are tested on every lookup.
 * Each entry's `regexp` must be `compileExpressPath(entry.path, options)`.
 */
export class ExpressRouteIndex<T> {
  private readonly byMethod = new Map<string, MethodTrie<T>>();
  private readonly anyMethod: MethodTrie<T>;

  /** `entries` must already be in precedence order (see `orderEntries`). */
  constructor(entries: readonly RouterEntry<T>[], options: Pick<PathMatchingOptions, 'caseSensitive'>) {
    const { byMethod, anyMethod } = methodBuckets(entries);
    // Methods served by the same entries share one trie (HEAD and GET, unless the app has HEAD routes).
    const built: Array<[readonly RouterEntry<T>[], MethodTrie<T>]> = [];
    const trieOf = (served: readonly RouterEntry<T>[]) => {
      const same = built.find(([other]) => other.length === served.length && other.every((entry, i) => entry === served[i]));
      if (same) return same[1];
      const trie = new MethodTrie(served, options.caseSensitive);
      built.push([served, trie]);
      return trie;
    };
    this.anyMethod = trieOf(anyMethod);
    for (const [method, served] of byMethod) this.byMethod.set(method, trieOf(served));
  }

  /** The entry serving `method` at `pathname` (raw, not percent-decoded, as Express matches it), or undefined. */
  find(method: string, pathname: string): RouterEntry<T> | undefined {
    return (this.byMethod.get(method) ?? this.anyMethod).find(pathname);
  }
}
