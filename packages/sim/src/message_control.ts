/**
 * Messages in flight under a person's hand, as inputs of the trace (so they replay and
 * can be scrubbed like any other): drop one, send it once more (a new message with its
 * own latency, as a duplicating link would), deliver it now, or delay it. With the clock
 * paused and these, a person plays the network, as in a model checker's explorer: a
 * split vote (§5.2) or Figure 8 (§5.4.2) can be built by hand.
 */
import type { Message } from '@raftlab/raft';
import type { EventStream } from './event_stream';
import type { EventQueue } from './queue';
import type { Task } from './tasks';
import type { InputBody, LatencyRange, LinkQuality, MessageInFlight } from './types';

export type MessageInput = Extract<InputBody, { kind: 'message' }>;

/** What the hand reaches of the simulation's wire. */
export interface Wire {
  readonly queue: EventQueue<Task>;
  readonly events: EventStream;
  now(): number;
  /** Puts `msg` on the wire, to arrive after `latencyUs` (or be dropped there if `lost`). */
  transmit(msg: Message, latencyUs: number, lost: boolean): void;
  /** A latency drawn from `range` (default: the cluster's). */
  latency(range?: LatencyRange): number;
  qualityFor(msg: Message): LinkQuality;
  /** Delivers `flight` to its node now, as its arrival would. */
  deliver(flight: MessageInFlight, to: number): void;
  /** Forgets what the network noted of message `id` (a loss drawn for it). */
  forget(id: number): void;
}

/** The message in flight with this id, if any. */
export function findInFlight(queue: EventQueue<Task>, id: number): MessageInFlight | undefined {
  let found: MessageInFlight | undefined;
  queue.forEach((task) => {
    if ('msg' in task && task.id === id) found = task;
  });
  return found;
}

/** Applies `body`; its message is in flight (input_validation.ts checked). */
export function applyMessageInput(wire: Wire, body: MessageInput): void {
  const flight = findInFlight(wire.queue, body.id)!;
  switch (body.action) {
    case 'duplicate':
      // Sent once more with a latency as its link's; never lost, or the hand did nothing.
      return wire.transmit(flight.msg, wire.latency(wire.qualityFor(flight.msg).latency ?? undefined), false);
    case 'drop':
      wire.queue.remove(flight);
      wire.forget(flight.id);
      return wire.events.emit({ type: 'message-dropped', id: flight.id, reason: 'manual' });
    case 'deliver':
      wire.queue.remove(flight);
      return wire.deliver(flight, flight.msg.to);
    case 'delay': {
      wire.queue.remove(flight);
      // A new flight object: one on the wire never changes (simulation.ts).
      const later: MessageInFlight = { ...flight, deliverAt: flight.deliverAt + body.byUs };
      wire.queue.push(later.deliverAt, later, later.msg.to);
      return wire.events.emit({ type: 'message-delayed', id: later.id, deliverAt: later.deliverAt });
    }
  }
}
