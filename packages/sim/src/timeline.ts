/**
 * The timeline of one simulated run: any moment of its past, exactly, and cheaply.
 *
 * A run is a pure function of its seed, its config and its inputs at their recorded
 * points (simulation.ts), so the state right after event N could always be had by
 * replaying the trace to N. The timeline makes that fast: while the live simulation
 * runs, it keeps checkpoints — deep copies of the whole simulation (deep_copy.ts) —
 * every `checkpointEvery` events; a seek copies the nearest checkpoint at or before N
 * and replays the recorded inputs and events from there. A copy is never run itself, so
 * checkpoints are shared by every branch that starts after them (`branch`).
 *
 * "The state right after event N" is the state once event N is processed and every
 * input recorded after it (`afterEvents === N`) is applied, with the clock at the last
 * of those: checkpoints are taken right after an event, and a seek ends on an event or
 * an input, never on a clock moved past both by `runUntil` (so a live cluster's clock
 * may read later than its latest moment's). Moment 0 is the cluster before any event.
 *
 * Memory is bounded by `maxCheckpoints`: when one more would exceed it, the spacing
 * doubles and every other checkpoint goes, so a longer run costs a longer replay per
 * seek (its replay distance doubles with the run's length) but never more checkpoints.
 * Each checkpoint copies the state's mutable objects and the arrays of unchanging records
 * (inputs, completed operations, the invariant checker's log records), which grow with
 * the run: about 0.7 MB per checkpoint after an hour of light load.
 *
 * Nothing here reads a clock or a random source outside the simulation's own.
 */
import { bindTo } from '@raftlab/raft';
import { deepCopy, estimatedBytes, type CopySize } from './deep_copy';
import { playTrace } from './recording';
import { Simulation, type SimulationOptions } from './simulation';
import type { SimEvent, Trace } from './types';

export interface TimelineOptions {
  /**
   * Events between two checkpoints at first. 15,000 is about a virtual minute of a
   * 5-node cluster under light load, replayed in about 20 ms.
   */
  checkpointEvery?: number;
  /** Checkpoints kept at most; past it the spacing doubles and every other one goes. */
  maxCheckpoints?: number;
  /** Estimated bytes all checkpoints may hold together; past it, the same thinning. */
  maxBytes?: number;
}

export const DEFAULT_TIMELINE_OPTIONS: Required<TimelineOptions> = {
  checkpointEvery: 15_000,
  maxCheckpoints: 64,
  maxBytes: 24 * 1024 * 1024,
};

/** A simulation to read, never to run or change: what `Timeline.momentAt` lends. */
export type Moment = Pick<
  Simulation,
  'view' | 'history' | 'opStages' | 'now' | 'eventsProcessed' | 'violations' | 'leader' | 'trace'
>;

/** A copy of the simulation right after event `seq`, holding its first `inputs` inputs. */
interface Checkpoint {
  readonly seq: number;
  readonly inputs: number;
  readonly sim: Simulation;
  /** Its estimated size (deep_copy.ts's `estimatedBytes`). */
  readonly bytes: number;
}

/** A simulation being moved through the past, and the number of inputs it has applied. */
interface Cursor {
  sim: Simulation;
  nextInput: number;
}

export class Timeline {
  private readonly options: Required<TimelineOptions>;
  private checkpoints: Checkpoint[];
  private every: number;
  private cursor: Cursor | null = null;

  /**
   * `live` must be new (no event processed yet), unless `inherited` holds the
   * checkpoints of the timeline it was copied from (see `branch`).
   */
  constructor(
    private readonly live: Simulation,
    options: TimelineOptions = {},
    inherited?: { checkpoints: Checkpoint[]; every: number },
  ) {
    this.options = { ...DEFAULT_TIMELINE_OPTIONS, ...options };
    if (this.options.maxCheckpoints < 2) throw new RangeError('maxCheckpoints must be at least 2');
    this.every = inherited?.every ?? this.options.checkpointEvery;
    if (inherited) this.checkpoints = inherited.checkpoints;
    else if (live.eventsProcessed === 0) this.checkpoints = [];
    else throw new RangeError('a timeline starts with a new simulation, or inherits checkpoints');
    if (this.checkpoints.length === 0) this.take();
  }

  /** Replays `trace` to its last input, keeping checkpoints on the way (an uploaded run). */
  static replay(trace: Trace, options: TimelineOptions = {}, simOptions?: SimulationOptions): Timeline {
    const timeline = new Timeline(new Simulation(trace.config, simOptions), options);
    timeline.play(trace);
    return timeline;
  }

  /** Plays a trace's inputs on the live simulation, each at its point, to its end (see `Simulation.replay`). */
  play(trace: Pick<Trace, 'inputs' | 'events'>): void {
    playTrace(this.live, trace, bindTo(this, this.step));
  }

  /** The live simulation: the present, the end of the timeline. */
  get simulation(): Simulation {
    return this.live;
  }

  /** The number of the live run's last event: moments 0..end can be seen. */
  get end(): number {
    return this.live.eventsProcessed;
  }

  /** How many checkpoints are kept, and how many events apart (for tests and benchmarks). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  get spacing(): number {
    return this.every;
  }

  /** The checkpoints' estimated size together, bytes (at most `maxBytes`, or one checkpoint). */
  get checkpointBytes(): number {
    return this.checkpoints.reduce((sum, c) => sum + c.bytes, 0);
  }

  /**
   * Runs the live simulation to virtual time `t` (as `Simulation.runUntil`), keeping
   * checkpoints. With `stop`, it ends early, right after the event for which `stop()`
   * first answers true, or after `maxEvents` events, with the clock at that event; it
   * answers whether it reached `t`.
   */
  runUntil(t: number, stop?: { when?: () => boolean; maxEvents?: number }): boolean {
    const live = this.live;
    const last = live.eventsProcessed + (stop?.maxEvents ?? Infinity);
    for (;;) {
      const next = live.nextEventTime();
      if (next === null || next > t) break;
      live.step();
      if (live.eventsProcessed - this.lastSeq() >= this.every) this.take();
      if (stop && (live.eventsProcessed >= last || stop.when?.() === true)) return false;
    }
    live.runUntil(t);
    return true;
  }

  /** Processes one event of the live simulation (as `Simulation.step`), keeping checkpoints. */
  step(): boolean {
    const stepped = this.live.step();
    if (this.live.eventsProcessed - this.lastSeq() >= this.every) this.take();
    return stepped;
  }

  /**
   * The run right after event `seq`, to read: the same object may be moved to another
   * moment by the next call, so read it at once and keep only what was read. Moving
   * forward from the last moment continues from it, so scrubbing forward costs only
   * the events in between.
   */
  momentAt(seq: number): Moment {
    this.check(seq);
    const base = this.checkpointAt(seq);
    const cursor = this.cursor;
    if (cursor === null || cursor.sim.eventsProcessed > seq || cursor.sim.eventsProcessed < base.seq) {
      this.cursor = { sim: deepCopy(base.sim), nextInput: base.inputs };
    }
    this.advance(this.cursor!, seq);
    return this.cursor!.sim;
  }

  /**
   * The moment at `from`, then every event up to `to` passed to `listener` as the live
   * run emitted it (to show the feed that led to a moment); answers the moment at `to`.
   */
  replayEvents(from: number, to: number, listener: (e: SimEvent) => void): Moment {
    this.check(to);
    if (from > to) throw new RangeError(`replay from ${from} to ${to}: from is later`);
    this.momentAt(from);
    const cursor = this.cursor!;
    const unsubscribe = cursor.sim.onEvent(listener);
    try {
      this.advance(cursor, to);
    } finally {
      unsubscribe();
    }
    return cursor.sim;
  }

  /**
   * A copy of the run right after event `seq`, the caller's to run and change (a fork, a
   * rewind). With `inputs`, only the run's first `inputs` inputs are applied: the moment
   * between two inputs recorded after the same event (a lesson step that acts while the
   * clock stands still goes back to just before it acted).
   */
  copyAt(seq: number, inputs = Infinity): Simulation {
    this.check(seq);
    const base = this.checkpointAt(seq);
    const cursor: Cursor = { sim: deepCopy(base.sim), nextInput: base.inputs };
    this.advance(cursor, seq, inputs);
    return cursor.sim;
  }

  /**
   * A timeline for `sim`, a copy this timeline made with `copyAt`: it shares the
   * checkpoints up to the copy's moment, which hold nothing of what followed.
   */
  branch(sim: Simulation): Timeline {
    const seq = sim.eventsProcessed;
    this.check(seq);
    const checkpoints = this.checkpoints.filter((c) => c.seq <= seq);
    return new Timeline(sim, this.options, { checkpoints, every: this.every });
  }

  private check(seq: number): void {
    if (!Number.isInteger(seq) || seq < 0 || seq > this.end) {
      throw new RangeError(`no moment ${seq} on this timeline: it holds 0 to ${this.end}`);
    }
  }

  private lastSeq(): number {
    return this.checkpoints[this.checkpoints.length - 1].seq;
  }

  /** The latest checkpoint at or before `seq` (the first is at 0). */
  private checkpointAt(seq: number): Checkpoint {
    const list = this.checkpoints;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].seq <= seq) lo = mid;
      else hi = mid - 1;
    }
    return list[lo];
  }

  /** Replays the live run's inputs (the first `limit` at most) and events on `cursor` up to right after event `seq`. */
  private advance(cursor: Cursor, seq: number, limit = Infinity): void {
    const sim = cursor.sim;
    const inputs = this.live.recordedInputs(cursor.nextInput);
    const most = Math.min(inputs.length, limit - cursor.nextInput);
    let i = 0;
    for (;;) {
      while (i < most && inputs[i].afterEvents === sim.eventsProcessed) sim.applyRecorded(inputs[i++]);
      if (sim.eventsProcessed >= seq) break;
      if (!sim.step())
        throw new Error(`timeline: the run ends at event ${sim.eventsProcessed}, before ${seq}`);
    }
    cursor.nextInput += i;
  }

  private take(): void {
    const live = this.live;
    const size: CopySize = { objects: 0, slots: 0 };
    const sim = deepCopy(live, size);
    const seq = live.eventsProcessed;
    this.checkpoints.push({ seq, inputs: live.recordedInputs().length, sim, bytes: estimatedBytes(size) });
    const { maxCheckpoints, maxBytes } = this.options;
    // Thin: keep the first, every other one, and the newest; the spacing doubles.
    while (
      this.checkpoints.length > 2 &&
      (this.checkpoints.length > maxCheckpoints || this.checkpointBytes > maxBytes)
    ) {
      const last = this.checkpoints.length - 1;
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0 || i === last);
      this.every *= 2;
    }
  }
}
