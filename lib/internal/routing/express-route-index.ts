import { Token, parse } from 'path-to-regexp';
import { PathMatchingOptions } from './compile-path.js';
import { RouterEntry, methodBuckets } from './preflight-router.js';
import { SegmentTrie } from './segment-trie.js';

const SLASH = 0x2f;

/** Above this many steps the start of a path's variable part counts as unknown (many nested groups). */
const GROUP_BUDGET = 64;

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

/** The entries of one method bucket, in a trie at their literal leading segments, ranked in bucket order. */
function methodTrie<T>(entries: readonly RouterEntry<T>[], caseSensitive: boolean): SegmentTrie<RouterEntry<T>> {
  const trie = new SegmentTrie<RouterEntry<T>>(caseSensitive);
  entries.forEach((entry, rank) => trie.add(literalSegments(entry, caseSensitive), rank, entry));
  trie.seal();
  return trie;
}

const matchesPath = (entry: RouterEntry<unknown>, pathname: string): boolean => entry.regexp.test(pathname);

/**
 * Finds the route an Express request is about with the same answers as `PreflightRouter`'s
 * linear scan, but testing only the entries that can match: per method, entries sit in a trie
 * at their literal leading segments (`/api/v1/items/:id` under `api` › `v1` › `items`), and a
 * lookup walks the request's segments and tests the entries met on the way in precedence order.
 * Routes without a literal first segment (`/:tenant/x`, `/*splat`) are tested on every lookup.
 * Each entry's `regexp` must be `compileExpressPath(entry.path, options)`.
 */
export class ExpressRouteIndex<T> {
  private readonly byMethod = new Map<string, SegmentTrie<RouterEntry<T>>>();
  private readonly anyMethod: SegmentTrie<RouterEntry<T>>;

  /** `entries` must already be in precedence order (see `orderEntries`). */
  constructor(entries: readonly RouterEntry<T>[], options: Pick<PathMatchingOptions, 'caseSensitive'>) {
    const { byMethod, anyMethod } = methodBuckets(entries);
    // Methods served by the same entries share one trie (HEAD and GET, unless the app has HEAD routes).
    const built: Array<[readonly RouterEntry<T>[], SegmentTrie<RouterEntry<T>>]> = [];
    const trieOf = (served: readonly RouterEntry<T>[]) => {
      const same = built.find(([other]) => other.length === served.length && other.every((entry, i) => entry === served[i]));
      if (same) return same[1];
      const trie = methodTrie(served, options.caseSensitive);
      built.push([served, trie]);
      return trie;
    };
    this.anyMethod = trieOf(anyMethod);
    for (const [method, served] of byMethod) this.byMethod.set(method, trieOf(served));
  }

  /** The entry serving `method` at `pathname` (raw, not percent-decoded, as Express matches it), or undefined. */
  find(method: string, pathname: string): RouterEntry<T> | undefined {
    return (this.byMethod.get(method) ?? this.anyMethod).first(pathname, matchesPath, undefined);
  }
}
