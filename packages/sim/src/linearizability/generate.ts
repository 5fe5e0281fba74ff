/**
 * Generates linearizable histories for tests and benchmarks: clients with one operation
 * in flight each issue random operations; each operation takes effect at a point inside
 * its interval, and running them in the order of those points gives their outputs.
 * Some operations complete `unknown` (ret = Infinity), and then took effect or not.
 */
import type { CheckKvOp, CheckOp } from './types';

export interface GenerateOptions {
  ops: number;
  clients: number;
  keys: number;
  /** Fraction of operations that complete `unknown`. */
  unknownRate: number;
  /** Uniform in [0, 1); inject a seeded source for reproducible histories. */
  random: () => number;
  /** Upper bound of the delays call→effect and effect→return (default 1,000). */
  latency?: number;
}

interface Planned {
  record: CheckOp;
  effectAt: number;
  /** False for an unknown operation that never took effect. */
  happens: boolean;
}

export function generateLinearizableHistory(options: GenerateOptions): CheckOp[] {
  const { random, clients, keys, unknownRate } = options;
  const latency = options.latency ?? 1_000;
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const nextCall = Array.from({ length: clients }, () => int(0, latency));
  const planned: Planned[] = [];
  const lastWritten = new Map<string, string>();
  for (let id = 0; id < options.ops; id++) {
    let client = 0;
    for (let c = 1; c < clients; c++) if (nextCall[c] < nextCall[client]) client = c;
    const call = nextCall[client];
    const effectAt = call + int(0, latency);
    const ret = effectAt + int(0, latency);
    nextCall[client] = ret + int(0, latency);
    const unknown = random() < unknownRate;
    const op = randomOp(`k${int(0, keys - 1)}`, id, int, lastWritten);
    const record: CheckOp = { id, clientId: client, call, ret: unknown ? Infinity : ret, op, status: 'ok' };
    if (unknown) record.status = 'unknown';
    planned.push({ record, effectAt, happens: !unknown || random() < 0.5 });
  }
  // Distinct effect points make the order total; ties are broken by id, inside both intervals.
  planned.sort((a, b) => a.effectAt - b.effectAt || a.record.id - b.record.id);
  const store = new Map<string, string>();
  for (const { record, happens } of planned) {
    if (!happens) continue;
    const output = execute(record.op, store);
    if (record.status === 'ok' && (record.op.type === 'get' || record.op.type === 'cas')) {
      record.output = output;
    }
  }
  return planned.map((p) => p.record).sort((a, b) => a.id - b.id);
}

function randomOp(
  key: string,
  id: number,
  int: (lo: number, hi: number) => number,
  lastWritten: Map<string, string>,
): CheckKvOp {
  const roll = int(0, 99);
  const value = `v${id}`;
  if (roll < 75 && roll >= 35) return { type: 'get', key };
  if (roll < 80 && roll >= 75) return { type: 'delete', key };
  // A cas mostly expects the key's latest value in issue order, so many swaps succeed.
  const expected = int(0, 3) === 0 ? null : (lastWritten.get(key) ?? null);
  lastWritten.set(key, value);
  return roll < 35 ? { type: 'put', key, value } : { type: 'cas', key, expected, value };
}

function execute(op: CheckKvOp, store: Map<string, string>): string | null | boolean {
  const current = store.get(op.key) ?? null;
  switch (op.type) {
    case 'put':
      store.set(op.key, op.value);
      return op.value;
    case 'get':
      return current;
    case 'delete':
      store.delete(op.key);
      return null;
    case 'cas':
      if (current !== op.expected) return false;
      store.set(op.key, op.value);
      return true;
  }
}
