import { PathPolicyMatching, normalizeRequestPath } from './normalize-path.js';
import type { PathPattern } from './path-pattern.js';

export type { PathPolicyMatching } from './normalize-path.js';

/**
 * Finds the `paths` entry of a request path: exact patterns by one map lookup, `/*` patterns
 * by one lookup per distinct pattern depth (a few), never a scan of the patterns or a cost
 * that grows faster than the path. The most specific pattern wins: an exact path over a
 * wildcard, a longer wildcard prefix over a shorter one.
 */
export class PathPolicyIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly wildcards = new Map<string, T>();
  /** Segment counts of the wildcard prefixes, deepest first. */
  private readonly depths: number[];

  constructor(
    entries: ReadonlyArray<{ readonly pattern: PathPattern; readonly target: T }>,
    private readonly matching: PathPolicyMatching,
  ) {
    const depths = new Set<number>();
    for (const { pattern, target } of entries) {
      const key = this.keyOf(pattern);
      if (pattern.wildcard) {
        this.wildcards.set(key, target);
        depths.add(segmentCount(key));
      } else {
        this.exact.set(key, target);
      }
    }
    this.depths = [...depths].sort((a, b) => b - a);
  }

  /** The key two patterns of the same kind share when the adapter cannot tell their paths apart. */
  keyOf(pattern: PathPattern): string {
    if (pattern.wildcard) return this.matching.caseSensitive ? pattern.prefix : pattern.prefix.toLowerCase();
    return normalizeRequestPath(pattern.prefix, this.matching) ?? pattern.prefix;
  }

  get size(): number {
    return this.exact.size + this.wildcards.size;
  }

  find(rawPath: string): T | undefined {
    const path = normalizeRequestPath(rawPath, this.matching);
    if (path === undefined) return undefined;
    const exact = this.exact.get(path);
    if (exact !== undefined) return exact;
    if (this.depths.length === 0) return undefined;
    // The slash positions up to the deepest wildcard: prefix of depth d = path up to the (d+1)-th slash.
    const deepest = this.depths[0]!;
    const slashes: number[] = [];
    for (let at = path.indexOf('/'); at !== -1 && slashes.length <= deepest; at = path.indexOf('/', at + 1)) slashes.push(at);
    for (const depth of this.depths) {
      // `/assets/*` covers `/assets` itself: a path of exactly that depth matches too.
      const end = depth < slashes.length ? slashes[depth]! : depth === slashes.length ? path.length : -1;
      if (end === -1) continue;
      const target = this.wildcards.get(path.slice(0, end));
      if (target !== undefined) return target;
    }
    return undefined;
  }
}

/** `''` (the prefix of `/*`) is depth 0, `/assets` depth 1, `/a/b` depth 2. */
function segmentCount(prefix: string): number {
  let count = 0;
  for (let at = prefix.indexOf('/'); at !== -1; at = prefix.indexOf('/', at + 1)) count++;
  return count;
}
