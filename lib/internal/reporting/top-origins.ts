/** One tracked origin: what Space-Saving keeps per slot, and what the origin report counts. */
export interface OriginSlot {
  origin: string;
  /** Space-Saving's estimate: requests while tracked, plus `error`. Orders the slots. */
  count: number;
  /** The count the slot had when this origin took it: the most its earlier requests can number. */
  error: number;
  /** Exact counts since this origin took the slot. */
  allowed: number;
  refused: number;
  changed: number;
  lastSeen: number;
  /** Position in the heap. */
  index: number;
}

/**
 * The most frequent origins of a stream in bounded memory: Space-Saving (Metwally, Agrawal and
 * El Abbadi, 2005) over a min-heap of at most `capacity` slots. A new origin, once every slot is
 * taken, replaces the least counted one and inherits its count as `error`. Guarantees: any
 * origin seen more than N/capacity times of N is tracked; a tracked origin's true count lies in
 * [count - error, count]. Each `hit` is a map lookup plus O(log capacity) heap steps.
 */
export class TopOrigins {
  private readonly slots = new Map<string, OriginSlot>();
  private readonly heap: OriginSlot[] = [];

  constructor(private readonly capacity: number) {}

  /** Counts one request of `origin` and returns its slot, for the caller's own counters. */
  hit(origin: string, now: number): OriginSlot {
    let slot = this.slots.get(origin);
    if (slot !== undefined) {
      slot.count++;
      slot.lastSeen = now;
      this.siftDown(slot.index);
      return slot;
    }
    if (this.heap.length < this.capacity) {
      slot = { origin, count: 1, error: 0, allowed: 0, refused: 0, changed: 0, lastSeen: now, index: this.heap.length };
      this.heap.push(slot);
      this.slots.set(origin, slot);
      this.siftUp(slot.index);
      return slot;
    }
    // Every slot is taken: the least counted origin leaves, and the new one starts above its count.
    slot = this.heap[0]!;
    this.slots.delete(slot.origin);
    slot.origin = origin;
    slot.error = slot.count;
    slot.count++;
    slot.allowed = slot.refused = slot.changed = 0;
    slot.lastSeen = now;
    this.slots.set(origin, slot);
    this.siftDown(0);
    return slot;
  }

  /** The tracked origins, in no particular order (the caller sorts). */
  list(): readonly OriginSlot[] {
    return this.heap;
  }

  /** Restores the heap above a new slot (it has the least count there is, 1). */
  private siftUp(index: number): void {
    const heap = this.heap;
    const slot = heap[index]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.count <= slot.count) break;
      heap[index] = heap[parent]!;
      heap[index]!.index = index;
      index = parent;
    }
    heap[index] = slot;
    slot.index = index;
  }

  /** Restores the heap below `index` after its count grew (counts only grow). */
  private siftDown(index: number): void {
    const heap = this.heap;
    const slot = heap[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.count < heap[left]!.count ? right : left;
      if (heap[child]!.count >= slot.count) break;
      heap[index] = heap[child]!;
      heap[index]!.index = index;
      index = child;
    }
    heap[index] = slot;
    slot.index = index;
  }
}
