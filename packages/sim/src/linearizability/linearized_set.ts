/**
 * The set of operations linearized so far, as a bitset with an incremental (Zobrist)
 * hash, plus what the memo needs to store it compactly.
 *
 * Bits are laid out in two regions: operations that completed (`ok`) in call order,
 * then operations of unknown outcome in call order. The search can only pass an
 * operation's return once it is linearized, so the first region always looks like "all
 * ones, a window as wide as the concurrency, all zeros": `firstNotFull` and
 * `lastNonZero` bound that window and only the window is stored. Unknown operations
 * can stay out forever, so their region is stored from its start up to
 * `lastNonZeroUnknown`.
 * Invariant: words before `firstNotFull` are all ones; known words after `lastNonZero`
 * and unknown words after `lastNonZeroUnknown` are zero.
 */

export class LinearizedSet {
  readonly words: Uint32Array;
  /** Words [0, knownWords) hold completed operations; the rest hold unknown ones. */
  readonly knownWords: number;
  /** Zobrist hash: the XOR of `keys[bit]` over the bits set. */
  hash = 0;
  size = 0;
  firstNotFull = 0;
  lastNonZero = -1;
  /** knownWords - 1 when no unknown operation is in the set. */
  lastNonZeroUnknown: number;
  private readonly keys: Int32Array;
  private readonly known: number;
  /** Unknown operation i (numbered from `known`) lives at bit `i + unknownShift`: its region starts on a word. */
  private readonly unknownShift: number;

  /** Bits [0, known) are completed operations, [known, known + unknown) unknown ones. */
  constructor(known: number, unknown: number) {
    this.knownWords = (known + 31) >>> 5;
    this.words = new Uint32Array(this.knownWords + ((unknown + 31) >>> 5));
    this.keys = zobristKeys(this.words.length * 32);
    this.known = known;
    this.unknownShift = this.knownWords * 32 - known;
    this.lastNonZeroUnknown = this.knownWords - 1;
  }

  /** The bit of operation `index` (operations numbered as in the constructor). */
  bitOf(index: number): number {
    return index < this.known ? index : index + this.unknownShift;
  }

  add(bit: number): void {
    const w = bit >>> 5;
    this.words[w] |= 1 << (bit & 31);
    this.hash ^= this.keys[bit];
    this.size++;
    if (w >= this.knownWords) {
      if (w > this.lastNonZeroUnknown) this.lastNonZeroUnknown = w;
      return;
    }
    if (w > this.lastNonZero) this.lastNonZero = w;
    if (w === this.firstNotFull) {
      let first = w;
      while (first < this.knownWords && this.words[first] === 0xffffffff) first++;
      this.firstNotFull = first;
    }
  }

  remove(bit: number): void {
    const w = bit >>> 5;
    this.words[w] &= ~(1 << (bit & 31));
    this.hash ^= this.keys[bit];
    this.size--;
    if (w >= this.knownWords) {
      if (w === this.lastNonZeroUnknown) {
        let last = w;
        while (last >= this.knownWords && this.words[last] === 0) last--;
        this.lastNonZeroUnknown = last;
      }
      return;
    }
    if (w < this.firstNotFull) this.firstNotFull = w;
    if (w === this.lastNonZero) {
      let last = w;
      while (last >= 0 && this.words[last] === 0) last--;
      this.lastNonZero = last;
    }
  }

  has(bit: number): boolean {
    return (this.words[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }
}

/** Fixed pseudo-random 32-bit keys (splitmix32), the same on every run. */
function zobristKeys(count: number): Int32Array {
  const keys = new Int32Array(count);
  let state = 0x2545f491;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    keys[i] = z ^ (z >>> 16);
  }
  return keys;
}
