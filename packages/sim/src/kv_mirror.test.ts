import { describe, expect, test } from 'vitest';
import type { Entry } from '@raftlab/raft';
import * as kv from './kv_mirror';
import { Simulation } from './simulation';
import { runSeed } from './swarm';
import type { BugName } from './bugs';
import type { ClusterView, MessageInFlight, SimEvent, Trace } from './types';

/**
 * A viewer as the dashboard is one: it starts from a view taken mid-run and follows the
 * events, holding each node's log (ascending) and its KV mirror.
 */
class Viewer {
  readonly logs = new Map<number, Entry[]>();
  readonly mirrors = new Map<number, kv.KvMirror>();
  private readonly inFlight = new Map<number, MessageInFlight>();
  /** The snapshot data an InstallSnapshot just delivered to each node carried. */
  private readonly delivered = new Map<number, string>();

  constructor(
    view: ClusterView,
    private readonly rules: kv.ApplyRules,
  ) {
    for (const node of view.nodes) {
      this.logs.set(node.id, node.log);
      this.mirrors.set(node.id, kv.mirrorFromView(node, rules));
    }
    for (const flight of view.messages) this.inFlight.set(flight.id, flight);
  }

  observe(e: SimEvent): void {
    const mirror = 'node' in e && typeof e.node === 'number' ? this.mirrors.get(e.node)! : null;
    switch (e.type) {
      case 'message-sent':
        this.inFlight.set(e.message.id, e.message);
        break;
      case 'message-delivered': {
        const msg = this.inFlight.get(e.id)?.msg;
        if (msg?.type === 'InstallSnapshot') this.delivered.set(msg.to, msg.snapshot.data);
        this.inFlight.delete(e.id);
        break;
      }
      case 'message-dropped':
        this.inFlight.delete(e.id);
        break;
      case 'node-added':
        this.logs.set(e.node, []);
        this.mirrors.set(e.node, kv.emptyMirror());
        break;
      case 'log-truncated':
        this.logs.set(
          e.node,
          this.logs.get(e.node)!.filter((x) => x.index < e.fromIndex),
        );
        break;
      case 'log-appended': {
        const first = e.entries[0].index;
        this.logs.set(e.node, [...this.logs.get(e.node)!.filter((x) => x.index < first), ...e.entries]);
        this.mirrors.set(e.node, kv.mirrorAppended(mirror!, e.entries, this.rules));
        break;
      }
      case 'node-state': {
        const id = e.node.id;
        this.mirrors.set(
          id,
          kv.mirrorApplied(this.mirrors.get(id)!, this.logs.get(id)!, e.node.applied, this.rules),
        );
        break;
      }
      case 'snapshot-taken':
        this.mirrors.set(
          e.node,
          kv.mirrorSnapshotTaken(mirror!, e.index, this.logs.get(e.node)!, this.rules),
        );
        this.logs.set(
          e.node,
          this.logs.get(e.node)!.filter((x) => x.index > e.index),
        );
        break;
      case 'snapshot-installed':
        this.mirrors.set(e.node, kv.mirrorInstalled(mirror!, e.index, this.delivered.get(e.node) ?? null));
        this.logs.set(e.node, []);
        break;
      case 'node-crashed':
        this.mirrors.set(e.node, kv.mirrorCrashed(mirror!));
        break;
      case 'node-restarted':
        this.mirrors.set(e.node, kv.mirrorRestarted(mirror!));
        break;
    }
  }
}

interface Tally {
  compared: number;
  incomplete: number;
}

/**
 * Replays `trace`, starts a viewer at event `from`, and compares every up node's mirror
 * with the node's own table every `every` events, counting the comparisons in `tally`.
 */
function followFrom(trace: Trace, from: number, every: number, tally: Tally): void {
  const sim = new Simulation(trace.config);
  let viewer: Viewer | null = null;
  const rules = kv.applyRulesOf(trace.config.bugs);
  const check = () => {
    for (const node of sim.view().nodes) {
      const mirror = viewer!.mirrors.get(node.id)!;
      if (!node.up) continue;
      if (!mirror.complete) {
        tally.incomplete++;
        continue;
      }
      tally.compared++;
      expect(Object.fromEntries(mirror.table), `node ${node.id} at event ${sim.eventsProcessed}`).toEqual(
        node.kv,
      );
    }
  };
  const advanceTo = (events: number) => {
    while (sim.eventsProcessed < events) {
      if (viewer === null && sim.eventsProcessed === from) {
        viewer = new Viewer(sim.view(), rules);
        sim.onEvent((e) => viewer!.observe(e));
      }
      if (!sim.step()) return;
      if (viewer !== null && sim.eventsProcessed % every === 0) check();
    }
  };
  for (const input of trace.inputs) {
    advanceTo(input.afterEvents);
    sim.applyRecorded(input);
  }
  advanceTo(sim.eventsProcessed + 2_000);
  if (viewer !== null) check();
}

function traceOf(seed: number, bugs: BugName[]): Trace {
  // Small snapshots, so viewers meet snapshots taken and installed, restarts from them, and retries.
  return runSeed(seed, { config: { bugs, snapshotEvery: 6 } }).trace;
}

describe("a viewer's KV mirror equals each node's own table", () => {
  const cases: Array<{ name: string; bugs: BugName[] }> = [
    { name: 'a correct cluster', bugs: [] },
    { name: 'no-session-dedupe (a retry applies twice, on the page too)', bugs: ['no-session-dedupe'] },
    { name: 'apply-uncommitted (entries applied as appended)', bugs: ['apply-uncommitted'] },
  ];
  for (const { name, bugs } of cases) {
    test(name, () => {
      const tally: Tally = { compared: 0, incomplete: 0 };
      for (let seed = 1; seed <= 12; seed++) {
        const trace = traceOf(seed, bugs);
        const events = trace.inputs.at(-1)?.afterEvents ?? 0;
        // Viewers that join early, in the middle and late, as pages open at any moment.
        for (const from of [0, Math.floor(events / 3), Math.floor((2 * events) / 3)])
          followFrom(trace, from, 23, tally);
      }
      // Every comparison of an up node was made: the viewer never lost track.
      expect(tally.compared).toBeGreaterThan(10_000);
      expect(tally.incomplete).toBe(0);
    });
  }
});
