/**
 * The one pseudo-random source of a simulation run: sfc32 (Chris Doty-Humphrey's
 * Small Fast Counter), seeded through splitmix32 so that nearby seeds give unrelated
 * streams. Pure 32-bit integer arithmetic, so a seed yields the same numbers on every
 * engine and machine. `fork()` derives an independent child stream (one per node) whose
 * numbers do not depend on how much the parent is used afterwards.
 */
import { bindTo } from '@raftlab/raft';
export class Random {
  /**
   * The four 32-bit words of sfc32's state, as int32 in a typed array; int32 arithmetic
   * is the same as uint32 arithmetic modulo 2^32, bit for bit.
   * Shaped for speed: see docs/performance.md#the-prng
   */
  private readonly state = new Int32Array(4);

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let i = 0; i < 4; i++) this.state[i] = splitmix32();
    // Warm up so the first outputs do not mirror the seeding.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A uniform unsigned 32-bit integer. */
  nextU32(): number {
    const s = this.state;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = s[3];
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 0x1_0000_0000;
  }

  /** A uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`empty range [${lo}, ${hi}]`);
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** An independent child stream; consumes one number of this stream. */
  fork(): Random {
    return new Random(this.nextU32() ^ 0x5bd1e995);
  }

  /** A `() => number` in [0, 1), the shape `Config.random` of the Raft core expects. */
  asFunction(): () => number {
    return bindTo(this, this.next);
  }
}
