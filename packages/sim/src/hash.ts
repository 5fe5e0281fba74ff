/** FNV-1a (32-bit) hashing, used to compare whole event streams of two runs cheaply. */
import type { SimEvent } from './types';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Folds the UTF-16 code units of `text` into `hash` (start from the default offset basis). */
export function fnv1a(text: string, hash: number = FNV_OFFSET): number {
  let h = hash >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h;
}

/** Incrementally hashes a stream of events; feed it to `Simulation.onEvent`. */
export class EventHasher {
  private hash = FNV_OFFSET;
  count = 0;

  add = (event: SimEvent): void => {
    this.hash = fnv1a(JSON.stringify(event), this.hash);
    this.hash = fnv1a('\n', this.hash);
    this.count++;
  };

  digest(): string {
    return this.hash.toString(16).padStart(8, '0');
  }
}

/** Hash of a whole list of events. */
export function hashEvents(events: readonly SimEvent[]): string {
  const hasher = new EventHasher();
  for (const e of events) hasher.add(e);
  return hasher.digest();
}
