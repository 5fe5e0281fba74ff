/**
 * The one pseudo-random source of a simulation run: sfc32 (Chris Doty-Humphrey's
 * Small Fast Counter), seeded through splitmix32 so that nearby seeds give unrelated
 * streams. Pure 32-bit integer arithmetic, so a seed yields the same numbers on every
 * engine and machine. `fork()` derives an independent child stream (one per node) whose
 * numbers do not depend on how much the parent is used afterwards.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    // Warm up so the first outputs do not mirror the seeding.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A uniform unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
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
    return () => this.next();
  }
}
