/**
 * The Bug lab's recipes (`trigger` in bugs.ts), played on the simulator as a person
 * would play them on the dashboard, each control an input: with the switch on, the
 * checks the catalogue names (`caughtBy`) catch it, on every seed tried; with it off,
 * nothing is caught. The switch found only by the swarm is checked on its pinned seed
 * in swarm.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { BUGS, type BugName } from './bugs';
import { checkLinearizability, fromHistory } from './linearizability';
import { Simulation } from './simulation';
import type { KvOp } from './types';

const MS = 1000;
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * A cluster as the Bug lab makes it, driven the way its recipe says, at a person's pace:
 * at the default 0.02× a second of thought is 20 ms of virtual time (`wait`).
 */
class Lab {
  readonly sim: Simulation;
  private client = 1;
  constructor(bug: BugName, on: boolean, seed: number) {
    const setup = (BUGS.find((b) => b.name === bug) as { setup?: object }).setup ?? {};
    this.sim = new Simulation({ seed, bugs: on ? [bug] : [], ...setup });
  }
  wait(ms: number): void {
    this.sim.runUntil(this.sim.now + ms * MS);
  }
  /** Waits for a leader, and for its first entry to commit, as a person would. */
  elected(): number {
    for (let i = 0; i < 400 && this.sim.leader() === 0; i++) this.wait(25);
    this.wait(300);
    return this.sim.leader();
  }
  others(...not: number[]): number[] {
    return this.sim
      .view()
      .nodes.map((n) => n.id)
      .filter((id) => !not.includes(id));
  }
  /** One request from the form: every request is a client of its own. */
  send(op: KvOp): void {
    this.sim.invoke(this.client++, op);
  }
  put(key: string, value: string): void {
    this.send({ type: 'put', key, value });
  }
  get(key: string): void {
    this.send({ type: 'get', key, consistency: 'linearizable' });
  }
  crash(...nodes: number[]): void {
    for (const node of nodes) this.sim.input({ kind: 'crash', node });
  }
  restart(...nodes: number[]): void {
    for (const node of nodes) this.sim.input({ kind: 'restart', node });
  }
  /** Caught by every check the catalogue names for `bug`. */
  caught(bug: BugName): boolean {
    const { caughtBy } = BUGS.find((b) => b.name === bug)!;
    const broken = new Set(this.sim.view().violations.map((v) => v.invariant));
    const linearizable = checkLinearizability(fromHistory(this.sim.history())).ok;
    return (
      caughtBy.invariants.every((name) => broken.has(name)) &&
      (!caughtBy.linearizability || !linearizable) &&
      broken.size + (linearizable ? 0 : 1) > 0
    );
  }
}

/** Each recipe, step by step as bugs.ts words it. */
const RECIPES: Partial<Record<BugName, (lab: Lab) => void>> = {
  'figure8-commit': (lab) => {
    const leader = lab.elected();
    const [beside, ...rest] = lab.others(leader);
    lab.crash(...rest);
    lab.wait(50);
    lab.put('x', '1');
    lab.wait(100);
    lab.crash(leader);
    lab.wait(50);
    lab.restart(...rest);
    lab.wait(20);
    lab.sim.input({ kind: 'timeout', node: beside });
    lab.wait(3000);
  },
  'forget-vote-on-restart': (lab) => {
    const [node] = lab.others(lab.elected());
    lab.crash(node);
    lab.wait(200);
    lab.restart(node);
    lab.wait(500);
  },
  'vote-without-log-check': (lab) => {
    const leader = lab.elected();
    const [missed, ...rest] = lab.others(leader);
    lab.crash(missed);
    for (const key of ['a', 'b', 'c']) {
      lab.put(key, '1');
      lab.wait(200);
    }
    lab.crash(leader, ...rest);
    lab.wait(100);
    lab.restart(missed, leader, ...rest);
    lab.wait(20);
    lab.sim.input({ kind: 'timeout', node: missed });
    lab.wait(3000);
  },
  'local-linearizable-reads': (lab) => {
    const leader = lab.elected();
    lab.put('x', '1');
    lab.wait(500);
    lab.sim.input({ kind: 'partition', groups: [[leader], lab.others(leader)] });
    lab.wait(1500);
    lab.put('x', '2');
    lab.wait(1500);
    for (let i = 0; i < 5; i++) {
      lab.get('x');
      lab.wait(300);
    }
  },
  'no-session-dedupe': (lab) => {
    const leader = lab.elected();
    lab.put('x', '1');
    lab.wait(500);
    lab.send({ type: 'cas', key: 'x', expected: '1', value: '2' });
    // Step until the followers' logs hold the CAS (a majority with the leader).
    const holding = () =>
      lab.sim.view().nodes.filter((n) => n.id !== leader && n.log.some((e) => e.data.includes('"cas"')))
        .length;
    while (holding() < 2 && lab.sim.step());
    lab.crash(leader);
    lab.wait(3000);
  },
  'apply-uncommitted': (lab) => {
    const leader = lab.elected();
    lab.put('x', '1');
    lab.wait(500);
    lab.sim.input({ kind: 'partition', groups: [[leader], lab.others(leader)] });
    lab.put('x', 'lost');
    lab.wait(1000);
    lab.get('x');
    lab.wait(2000);
  },
};

describe('the Bug lab’s recipes', () => {
  it('has a recipe for every switch but the one only the swarm finds', () => {
    expect(BUGS.filter((b) => !RECIPES[b.name]).map((b) => b.name)).toEqual(['truncate-on-stale-append']);
  });

  it.each(Object.keys(RECIPES) as BugName[])(
    '%s: caught as the catalogue says, and never without it',
    (bug) => {
      const play = RECIPES[bug]!;
      const caughtOn = SEEDS.filter((seed) => {
        const lab = new Lab(bug, true, seed);
        play(lab);
        return lab.caught(bug);
      });
      const falseAlarms = SEEDS.filter((seed) => {
        const lab = new Lab(bug, false, seed);
        play(lab);
        return lab.caught(bug);
      });
      expect(falseAlarms).toEqual([]);
      expect(caughtOn).toEqual(SEEDS);
    },
  );
});
