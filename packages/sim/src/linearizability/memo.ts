/**
 * The memo of the search: the set of (linearized set, model state) configurations
 * already explored. An open-addressing hash table over records in one growable
 * Uint32Array pool, so a million configurations cost no garbage.
 *
 * Record layout: [state, firstWord, windowLength, unknownLength, ...window words,
 * ...unknown words], where the window is the known region of the set between
 * `firstNotFull` and `lastNonZero`, and the unknown words run from the start of the
 * unknown region to `lastNonZeroUnknown` (see LinearizedSet). That describes the set
 * exactly because the words left out are all ones before the window and zero after.
 */
import type { LinearizedSet } from './linearized_set';

const EMPTY = -1;

export class Memo {
  private pool = new Uint32Array(1 << 12);
  private poolUsed = 0;
  /** Slot → record offset in the pool, or EMPTY. */
  private slots = new Int32Array(1 << 10).fill(EMPTY);
  private slotHashes = new Int32Array(1 << 10);
  size = 0;

  /** Adds the configuration; false if it was already there. */
  insert(set: LinearizedSet, state: number): boolean {
    const hash = mix(set.hash ^ Math.imul(state + 1, 0x9e3779b1));
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const offset = this.slots[slot];
      if (offset === EMPTY) break;
      if (this.slotHashes[slot] === hash && this.matches(offset, set, state)) return false;
      slot = (slot + 1) & mask;
    }
    this.slots[slot] = this.append(set, state);
    this.slotHashes[slot] = hash;
    this.size++;
    // Keep the load factor under 1/2 so probe sequences stay short.
    if (this.size * 2 > this.slots.length) this.grow();
    return true;
  }

  private matches(offset: number, set: LinearizedSet, state: number): boolean {
    const pool = this.pool;
    const first = set.firstNotFull;
    const length = set.lastNonZero + 1 - first;
    const unknownLength = set.lastNonZeroUnknown + 1 - set.knownWords;
    if (pool[offset] !== state || pool[offset + 1] !== first || pool[offset + 2] !== length) return false;
    if (pool[offset + 3] !== unknownLength) return false;
    const words = set.words;
    let p = offset + 4;
    for (let w = first; w < first + length; w++) if (pool[p++] !== words[w]) return false;
    for (let w = set.knownWords; w <= set.lastNonZeroUnknown; w++) if (pool[p++] !== words[w]) return false;
    return true;
  }

  private append(set: LinearizedSet, state: number): number {
    // Invariant: firstNotFull <= lastNonZero + 1 (the words before firstNotFull are nonzero).
    const first = set.firstNotFull;
    const length = set.lastNonZero + 1 - first;
    const unknownLength = set.lastNonZeroUnknown + 1 - set.knownWords;
    const needed = 4 + length + unknownLength;
    if (this.poolUsed + needed > this.pool.length) {
      const bigger = new Uint32Array(Math.max(this.pool.length * 2, this.poolUsed + needed));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    const offset = this.poolUsed;
    const pool = this.pool;
    pool[offset] = state;
    pool[offset + 1] = first;
    pool[offset + 2] = length;
    pool[offset + 3] = unknownLength;
    pool.set(set.words.subarray(first, first + length), offset + 4);
    pool.set(set.words.subarray(set.knownWords, set.knownWords + unknownLength), offset + 4 + length);
    this.poolUsed += needed;
    return offset;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.slotHashes;
    this.slots = new Int32Array(oldSlots.length * 2).fill(EMPTY);
    this.slotHashes = new Int32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] === EMPTY) continue;
      let slot = oldHashes[i] & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = oldSlots[i];
      this.slotHashes[slot] = oldHashes[i];
    }
  }
}

/** Murmur3's finaliser: spreads the XOR-combined hash over the low bits the table uses. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
