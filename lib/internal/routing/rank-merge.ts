/**
 * A step of a merge of several lists sorted by precedence rank (the route lists of the trie nodes
 * a lookup visited): the position in `lists` of the list whose next rank is the lowest, whose
 * cursor then moves past it; -1 when every list is exhausted. Allocates nothing.
 */
export function nextByRank(lists: ReadonlyArray<{ readonly ranks: readonly number[] }>, count: number, cursors: Int32Array): number {
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
