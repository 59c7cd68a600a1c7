import { isSegment, segmentHash } from './path-segments.js';

/** One node: a literal path segment, and the values whose literal leading segments end here. */
interface TrieNode<V> {
  /** The segment, ASCII-lowercased when the trie folds case. */
  readonly segment: string;
  /** Children by `segmentHash` of their segment. */
  children: Map<number, TrieNode<V>> | undefined;
  /** The next child of the same parent whose segment has the same hash (rare). */
  sameHash: TrieNode<V> | undefined;
  /** Precedence ranks of `values`, ascending. */
  ranks: number[];
  values: V[];
}

const SLASH = 0x2f;

function newNode<V>(segment: string): TrieNode<V> {
  return { segment, children: undefined, sameHash: undefined, ranks: [], values: [] };
}

/**
 * Values (routes) placed at their literal leading path segments, each with a precedence rank:
 * the index under both route finders (`ExpressRouteIndex`, `FastifyRouteIndex`). A lookup walks
 * the path's segments from the root and offers the values of the nodes it met to `accept` in rank
 * order; the first accepted is the answer. Values whose paths start with a parameter or wildcard
 * sit at the root and are offered on every lookup. Built once (`add` in rank order, then
 * `seal`); lookups are synchronous and allocate nothing.
 */
export class SegmentTrie<V> {
  private readonly root = newNode<V>('');
  private height = 0;
  /** Reused on every lookup: the nodes met that hold values, and a cursor into each. */
  private visited: TrieNode<V>[] = [];
  private cursors = new Int32Array(1);

  /** Without `caseSensitive`, path segments are compared up to ASCII case (added segments must be lowercased). */
  constructor(private readonly caseSensitive: boolean) {}

  /** Places `value` under `segments`; ranks must ascend across calls. */
  add(segments: readonly string[], rank: number, value: V): void {
    let node = this.root;
    for (const segment of segments) node = this.childFor(node, segment);
    node.ranks.push(rank);
    node.values.push(value);
    this.height = Math.max(this.height, segments.length);
  }

  /** Ends building: gives every array its exact length and sizes the lookup buffers. */
  seal(): void {
    compact(this.root);
    this.visited = new Array<TrieNode<V>>(this.height + 1).fill(this.root);
    this.cursors = new Int32Array(this.height + 1);
  }

  /** The first value, in rank order, of the nodes `path` passes through that `accept` takes. */
  first<C>(path: string, accept: (value: V, path: string, context: C) => boolean, context: C): V | undefined {
    const visited = this.visited;
    let count = 0;
    if (this.root.values.length > 0) visited[count++] = this.root;
    let node = this.root;
    let start = 1;
    while (node.children !== undefined && path.charCodeAt(start - 1) === SLASH) {
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      if (end === start) break;
      const child = this.childAt(node.children, path, start, end);
      if (child === undefined) break;
      node = child;
      if (child.values.length > 0) visited[count++] = child;
      start = end + 1;
    }
    if (count === 1) {
      // Most lookups meet values at one node only: its list is already in order.
      for (const value of visited[0]!.values) if (accept(value, path, context)) return value;
      return undefined;
    }
    // Several nodes: a merge of their lists by rank.
    const cursors = this.cursors;
    cursors.fill(0, 0, count);
    for (let best = nextByRank(visited, count, cursors); best !== -1; best = nextByRank(visited, count, cursors)) {
      const value = visited[best]!.values[cursors[best]! - 1]!;
      if (accept(value, path, context)) return value;
    }
    return undefined;
  }

  private childFor(node: TrieNode<V>, segment: string): TrieNode<V> {
    node.children ??= new Map();
    const hash = segmentHash(segment, 0, segment.length, this.caseSensitive);
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

  private childAt(children: Map<number, TrieNode<V>>, path: string, start: number, end: number): TrieNode<V> | undefined {
    for (let child = children.get(segmentHash(path, start, end, this.caseSensitive)); child !== undefined; child = child.sameHash) {
      if (isSegment(child.segment, path, start, end, this.caseSensitive)) return child;
    }
    return undefined;
  }
}

/**
 * The position in `lists` of the list whose next rank is the lowest, whose cursor then moves past
 * it; -1 when every list is exhausted.
 */
function nextByRank(lists: ReadonlyArray<{ readonly ranks: readonly number[] }>, count: number, cursors: Int32Array): number {
  let best = -1;
  let bestRank = Infinity;
  for (let i = 0; i < count; i++) {
    const rank = lists[i]!.ranks[cursors[i]!];
    if (rank !== undefined && rank < bestRank) {
      best = i;
      bestRank = rank;
    }
  }
  if (best !== -1) cursors[best]!++;
  return best;
}

/**
 * Gives every array of the trie its exact length: arrays grown by `push` keep room for 17
 * elements, which for a trie with a node per controller is most of its memory.
 */
function compact<V>(node: TrieNode<V>): void {
  node.ranks = node.ranks.slice();
  node.values = node.values.slice();
  if (node.children === undefined) return;
  for (const first of node.children.values()) for (let child: TrieNode<V> | undefined = first; child; child = child.sameHash) compact(child);
}
