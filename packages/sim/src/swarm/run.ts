/**
 * One swarm run: a seed's scenario played out in two phases.
 *
 * Theory of operation: the run drives the simulator in slices of virtual time; between
 * slices it applies inputs (faults, client invocations) drawn from the scenario's PRNG,
 * so everything it does is recorded in the trace and replays exactly.
 *   1. Safety phase: faults come and go while closed-loop clients (one operation in
 *      flight each, as the KV session rules require) put, get, delete and cas.
 *   2. Liveness phase: every fault is healed and every node restarted; a leader must be
 *      elected, every pending operation must finish, and a final linearizable read of
 *      every key must succeed — so every acknowledged write is readable.
 * The invariants are checked after every event by the simulator itself; the client
 * history is checked for linearizability at the end.
 */
import type { NodeId } from '@raftlab/raft';
import { checkLinearizability, fromHistory, type CheckResult } from '../linearizability';
import { Random } from '../random';
import { Simulation } from '../simulation';
import type { Violation } from '../invariants';
import type { KvOp, SimConfig, Trace } from '../types';
import { drawScenario, type Scenario } from './scenario';

export interface SeedOptions {
  /** Extra config for the run (e.g. bug switches). */
  config?: Partial<SimConfig>;
  /** Search budget of the linearizability check. */
  maxCheckSteps?: number;
  /** See `SimulationOptions.verifyReports` (tests). */
  verifyReports?: boolean;
}

export interface SeedResult {
  seed: number;
  ok: boolean;
  /** What went wrong, one line each. */
  failures: string[];
  violations: Violation[];
  linearizability: CheckResult;
  trace: Trace;
  stats: { nodes: number; ops: number; events: number; virtualUs: number };
}

const SLICE_US = 5_000;
const LIVENESS_DEADLINE_US = 20_000_000;

export function runSeed(seed: number, options: SeedOptions = {}): SeedResult {
  const scenario = drawScenario(seed);
  const sim = new Simulation(
    { ...scenario.config, ...options.config },
    { verifyReports: options.verifyReports },
  );
  const rng = new Random(seed ^ 0x5eed);
  const clients = new ClientPool(sim, scenario, rng);
  const failures: string[] = [];

  // Phase 1: safety, under faults.
  let nextFault = scenario.faultEveryUs;
  while (sim.now < scenario.safetyUs) {
    sim.runUntil(sim.now + SLICE_US);
    clients.pump();
    if (sim.now >= nextFault) {
      injectFault(sim, scenario, rng);
      nextFault += scenario.faultEveryUs;
    }
  }

  // Phase 2: liveness, everything healed.
  sim.input({ kind: 'heal' });
  for (let id = 1; id <= sim.config.nodes; id++) sim.input({ kind: 'restart', node: id });
  clients.stop();
  const deadline = sim.now + LIVENESS_DEADLINE_US;
  while (sim.now < deadline && (clients.busy() || sim.leader() === 0)) sim.runUntil(sim.now + SLICE_US);
  if (sim.leader() === 0) failures.push('liveness: no leader after every fault was healed');
  if (clients.busy()) failures.push('liveness: client operations still pending after every fault was healed');
  // A read may fail fast ("no leader") while an election is still settling: retry it
  // until the deadline, as a real client would; what counts is that it eventually works.
  let unread = Array.from({ length: scenario.workload.keys }, (_, k) => `k${k}`);
  let lastStatus = new Map<string, string>();
  while (unread.length > 0 && sim.now < deadline) {
    const reads = clients.read(unread);
    while (sim.now < deadline && clients.busy()) sim.runUntil(sim.now + SLICE_US);
    const byId = new Map(sim.history().map((h) => [h.opId, h.status]));
    lastStatus = new Map(reads.map(({ key, opId }) => [key, byId.get(opId) ?? 'missing']));
    unread = unread.filter((key) => lastStatus.get(key) !== 'ok');
    if (unread.length > 0) sim.runUntil(sim.now + 100_000);
  }
  for (const key of unread) {
    failures.push(`liveness: the final read of "${key}" never succeeded (last: ${lastStatus.get(key)})`);
  }
  const history = sim.history();

  const violations = sim.view().violations;
  for (const v of violations) failures.push(`${v.invariant}: ${v.message}`);
  const linearizability = checkLinearizability(fromHistory(history), {
    maxSteps: options.maxCheckSteps ?? 5_000_000,
  });
  if (!linearizability.ok) {
    failures.push(
      linearizability.timedOut
        ? `linearizability: check of key "${linearizability.key}" ran out of budget`
        : `linearizability: key "${linearizability.key}": op ${linearizability.explanation.failed.id} cannot be placed`,
    );
  }
  return {
    seed,
    ok: failures.length === 0,
    failures,
    violations,
    linearizability,
    trace: sim.trace(),
    stats: { nodes: sim.config.nodes, ops: history.length, events: sim.eventsProcessed, virtualUs: sim.now },
  };
}

function injectFault(sim: Simulation, scenario: Scenario, rng: Random): void {
  const n = sim.config.nodes;
  const node = (): NodeId => rng.int(1, n);
  const f = scenario.faults;
  if (rng.next() < f.crash) {
    const id = node();
    const up = sim.view().nodes[id - 1].up;
    sim.input({ kind: up ? 'crash' : 'restart', node: id });
  }
  if (n > 1 && rng.next() < f.partition) {
    const groups: NodeId[][] = [[], []];
    for (let id = 1; id <= n; id++) groups[rng.int(0, 1)].push(id);
    sim.input({ kind: 'partition', groups });
  }
  const leader = sim.leader();
  if (leader !== 0 && rng.next() < f.crashLeader) {
    sim.input({ kind: 'crash', node: leader });
    const down = sim.view().nodes.filter((node) => !node.up && node.id !== leader);
    if (down.length > 0) sim.input({ kind: 'restart', node: down[rng.int(0, down.length - 1)].id });
  }
  if (n > 2 && leader !== 0 && rng.next() < f.isolateLeader) {
    const minority = rng.next() < 0.5 ? [leader] : [leader, (leader % n) + 1];
    const majority: NodeId[] = [];
    for (let id = 1; id <= n; id++) if (!minority.includes(id)) majority.push(id);
    sim.input({ kind: 'partition', groups: [minority, majority] });
  }
  if (n > 1 && rng.next() < f.oneWayCut) {
    const from = node();
    const to = (from % n) + 1;
    sim.input({ kind: 'link', from, to, up: false });
  }
  if (n > 1 && rng.next() < f.linkQuality) {
    const from = node();
    const to = ((from + rng.int(0, n - 2)) % n) + 1;
    const spike = rng.next() < 0.5 ? { minUs: 1_000, maxUs: rng.int(2_000, f.maxSpikeUs) } : null;
    sim.input({
      kind: 'link-quality',
      from,
      to,
      quality: { loss: rng.next() * f.maxLoss, duplicate: rng.next() * f.maxDuplicate, latency: spike },
    });
  }
  if (rng.next() < f.heal) sim.input({ kind: 'heal' });
}

/** Closed-loop clients: each invokes its next operation once its last one completed. */
class ClientPool {
  private readonly inFlight = new Map<number, number>(); // clientId → opId
  private readonly readyAt = new Map<number, number>();
  private readonly completed = new Set<number>();
  private readonly readerClient: number;
  private stopped = false;

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    private readonly rng: Random,
  ) {
    for (let c = 1; c <= scenario.workload.clients; c++) this.readyAt.set(c, 0);
    this.readerClient = scenario.workload.clients + 1;
    sim.onEvent((e) => {
      if (e.type === 'client-completed') this.completed.add(e.opId);
    });
  }

  pump(): void {
    this.collect();
    if (this.stopped) return;
    for (const [clientId, at] of this.readyAt) {
      if (this.inFlight.has(clientId) || this.sim.now < at) continue;
      this.inFlight.set(clientId, this.sim.invoke(clientId, this.drawOp()));
    }
  }

  stop(): void {
    this.stopped = true;
  }

  busy(): boolean {
    this.collect();
    return this.inFlight.size > 0;
  }

  /** One linearizable read of each key, each from a reader client of its own. */
  read(keys: string[]): Array<{ key: string; opId: number }> {
    return keys.map((key) => {
      const clientId = this.readerClient + Number(key.slice(1));
      const opId = this.sim.invoke(clientId, { type: 'get', key, consistency: 'linearizable' });
      this.inFlight.set(clientId, opId);
      return { key, opId };
    });
  }

  private collect(): void {
    for (const [clientId, opId] of this.inFlight) {
      if (!this.completed.has(opId)) continue;
      this.inFlight.delete(clientId);
      const [lo, hi] = this.scenario.workload.thinkUs;
      this.readyAt.set(clientId, this.sim.now + this.rng.int(lo, hi));
    }
  }

  /** With check-quorum, a third of the linearizable reads are lease reads (thesis §6.4.1). */
  private readConsistency(): 'linearizable' | 'lease' {
    if (!this.sim.config.checkQuorum) return 'linearizable';
    return this.rng.next() < 1 / 3 ? 'lease' : 'linearizable';
  }

  private drawOp(): KvOp {
    const { keys, mix } = this.scenario.workload;
    const key = `k${this.rng.int(0, keys - 1)}`;
    // A small value space, so cas often finds the value it expects.
    const value = `v${this.rng.int(0, 9)}`;
    const total = mix.put + mix.get + mix.delete + mix.cas + mix.staleGet;
    const pick = this.rng.next() * total;
    // Cumulative weights: the first kind whose bound exceeds `pick` is drawn.
    if (pick < mix.put) return { type: 'put', key, value };
    if (pick < mix.put + mix.get) return { type: 'get', key, consistency: this.readConsistency() };
    if (pick < mix.put + mix.get + mix.delete) return { type: 'delete', key };
    if (pick < mix.put + mix.get + mix.delete + mix.cas) {
      const expected = this.rng.next() < 0.3 ? null : `v${this.rng.int(0, 9)}`;
      return { type: 'cas', key, expected, value };
    }
    return { type: 'get', key, consistency: 'stale' };
  }
}
