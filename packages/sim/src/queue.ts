/**
 * The simulator's event queue: a binary min-heap ordered by (virtual time, insertion
 * sequence). Two events at the same time pop in the order they were pushed, so the
 * run never depends on heap internals.
 *
 * The heap is three parallel arrays (time, sequence, item) rather than an array of
 * records: every simulated event is one push and one pop, and a record per push was
 * garbage the moment it was popped.
 */
export class EventQueue<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  push(time: number, item: T): void {
    const seq = this.nextSeq++;
    const { times, seqs, items } = this;
    // Sift up with a hole: move parents down until `(time, seq)` fits, then write it once.
    let i = items.length;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Calls `visit` with every queued item, in no particular order. */
  forEach(visit: (item: T) => void): void {
    for (const item of this.items) visit(item);
  }

  peekTime(): number | null {
    return this.items.length === 0 ? null : this.times[0];
  }

  /** Removes and returns the earliest item; read its time with `peekTime()` first. */
  pop(): T | undefined {
    const { times, seqs, items } = this;
    if (items.length === 0) return undefined;
    const top = items[0];
    // The last element leaves the end and sifts down from the root.
    const time = times.pop()!;
    const seq = seqs.pop()!;
    const item = items.pop()!;
    const n = items.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))
      )
        child = right;
      const ct = times[child];
      if (time < ct || (time === ct && seq < seqs[child])) break;
      times[i] = ct;
      seqs[i] = seqs[child];
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
    return top;
  }
}
