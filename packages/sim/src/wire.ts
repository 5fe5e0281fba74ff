/**
 * Raft messages between simulated nodes: each message sent gets a latency drawn from
 * the run's latency stream (and, on an imperfect link, a draw for loss and one for
 * duplication), and becomes its own delivery task on the queue, tagged with its
 * destination. At its delivery time it reaches the node, or is dropped there: lost by
 * the network, its link cut meanwhile, or its node down. The links themselves are the
 * `Network`'s.
 */
import type { Message, NodeId } from '@raftlab/raft';
import { clone } from './clone';
import type { EventStream } from './event_stream';
import type { Network } from './network';
import type { SimNode } from './node';
import type { EventQueue } from './queue';
import type { Random } from './random';
import type { Task } from './tasks';
import type { LatencyRange, MessageInFlight, SimConfig } from './types';

export class Wire {
  constructor(
    private readonly config: SimConfig,
    private readonly network: Network,
    private readonly queue: EventQueue<Task>,
    /** The latency stream, shared with the clients' traffic: the order of draws is part of a run. */
    private readonly random: Random,
    private readonly events: EventStream,
    /** The simulation's nodes, by id - 1 (the list only grows). */
    private readonly nodes: readonly SimNode[],
  ) {}

  /** One latency sample. */
  latency(range: LatencyRange = this.config.latency): number {
    return this.random.int(range.minUs, range.maxUs);
  }

  /** Puts a message on the wire at `now`. Loss and duplication draw from the PRNG only on imperfect links. */
  send(msg: Message, now: number): void {
    const quality = this.network.qualityFor(msg);
    const range = quality.latency ?? this.config.latency;
    const lost = quality.loss > 0 && this.random.next() < quality.loss;
    this.transmit(msg, now, this.latency(range), lost);
    if (quality.duplicate > 0 && this.random.next() < quality.duplicate) {
      this.transmit(msg, now, this.latency(range), false);
    }
  }

  private transmit(msg: Message, now: number, latencyUs: number, lost: boolean): void {
    const flight = this.network.send(msg, now, latencyUs, lost);
    this.queue.push(flight.deliverAt, flight, msg.to);
    // Messages are immutable once the core hands them out (its contract), and so is a
    // flight once on the wire, so the event shares the object instead of copying it.
    if (!this.events.skip('message-sent')) this.events.emit({ type: 'message-sent', message: flight });
  }

  /** Delivers `flight` to node `to` (its message's `to`, kept by the queue: see TICK_TAG). */
  deliver(flight: MessageInFlight, to: NodeId): void {
    const id = flight.id;
    const taken = this.network.take(id);
    const msg = flight.msg;
    const node = this.nodes[to - 1];
    const events = this.events;
    // Decided at delivery time: cutting a link kills what is already travelling on it.
    if (taken === 'lost') {
      events.emit({ type: 'message-dropped', id, reason: 'loss' });
    } else if (!this.network.carries(msg)) {
      events.emit({ type: 'message-dropped', id, reason: 'link-down' });
    } else if (!node.up) {
      events.emit({ type: 'message-dropped', id, reason: 'node-down' });
    } else {
      if (!events.skip('message-delivered')) events.emit({ type: 'message-delivered', id });
      node.step(msg);
    }
  }

  /** Copies of the messages on the wire (sent, not yet delivered or dropped), in send order. */
  inFlight(): MessageInFlight[] {
    const flights: MessageInFlight[] = [];
    this.queue.forEach((task) => {
      if ('msg' in task) flights.push(task);
    });
    // Ids are handed out in send order.
    flights.sort((a, b) => a.id - b.id);
    return flights.map((f) => ({ ...f, msg: clone(f.msg) }));
  }
}
