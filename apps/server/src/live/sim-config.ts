/**
 * A create request as the simulator's config: the API's options (milliseconds, friendly
 * names) mapped onto `SimConfig`, every default left to the simulator's
 * `DEFAULT_SIM_CONFIG`, and the checks the schemas cannot express because they compare
 * one field with another.
 */
import { randomBytes } from 'node:crypto';
import type { ClusterOptions, LatencyMs } from '@raftlab/protocol';
import { DEFAULT_SIM_CONFIG, type LatencyRange, type SimConfig, type Trace } from '@raftlab/sim';
import { BadTrace } from '../errors';

export interface CreateRequest {
  nodes?: number;
  seed?: number;
  options?: ClusterOptions;
  trace?: Trace;
  fork?: { from: string; at: number };
}

/** A latency range in the API's milliseconds as whole microseconds; `refuse` makes the error for a backwards one. */
export function latencyUs(range: LatencyMs, refuse: (why: string) => Error): LatencyRange {
  if (range.min > range.max) throw refuse('latencyMs.min exceeds latencyMs.max');
  return { minUs: Math.round(range.min * 1000), maxUs: Math.round(range.max * 1000) };
}

/** The config a new cluster runs with: a trace's own, or one made from the options. Throws BadTrace. */
export function simConfig(request: CreateRequest): Partial<SimConfig> {
  const config = request.trace ? request.trace.config : fromOptions(request);
  const { latency, heartbeatTick, electionTick } = { ...DEFAULT_SIM_CONFIG, ...config };
  if (latency.minUs > latency.maxUs) throw new BadTrace('latency.minUs exceeds latency.maxUs');
  if (heartbeatTick >= electionTick) throw new BadTrace('heartbeatTick must be below electionTick');
  return config;
}

function fromOptions(request: CreateRequest): Partial<SimConfig> {
  const o = request.options ?? {};
  const config: Partial<SimConfig> = { seed: request.seed ?? randomBytes(4).readUInt32LE(0) };
  if (request.nodes !== undefined) config.nodes = request.nodes;
  if (o.preVote !== undefined) config.preVote = o.preVote;
  if (o.checkQuorum !== undefined) config.checkQuorum = o.checkQuorum;
  if (o.electionTick !== undefined) config.electionTick = o.electionTick;
  if (o.heartbeatTick !== undefined) config.heartbeatTick = o.heartbeatTick;
  if (o.snapshotEvery !== undefined) config.snapshotEvery = o.snapshotEvery;
  if (o.maxEntriesPerMessage !== undefined) config.maxEntriesPerMessage = o.maxEntriesPerMessage;
  if (o.bugs !== undefined) config.bugs = [...o.bugs];
  if (o.latencyMs) config.latency = latencyUs(o.latencyMs, (why) => new BadTrace(why));
  return config;
}
