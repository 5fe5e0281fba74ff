/**
 * The simulator's event queue: a binary min-heap ordered by (virtual time, insertion
 * sequence). Two events at the same time pop in the order they were pushed, so the
 * run never depends on heap internals.
 *
 * The heap holds numbers only, in three parallel typed arrays (time, sequence, slot); the
 * items sit in `items` at their slot from push to pop and never move. Every simulated
 * event is one push and one pop, and each sifts through a few levels, moving numbers
 * only. Shaped for speed: see docs/performance.md#the-event-queue
 */
export class EventQueue<T> {
  /**
   * The heap, in typed arrays of `capacity` (doubled when full). Times and sequence
   * numbers are doubles: both outgrow 31-bit integers in long runs.
   */
  private times = new Float64Array(64);
  private seqs = new Float64Array(64);
  private slots = new Int32Array(64);
  private length = 0;
  /** Items by slot; a popped item's slot is `undefined` and listed in `free`. */
  private readonly items: Array<T | undefined> = [];
  /** Each item's tag, by slot (see `push`). */
  private readonly tags: number[] = [];
  /** The tag of the item `pop` returned last. */
  poppedTag = 0;
  private readonly free: number[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.length;
  }

  /**
   * Queues `item` at `time`. `tag`, a small integer the caller chooses, comes back in
   * `poppedTag` with the item: the caller can tell its kinds of item apart by a number
   * instead of reading fields of objects of many shapes.
   */
  push(time: number, item: T, tag = 0): void {
    const seq = this.nextSeq++;
    const slot = this.free.length > 0 ? this.free.pop()! : this.items.length;
    this.items[slot] = item;
    this.tags[slot] = tag;
    if (this.length === this.times.length) this.grow();
    const { times, seqs, slots } = this;
    // Sift up with a hole: move parents down until `(time, seq)` fits, then write it once.
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    slots.set(this.slots);
    this.times = times;
    this.seqs = seqs;
    this.slots = slots;
  }

  /** Calls `visit` with every queued item, in no particular order. */
  forEach(visit: (item: T) => void): void {
    for (let i = 0; i < this.length; i++) visit(this.items[this.slots[i]]!);
  }

  peekTime(): number | null {
    return this.length === 0 ? null : this.times[0];
  }

  /** Removes and returns the earliest item; read its time with `peekTime()` first. */
  pop(): T | undefined {
    const { times, seqs, slots } = this;
    if (this.length === 0) return undefined;
    const topSlot = slots[0];
    const top = this.items[topSlot];
    this.poppedTag = this.tags[topSlot];
    this.items[topSlot] = undefined;
    this.free.push(topSlot);
    // The last element leaves the end and sifts down from the root.
    const n = --this.length;
    if (n === 0) return top;
    const time = times[n];
    const seq = seqs[n];
    const slot = slots[n];
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
      slots[i] = slots[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
    return top;
  }

  /**
   * Removes `item` (found by identity: a linear scan, for the rare removal by hand, such
   * as a message a person drops); false when it is not queued.
   */
  remove(item: T): boolean {
    let i = 0;
    while (i < this.length && this.items[this.slots[i]] !== item) i++;
    if (i === this.length) return false;
    const slot = this.slots[i];
    this.items[slot] = undefined;
    this.free.push(slot);
    const last = --this.length;
    if (i === last) return true;
    // The last element fills the hole, then moves up or down to where it belongs.
    this.move(last, i);
    while (i > 0 && this.before(i, (i - 1) >> 1)) {
      this.swap(i, (i - 1) >> 1);
      i = (i - 1) >> 1;
    }
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.length) break;
      if (child + 1 < this.length && this.before(child + 1, child)) child++;
      if (!this.before(child, i)) break;
      this.swap(i, child);
      i = child;
    }
    return true;
  }

  /** Whether heap entry `a` pops before heap entry `b`. */
  private before(a: number, b: number): boolean {
    const { times, seqs } = this;
    return times[a] < times[b] || (times[a] === times[b] && seqs[a] < seqs[b]);
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.slots[to] = this.slots[from];
  }

  private swap(a: number, b: number): void {
    const { times, seqs, slots } = this;
    [times[a], times[b]] = [times[b], times[a]];
    [seqs[a], seqs[b]] = [seqs[b], seqs[a]];
    [slots[a], slots[b]] = [slots[b], slots[a]];
  }
}
