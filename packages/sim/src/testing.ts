/** Helpers for the simulator's own tests (not exported from the package). */
import type { NodeId } from '@raftlab/raft';
import { Simulation, type SimulationOptions } from './simulation';
import type { HistoryOp, KvOp } from './types';

/**
 * What the simulator's tests pass to every Simulation: the node-state reporter checks
 * each of its shortcuts against the full comparison (node_report.ts), so a change the
 * core forgot to count fails the run that shows it. Production runs without.
 */
export const VERIFY_REPORTS: SimulationOptions = { verifyReports: true };

/** Runs until `predicate` holds, checking every `stepUs`; throws after `limitUs` more virtual time. */
export function runUntilTrue(
  sim: Simulation,
  predicate: () => boolean,
  limitUs = 10_000_000,
  stepUs = 10_000,
): void {
  const end = sim.now + limitUs;
  while (!predicate()) {
    if (sim.now >= end) throw new Error(`condition not met by t=${sim.now}`);
    sim.runUntil(sim.now + stepUs);
  }
}

export function waitForLeader(sim: Simulation, limitUs = 5_000_000): NodeId {
  runUntilTrue(sim, () => sim.leader() !== 0, limitUs);
  return sim.leader();
}

/** Invokes `op` and runs until it completes; returns its history record. */
export function call(sim: Simulation, clientId: number, op: KvOp, limitUs = 10_000_000): HistoryOp {
  const opId = sim.invoke(clientId, op);
  const find = () => sim.history().find((h) => h.opId === opId)!;
  runUntilTrue(sim, () => find().status !== 'pending', limitUs);
  return find();
}

export function leaders(sim: Simulation): NodeId[] {
  return sim
    .view()
    .nodes.filter((n) => n.up && n.role === 'leader')
    .map((n) => n.id);
}
