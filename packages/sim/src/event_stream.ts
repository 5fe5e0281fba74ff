/**
 * The simulation's observation side (DESIGN.md, "Observation"): every observable change
 * is a `SimEvent` stamped with the virtual time `t` and a run-wide sequence number `seq`,
 * handed to the listeners and to the invariant checker as it happens, in the middle of a
 * task. A violation is itself an event, right after its cause.
 *
 * An event that would reach no one (no listener, and a type the invariant checker does
 * not read: `checksEventType`) is numbered but not built, and so is a node state that
 * moved only in what no invariant reads; so every event's `seq` is the same whether or
 * not anyone watches, and so are the violations found.
 */
import { InvariantChecker, checksEventType } from './invariants';
import type { Violation } from './invariants';
import { COPY, type Copier } from './deep_copy';
import type { NodeState, SimEvent, SimEventBody } from './types';

export class EventStream {
  private listeners: Array<(e: SimEvent) => void> = [];
  private nextSeq = 0;
  private readonly invariants = new InvariantChecker();

  /** `now`: the simulation's virtual time, for each event's `t`. */
  constructor(private readonly now: () => number) {}

  /** Whether anyone keeps events (a listener is subscribed). */
  isObserved(): boolean {
    return this.listeners.length > 0;
  }

  /** A copy for a checkpoint (deep_copy.ts): the listeners stay with the original. */
  [COPY](copy: Copier): EventStream {
    const out = Object.create(EventStream.prototype) as Record<string, unknown>;
    for (const [key, value] of Object.entries(this)) out[key] = key === 'listeners' ? [] : copy(value);
    return out as unknown as EventStream;
  }

  /** Number of safety violations found so far. */
  get violations(): number {
    return this.invariants.violations;
  }

  /** The first violations, with their evidence. */
  evidence(): Violation[] {
    return this.invariants.evidence();
  }

  /** See `Simulation.onEvent`. */
  subscribe(listener: (e: SimEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  emit(body: SimEventBody): void {
    // Every caller builds `body` fresh for this call, so it becomes the event in place.
    // Shaped for speed: see docs/performance.md#events-in-place
    const event = body as SimEvent;
    event.t = this.now();
    event.seq = this.nextSeq++;
    // subscribe's unsubscribe replaces the array, so iterating the current one is safe.
    for (const listener of this.listeners) listener(event);
    for (const violation of this.invariants.observe(event))
      this.emit({ type: 'invariant-violated', violation });
  }

  /**
   * For an event of `type` about to be emitted: when it would reach no one, numbers it
   * without building it and returns true; otherwise false, and the caller emits it.
   */
  skip(type: SimEvent['type']): boolean {
    if (this.listeners.length > 0 || checksEventType(type)) return false;
    this.nextSeq++;
    return true;
  }

  /**
   * A node's state changed. Unobserved, the event is numbered but not built, and the
   * invariant checker reads `state` itself, which is then the node's reused mirror; or
   * not even that when only the election timer or a leader's progress moved, which no
   * invariant looks at (the checker reports nothing for a state whose other fields are
   * as before, so observed runs find the same violations).
   */
  stateChanged(state: NodeState, timerOrProgressOnly: boolean): void {
    if (this.listeners.length > 0) return this.emit({ type: 'node-state', node: state });
    this.nextSeq++;
    if (timerOrProgressOnly) return;
    for (const violation of this.invariants.observeState(state))
      this.emit({ type: 'invariant-violated', violation });
  }
}
