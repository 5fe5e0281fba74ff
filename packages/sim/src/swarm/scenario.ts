/**
 * A swarm scenario: everything one seed decides about a run, drawn from one PRNG
 * (swarm testing: each seed gets its own mix of faults and workload, so some seeds
 * hammer partitions, others loss or crashes, instead of every seed getting a bit of all).
 */
import { Random } from '../random';
import type { SimConfig } from '../types';

export interface FaultMix {
  /** Per fault step, the chance of each kind of fault (0 turns the kind off for this seed). */
  crash: number;
  partition: number;
  /** Cut the current leader (and maybe one follower) off from the rest: the classic stale-leader setup. */
  isolateLeader: number;
  /** Crash the current leader (and restart a crashed node): the raw material of Figure 8. */
  crashLeader: number;
  oneWayCut: number;
  linkQuality: number;
  heal: number;
  /** Upper bounds of the link qualities this seed may draw. */
  maxLoss: number;
  maxDuplicate: number;
  /** A latency spike's upper bound, µs: wide ranges reorder messages. */
  maxSpikeUs: number;
}

export interface Workload {
  clients: number;
  keys: number;
  /** Relative weights of the operation kinds. */
  mix: { put: number; get: number; delete: number; cas: number; staleGet: number };
  /** Idle time between a client's operations, µs. */
  thinkUs: [number, number];
}

export interface Scenario {
  seed: number;
  config: Partial<SimConfig>;
  faults: FaultMix;
  workload: Workload;
  /** Virtual time of the safety phase (faults on), µs. */
  safetyUs: number;
  /** Time between two fault decisions, µs. */
  faultEveryUs: number;
}

const chance = (rng: Random, on: number, max: number): number => (rng.next() < on ? rng.next() * max : 0);

export function drawScenario(seed: number): Scenario {
  const rng = new Random(seed);
  const electionTick = rng.int(8, 20);
  const minLatency = rng.int(1_000, 10_000);
  return {
    seed,
    config: {
      nodes: rng.int(1, 7),
      seed: rng.int(0, 2 ** 31),
      tickUs: 10_000,
      electionTick,
      heartbeatTick: rng.int(1, Math.max(1, Math.floor(electionTick / 3))),
      preVote: rng.next() < 0.7,
      checkQuorum: rng.next() < 0.7,
      latency: { minUs: minLatency, maxUs: minLatency + rng.int(0, 30_000) },
      // Small batches let old-term entries reach a majority ahead of the new leader's no-op.
      maxEntriesPerMessage: rng.next() < 0.4 ? rng.int(1, 3) : 64,
    },
    faults: {
      crash: chance(rng, 0.7, 0.4),
      partition: chance(rng, 0.6, 0.4),
      isolateLeader: chance(rng, 0.6, 0.5),
      crashLeader: chance(rng, 0.5, 0.6),
      oneWayCut: chance(rng, 0.5, 0.4),
      linkQuality: chance(rng, 0.6, 0.5),
      heal: 0.1 + rng.next() * 0.4,
      maxLoss: rng.next() * 0.3,
      maxDuplicate: rng.next() * 0.5,
      maxSpikeUs: rng.int(10_000, 300_000),
    },
    workload: {
      clients: rng.int(1, 6),
      keys: rng.int(1, 5),
      mix: {
        put: rng.int(1, 5),
        get: rng.int(0, 5),
        delete: rng.int(0, 2),
        cas: rng.int(0, 4),
        staleGet: rng.int(0, 2),
      },
      thinkUs: [0, rng.int(1_000, 200_000)],
    },
    safetyUs: rng.int(2_000_000, 6_000_000),
    faultEveryUs: rng.int(100_000, 600_000),
  };
}
