/**
 * The tasks on the simulation's queue (see the theory of operation in simulation.ts): a
 * node's wake-up for a tick, client traffic and timers, and messages in flight, each its
 * own delivery task.
 */
import type { NodeId } from '@raftlab/raft';
import type { ClientEvent } from './client';
import type { MessageInFlight } from './types';

/**
 * The queue's tag of a task (EventQueue.push): a delivery's is its destination node id,
 * so telling it from the rest, and finding the node, reads no field of a message (a
 * message of any of a dozen shapes: each such read is a slow, generic lookup).
 */
export const TICK_TAG = -1;

export type TickTask = { kind: 'tick'; node: NodeId; token: number };
export type ClientTask = { kind: 'client'; event: ClientEvent };
/** A message in flight is its own delivery task (one per message, no wrapper object). */
export type Task = TickTask | ClientTask | MessageInFlight;
