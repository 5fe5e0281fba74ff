/**
 * The sequential specification of one key, compiled for the search: every value is
 * interned to a small integer (0 is "absent"), so a model state is one int and a step is
 * a few array reads. Keys are independent, so one key's model is the whole KV model
 * restricted to that key (P-compositionality).
 */
import type { CheckOp, KvOutput } from './types';

/** The state id of an absent key. */
export const ABSENT = 0;
/** Returned by `step` when the operation cannot return what it did from that state. */
export const REJECTED = -1;

const PUT = 0;
const GET = 1;
const DELETE = 2;
const CAS = 3;
/** Output code of an operation whose result was not observed. */
const UNOBSERVED = -1;

export class KeyModel {
  /** Interned values; index 0 is the absent key. */
  readonly values: Array<string | null> = [null];
  private readonly valueIds = new Map<string, number>();
  private readonly kind: Uint8Array;
  /** put/cas: the value written. */
  private readonly written: Int32Array;
  /** cas: the value expected. */
  private readonly expected: Int32Array;
  /** get: the value read; cas: 1 swapped, 0 not; UNOBSERVED. */
  private readonly output: Int32Array;

  constructor(readonly ops: readonly CheckOp[]) {
    const n = ops.length;
    this.kind = new Uint8Array(n);
    this.written = new Int32Array(n);
    this.expected = new Int32Array(n);
    this.output = new Int32Array(n).fill(UNOBSERVED);
    ops.forEach((record, i) => this.compile(record, i));
  }

  private compile(record: CheckOp, i: number): void {
    const { op, output } = record;
    const observed = record.status === 'ok' && output !== undefined;
    switch (op.type) {
      case 'put':
        this.kind[i] = PUT;
        this.written[i] = this.intern(op.value);
        break;
      case 'delete':
        this.kind[i] = DELETE;
        break;
      case 'get':
        this.kind[i] = GET;
        if (observed) this.output[i] = this.intern(typeof output === 'string' ? output : null);
        break;
      case 'cas':
        this.kind[i] = CAS;
        this.written[i] = this.intern(op.value);
        this.expected[i] = this.intern(op.expected);
        if (observed) this.output[i] = output === true ? 1 : 0;
        break;
    }
  }

  private intern(value: string | null): number {
    if (value === null) return ABSENT;
    let id = this.valueIds.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.valueIds.set(value, id);
    }
    return id;
  }

  /** The state after operation `i` from `state`, or REJECTED if it could not have returned its output. */
  step(i: number, state: number): number {
    const out = this.output[i];
    switch (this.kind[i]) {
      case PUT:
        return this.written[i];
      case DELETE:
        return ABSENT;
      case GET:
        return out === UNOBSERVED || out === state ? state : REJECTED;
      default: {
        const matches = state === this.expected[i];
        if (out === UNOBSERVED) return matches ? this.written[i] : state;
        if (matches !== (out === 1)) return REJECTED;
        return matches ? this.written[i] : state;
      }
    }
  }

  /** What operation `i` returns from `state` (undefined for put and delete). */
  expectedOutput(i: number, state: number): KvOutput {
    switch (this.kind[i]) {
      case GET:
        return this.values[state];
      case CAS:
        return state === this.expected[i];
      default:
        return undefined;
    }
  }

  value(state: number): string | null {
    return this.values[state];
  }
}
