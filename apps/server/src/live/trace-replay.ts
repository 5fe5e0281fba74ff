/**
 * Plays an uploaded trace back in real time: the inputs of the trace are applied at
 * exactly their recorded points (virtual time and number of processed events) as the
 * cluster's clock reaches them, so a viewer watches the recorded run unfold — a failing
 * fuzz seed, say — instead of jumping to its end. Any new input from a person ends the
 * replay: from then on the cluster is live and the rest of the trace is dropped.
 */
import type { Input, Simulation } from '@raftlab/sim';

export class TraceReplay {
  private next = 0;

  constructor(private readonly inputs: readonly Input[]) {}

  get pending(): number {
    return this.inputs.length - this.next;
  }

  abandon(): void {
    this.next = this.inputs.length;
  }

  /** Runs `sim` up to virtual time `target`, applying recorded inputs on the way. */
  runTo(sim: Simulation, target: number): void {
    while (this.next < this.inputs.length) {
      const input = this.inputs[this.next];
      while (sim.eventsProcessed < input.afterEvents) {
        const at = sim.nextEventTime();
        // The next event lies beyond target, so moving the clock there skips nothing.
        if (at === null || at > target) return sim.runUntil(target);
        sim.step();
      }
      // Every later event comes at or after the input's time, so again nothing is skipped.
      if (input.at > target) return sim.runUntil(target);
      sim.applyRecorded(input);
      this.next++;
    }
    sim.runUntil(target);
  }

  /**
   * Applies the inputs recorded at exactly this point, after `sim.eventsProcessed`
   * events. Single-stepping calls it before and after each event: before, for inputs
   * recorded ahead of the next event (the first ones of a trace come after no event at
   * all); after, so the step shows the inputs that followed its event.
   */
  applyDue(sim: Simulation): void {
    while (this.next < this.inputs.length && this.inputs[this.next].afterEvents === sim.eventsProcessed) {
      sim.applyRecorded(this.inputs[this.next]);
      this.next++;
    }
  }
}
