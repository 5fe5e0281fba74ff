/**
 * The protocol's schemas describe the simulator's and the core's own data: their types
 * must be the same. Each pair below is checked both ways (each assignable to the other)
 * when `npm run typecheck` compiles this file; a field added, removed, renamed or
 * retyped on one side only fails the typecheck. The run-time tests check that the
 * schemas' unions list exactly the catalogue's values, in its order.
 */
import { describe, expect, it } from 'vitest';
import type { Static, TSchema } from 'typebox';
import type * as raft from '@raftlab/raft';
import type * as sim from '@raftlab/sim';
import { BUG_NAMES, INVARIANT_NAMES, READ_CONSISTENCIES } from '@raftlab/sim/catalogue';
import * as protocol from './index';

/**
 * One shape for a type however it is written: intersections merged into one object,
 * recursively, so that `A & B` and the object with the fields of both compare equal.
 */
type Normalize<T> = T extends object ? { [K in keyof T]: Normalize<T[K]> } : T;
/** Identical types: no field optional on one side only, none missing, none wider. */
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `true` only when A and B are the same type: each assignable to the other, and identical once normalised. */
type SameBothWays<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? Identical<Normalize<A>, Normalize<B>>
    : false
  : false;
type Proven<T extends true> = T;

/** Every pair: [the schema's static type, the simulator's or core's type]. */
export type Proofs = [
  Proven<SameBothWays<protocol.Entry, raft.Entry>>,
  Proven<SameBothWays<protocol.Role, raft.Role>>,
  Proven<SameBothWays<protocol.Message, raft.Message>>,
  Proven<SameBothWays<protocol.Progress, raft.ProgressStatus>>,
  Proven<SameBothWays<protocol.ReadConsistency, sim.ReadConsistency>>,
  Proven<SameBothWays<protocol.KvOp, sim.KvOp>>,
  Proven<SameBothWays<protocol.KvResult, sim.KvResult>>,
  Proven<SameBothWays<Static<typeof protocol.ClientStatusSchema>, sim.ClientStatus>>,
  Proven<SameBothWays<protocol.NodeState, sim.NodeState>>,
  Proven<SameBothWays<protocol.MessageInFlight, sim.MessageInFlight>>,
  Proven<SameBothWays<Static<typeof protocol.LatencyRangeSchema>, sim.LatencyRange>>,
  Proven<SameBothWays<protocol.LinkQuality, sim.LinkQuality>>,
  Proven<SameBothWays<protocol.Violation, sim.Violation>>,
  Proven<SameBothWays<protocol.BugName, sim.BugName>>,
  Proven<SameBothWays<protocol.InvariantName, sim.InvariantName>>,
  Proven<SameBothWays<protocol.SimConfig, sim.SimConfig>>,
  Proven<SameBothWays<protocol.SimEvent, sim.SimEvent>>,
  Proven<SameBothWays<protocol.NodeView, sim.ClusterView['nodes'][number]>>,
  Proven<SameBothWays<protocol.ClusterView, sim.ClusterView>>,
  Proven<SameBothWays<protocol.HistoryOp, sim.HistoryOp>>,
  Proven<SameBothWays<protocol.OpStageRecord, sim.OpStage>>,
  Proven<SameBothWays<Static<typeof protocol.InputSchema>, sim.Input>>,
  Proven<SameBothWays<protocol.Trace, sim.Trace>>,
];

/** The `const` values of a union of literals, in order. */
function literals(schema: TSchema): unknown[] {
  return (schema as unknown as { anyOf: { const: unknown }[] }).anyOf.map((member) => member.const);
}

describe('the schemas follow the catalogue', () => {
  it('lists every bug switch, invariant and read consistency, in order', () => {
    expect(literals(protocol.BugNameSchema)).toEqual([...BUG_NAMES]);
    expect(literals(protocol.ViolationSchema.properties.invariant)).toEqual([...INVARIANT_NAMES]);
    expect(literals(protocol.ReadConsistencySchema)).toEqual([...READ_CONSISTENCIES]);
  });

  it('bounds cluster size by the simulator’s own limit', () => {
    expect(protocol.LIMITS.maxNodes).toBe(protocol.MAX_NODES);
    expect(protocol.SimConfigSchema.properties.nodes).toMatchObject({ maximum: protocol.MAX_NODES });
  });
});
