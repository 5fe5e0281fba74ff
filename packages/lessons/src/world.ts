/**
 * The cluster as a condition reads it: the same few facts whether they come from the
 * simulation itself (the server, the lesson tests) or from the page's store, which
 * rebuilds them from the stream. Building one is cheap next to `Simulation.view()`.
 */
import type { HistoryOp, MessageType, NodeState } from './sim_types';

/** A message on the wire, as conditions see it. */
export interface WireMessage {
  type: MessageType;
  from: number;
  to: number;
  /** A response's answer (vote granted, append succeeded); undefined for requests. */
  ok?: boolean;
  /** Entries an AppendEntries carries (0 for a heartbeat); undefined for other types. */
  entries?: number;
}

export interface World {
  nodes: readonly NodeState[];
  /** Each node's state machine, by node id. */
  kv(node: number): Readonly<Record<string, string>>;
  messages: readonly WireMessage[];
  linksDown: readonly (readonly [number, number])[];
  history: readonly HistoryOp[];
  /** Invariants violated so far, by name. */
  violations: readonly string[];
  /** The linearizability checker's verdict on the history (asked only when a condition needs it). */
  linearizable(): boolean;
}

/** What conditions read of a message in flight, from the core's message. */
export function wireMessage(msg: {
  type: MessageType;
  from: number;
  to: number;
  voteGranted?: boolean;
  success?: boolean;
  entries?: readonly unknown[];
}): WireMessage {
  const ok = msg.voteGranted ?? msg.success;
  return {
    type: msg.type,
    from: msg.from,
    to: msg.to,
    ...(ok === undefined ? {} : { ok }),
    ...(msg.type === 'AppendEntries' ? { entries: msg.entries?.length ?? 0 } : {}),
  };
}

/** The cluster's leader as the simulator names it: the up leader of the highest term, or 0. */
export function leaderOf(world: Pick<World, 'nodes'>): number {
  let best: NodeState | null = null;
  for (const node of world.nodes) {
    if (node.up && node.role === 'leader' && (best === null || node.term > best.term)) best = node;
  }
  return best?.id ?? 0;
}
