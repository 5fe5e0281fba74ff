/**
 * The tasks on the simulation's queue (see the theory of operation in simulation.ts):
 *
 *   - `tick`     a node's wake-up for its next Raft tick that may act. A node's clock
 *                ticks every `tickUs` at a fixed per-node phase, but ticks that only
 *                count are made up lazily before the node's next input (node.ts), so
 *                an idle cluster costs a few events per election timeout, not one per
 *                node per tick;
 *   - delivery   a Raft message reaching its destination (or being dropped there): the
 *                `MessageInFlight` itself, which is also how `view()` lists the wire;
 *   - `client`   client traffic and timers (see client.ts).
 */
import type { NodeId } from '@raftlab/raft';
import type { ClientEvent } from './client';
import { clone } from './clone';
import type { EventQueue } from './queue';
import type { MessageInFlight } from './types';

/**
 * The queue's tag of a task (EventQueue.push): a delivery's is its destination node id,
 * so telling it from the rest, and finding the node, reads no field of a message.
 * Shaped for speed: see docs/performance.md#queue-tags
 */
export const TICK_TAG = -1;

export type TickTask = { kind: 'tick'; node: NodeId; token: number };
export type ClientTask = { kind: 'client'; event: ClientEvent };
/** A message in flight is its own delivery task (one per message, no wrapper object). */
export type Task = TickTask | ClientTask | MessageInFlight;

/** Copies of the messages on the wire (sent, not yet delivered or dropped), in send order. */
export function messagesInFlight(queue: EventQueue<Task>): MessageInFlight[] {
  const flights: MessageInFlight[] = [];
  queue.forEach((task) => {
    if ('msg' in task) flights.push(task);
  });
  // Ids are handed out in send order.
  flights.sort((a, b) => a.id - b.id);
  return flights.map((f) => ({ ...f, msg: clone(f.msg) }));
}
