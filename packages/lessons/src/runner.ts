/**
 * A lesson played on a simulation, step by step, as the page plays it on the server:
 * the lesson tests use it to check every claim, and `npm run lesson` prints what each
 * step shows, for whoever writes one. Each step: bind names, do its actions, do the
 * task's model solution (the learner's part), run until `until` holds.
 */
import {
  checkLinearizability,
  DEFAULT_SIM_CONFIG,
  fromHistory,
  Simulation,
  type ClusterView,
  type HistoryOp,
} from '@raftlab/sim';
import { applyAction, type ActionTarget } from './actions';
import { bindNames, holds } from './conditions';
import type { Condition, Lesson, Step } from './model';
import { wireMessage, type World } from './world';

/** Events a step may take to reach its `until` before the lesson counts as broken. */
export const MAX_STEP_EVENTS = 200_000;

/**
 * The world of a simulation now: read it at once, then let it go. Only what a condition
 * asks for is built (a glance at the nodes and the wire; tables, history and verdict
 * on demand), so a step can test its `until` after every event.
 */
export function worldOf(sim: Simulation): World {
  const glance = sim.glance();
  let view: ClusterView | undefined;
  let history: HistoryOp[] | undefined;
  let verdict: boolean | undefined;
  return {
    nodes: glance.nodes,
    kv: (id) => (view ??= sim.view()).nodes.find((n) => n.id === id)?.kv ?? {},
    messages: glance.messages.map((flight) => wireMessage(flight.msg)),
    linksDown: glance.linksDown,
    get history() {
      return (history ??= sim.history());
    },
    violations: glance.violations.map((v) => v.invariant),
    linearizable: () => (verdict ??= checkLinearizability(fromHistory(sim.history())).ok),
  };
}

/** What actions need of a bare simulation. */
export function simulationTarget(sim: Simulation): ActionTarget {
  return {
    input: (body) => sim.input(body),
    invoke: (op) => sim.invoke(sim.freshClientId(), op),
    addNode: () => sim.addNode(),
    removeNode: (node) => sim.removeNode(node),
    messagesInFlight: () => sim.view().messages,
  };
}

export class LessonRun {
  readonly sim: Simulation;
  bindings: Record<string, number> = {};
  /** The event number each step started at. */
  readonly starts: number[] = [];

  constructor(readonly lesson: Lesson) {
    this.sim = lesson.start
      ? Simulation.replay({
          version: 1,
          config: { ...DEFAULT_SIM_CONFIG, ...lesson.cluster },
          ...lesson.start,
        })
      : new Simulation(lesson.cluster);
  }

  world(): World {
    return worldOf(this.sim);
  }

  holds(condition: Condition): boolean {
    return holds(condition, this.world(), this.bindings);
  }

  /** Starts step `k` (0-based): its names are bound and its actions done. */
  begin(k: number): Step {
    const step = this.lesson.steps[k];
    this.starts[k] = this.sim.eventsProcessed;
    this.bindings = bindNames(step.bind ?? {}, this.world(), this.bindings);
    for (const action of step.do ?? []) applyAction(action, simulationTarget(this.sim), this.bindings);
    return step;
  }

  /** Does the learner's part of step `k` as its model solution does it; false if the check still fails. */
  solve(k: number): boolean {
    const task = this.lesson.steps[k].task;
    if (!task) return true;
    for (const action of task.solution) applyAction(action, simulationTarget(this.sim), this.bindings);
    return this.holds(task.check);
  }

  /**
   * Does step `k`'s `afterAnswer` actions, then runs the clock until its `until` holds (at
   * once if it has none); false if it never does.
   */
  play(k: number, maxEvents = MAX_STEP_EVENTS): boolean {
    const { until, afterAnswer } = this.lesson.steps[k];
    for (const action of afterAnswer ?? []) applyAction(action, simulationTarget(this.sim), this.bindings);
    if (!until) return true;
    for (let n = 0; n <= maxEvents; n++) {
      if (this.holds(until)) return true;
      if (!this.sim.step()) return false;
    }
    return false;
  }

  /** The claims of step `k` that do not hold now. */
  failedClaims(k: number): Condition[] {
    return (this.lesson.steps[k].claims ?? []).filter((claim) => !this.holds(claim));
  }
}
