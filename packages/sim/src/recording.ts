/**
 * The record of a run: its initial configuration and every input at the point it was
 * applied (virtual time `at`, after `afterEvents` events), which is all a trace holds —
 * the run is a pure function of them (simulation.ts). A recorded input never changes, so
 * checkpoints of the timeline share them (deep_copy.ts).
 */
import { clone } from './clone';
import { sharedElements } from './deep_copy';
import type { Input, InputBody, SimConfig, Trace } from './types';

export class Recording {
  private readonly inputs: Input[] = sharedElements([]);
  private nextOpId = 1;

  constructor(private readonly initialConfig: SimConfig) {}

  /** The inputs from number `from` on. */
  from(index: number): readonly Input[] {
    return this.inputs.slice(index);
  }

  /** The opId the next client invocation gets. */
  get nextOp(): number {
    return this.nextOpId;
  }

  /** Records `body` as applied now; the caller applies the returned copy, which never changes. */
  record(body: InputBody, at: number, afterEvents: number): Input {
    // The copy is fresh, so it is completed in place: see docs/performance.md#events-in-place
    const recorded = clone(body) as Input;
    recorded.at = at;
    recorded.afterEvents = afterEvents;
    this.inputs.push(recorded);
    if (body.kind === 'invoke') this.nextOpId = Math.max(this.nextOpId, body.opId + 1);
    return recorded;
  }

  trace(events: number): Trace {
    return { version: 1, config: clone(this.initialConfig), inputs: clone(this.inputs), events };
  }
}

/** What playing a trace needs of a simulation. */
interface Player {
  readonly eventsProcessed: number;
  applyRecorded(input: Input): void;
}

/**
 * Applies each of `trace`'s inputs at its recorded point, processing events with `step`
 * (the simulation's, or the timeline's, which keeps checkpoints) until the point is
 * reached, and then on to the trace's `events`.
 */
export function playTrace(sim: Player, trace: Pick<Trace, 'inputs' | 'events'>, step: () => boolean): void {
  for (const input of trace.inputs) {
    while (sim.eventsProcessed < input.afterEvents) {
      if (!step()) throw new Error(`replay: queue ran dry before input at event ${input.afterEvents}`);
    }
    sim.applyRecorded(input);
  }
  const end = trace.events ?? 0;
  if (end < sim.eventsProcessed)
    throw new Error(`replay: the trace ends at event ${end}, before its last input`);
  while (sim.eventsProcessed < end) {
    if (!step()) throw new Error(`replay: queue ran dry before the trace's end at event ${end}`);
  }
}

/** Throws unless `input` can be applied now: after `processed` events, at `now`, before the `next` event. */
export function checkReplayPoint(input: Input, processed: number, now: number, next: number | null): void {
  if (processed !== input.afterEvents) {
    throw new Error(`replay: input recorded after event ${input.afterEvents}, now at ${processed}`);
  }
  if (input.at < now) throw new Error(`replay: input at ${input.at} is before now (${now})`);
  if (next !== null && next < input.at)
    throw new Error(`replay: input at ${input.at} skips an event at ${next}`);
}

/** The input as it was given, without the point it was recorded at. */
export function unstamped(input: Input): InputBody {
  const { at: _at, afterEvents: _afterEvents, ...body } = input;
  return body as InputBody;
}
