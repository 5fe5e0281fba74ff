/**
 * A cluster's store is bounded (LIMITS.maxKeysPerCluster, maxStoreLength by default), so that what
 * a view or a snapshot frame carries of nine nodes' tables stays bounded too (issue 16,
 * defect 3: 1,000 values of 4,000 characters made a 77 MB snapshot). A write is refused
 * before it is proposed when, on the fullest node and counting the writes still in
 * flight, it would take the store past either bound; deletes and reads always pass.
 */
import { LIMITS } from '@raftlab/protocol';
import type { KvOp, Simulation } from '@raftlab/sim';
import { StoreFull } from '../errors';

interface Write {
  key: string;
  /** Its key and value's lengths. */
  length: number;
}

/** The bounds of one cluster's store (README: Configuration, `RAFTLAB_MAX_KEYS_PER_CLUSTER`…). */
export interface StoreLimits {
  maxKeys: number;
  maxLength: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = {
  maxKeys: LIMITS.maxKeysPerCluster,
  maxLength: LIMITS.maxStoreLength,
};

export class StoreBound {
  /** The writes in flight, by operation id. */
  private readonly inFlight = new Map<number, Write>();

  constructor(private readonly limits: StoreLimits = DEFAULT_STORE_LIMITS) {}

  /**
   * Throws StoreFull if `op` would take the store past a bound; returns what to `hold`
   * while it is in flight (null for reads and deletes, which always pass). Writes in
   * flight to one key count once, as their longest: they replace each other.
   */
  check(sim: Simulation, op: KvOp): Write | null {
    if (op.type !== 'put' && op.type !== 'cas') return null;
    const longest = new Map<string, number>();
    for (const write of [...this.inFlight.values(), { key: op.key, length: op.key.length + op.value.length }])
      longest.set(write.key, Math.max(longest.get(write.key) ?? 0, write.length));
    const stored = sim.storedLength(op.key);
    const size = sim.storeSize();
    let keys = size.keys;
    let length = size.length;
    for (const [key, written] of longest) {
      const before = key === op.key ? stored : sim.storedLength(key);
      if (before === 0) keys++;
      length += Math.max(0, written - before);
    }
    const { maxKeys, maxLength } = this.limits;
    if (stored === 0 && keys > maxKeys) throw new StoreFull(`${maxKeys} keys`);
    if (op.key.length + op.value.length > stored && length > maxLength)
      throw new StoreFull(`${maxLength} characters of keys and values`);
    return { key: op.key, length: op.key.length + op.value.length };
  }

  /** `opId`, a write `check` passed, is in flight until it is released. */
  hold(opId: number, write: Write | null): void {
    if (write) this.inFlight.set(opId, write);
  }

  release(opId: number): void {
    this.inFlight.delete(opId);
  }
}
