/**
 * The simulated network: per directed link up/down and quality, message ids, and which
 * messages it has decided to lose. The messages in flight themselves are the delivery
 * tasks on the simulation's queue (one per message, so no second index to keep in
 * step). Whether a message arrives is decided at its delivery time (`isUp` then), so
 * cutting a link kills the messages already travelling on it. Latency is drawn by the
 * caller.
 */
import type { Message, NodeId } from '@raftlab/raft';
import {
  PERFECT_LINK,
  type InputBody,
  type LinkQuality,
  type MessageInFlight,
  type SimEventBody,
} from './types';
import { clone } from './clone';

/** The inputs that change the network. */
export type NetworkInput = Extract<InputBody, { kind: 'link' | 'partition' | 'heal' | 'link-quality' }>;

export interface LinkChange {
  from: NodeId;
  to: NodeId;
  up: boolean;
}

export class Network {
  private readonly down = new Set<number>();
  /** Messages the network has decided to lose; they vanish at their delivery time. */
  private readonly lost = new Set<number>();
  /** Links that are not perfect (loss, duplication, own latency). */
  private readonly qualities = new Map<number, LinkQuality>();
  private nextId = 1;

  private readonly nodeIds: NodeId[];

  constructor(nodeIds: readonly NodeId[]) {
    this.nodeIds = [...nodeIds];
  }

  /** Applies a network input; returns the events it causes, in order (none for a no-op). */
  apply(input: NetworkInput): SimEventBody[] {
    switch (input.kind) {
      case 'link':
        return linkEvents([this.setLink(input.from, input.to, input.up)]);
      case 'partition':
        return linkEvents(this.partition(input.groups));
      case 'heal':
        return linkEvents(this.heal());
      case 'link-quality': {
        const { from, to, quality } = input;
        this.setQuality(from, to, quality);
        return [{ type: 'link-quality-changed', from, to, quality: clone(quality) }];
      }
    }
  }

  /** A node joins the network (membership change); its links start up and perfect. */
  addNode(id: NodeId): void {
    if (!this.nodeIds.includes(id)) this.nodeIds.push(id);
  }

  private key(from: NodeId, to: NodeId): number {
    return from * 65_536 + to;
  }

  isUp(from: NodeId, to: NodeId): boolean {
    return !this.down.has(this.key(from, to));
  }

  /**
   * Whether `msg`'s link is up; asked at every delivery. With no link down there is
   * nothing to look up, and its ends are not even read: see docs/performance.md#queue-tags
   */
  carries(msg: Message): boolean {
    return this.down.size === 0 || this.isUp(msg.from, msg.to);
  }

  /** Sets one directed link; returns the change, or null if it was already so. */
  setLink(from: NodeId, to: NodeId, up: boolean): LinkChange | null {
    if (from === to || this.isUp(from, to) === up) return null;
    if (up) this.down.delete(this.key(from, to));
    else this.down.add(this.key(from, to));
    return { from, to, up };
  }

  /** Links between different groups go down, links within a group come up; ungrouped nodes are isolated. */
  partition(groups: readonly NodeId[][]): LinkChange[] {
    const groupOf = new Map<NodeId, number>();
    groups.forEach((group, g) => group.forEach((id) => groupOf.set(id, g)));
    return this.setAll((from, to) => {
      const a = groupOf.get(from);
      return a !== undefined && a === groupOf.get(to);
    });
  }

  /** All links up and perfect again. */
  heal(): LinkChange[] {
    this.qualities.clear();
    return this.setAll(() => true);
  }

  /** The quality of `msg`'s link; asked for every message sent (see `carries`). */
  qualityFor(msg: Message): LinkQuality {
    // Most runs have no imperfect link at all.
    if (this.qualities.size === 0) return PERFECT_LINK;
    return this.qualities.get(this.key(msg.from, msg.to)) ?? PERFECT_LINK;
  }

  setQuality(from: NodeId, to: NodeId, quality: LinkQuality): void {
    const perfect = quality.loss === 0 && quality.duplicate === 0 && quality.latency === null;
    if (perfect) this.qualities.delete(this.key(from, to));
    else this.qualities.set(this.key(from, to), { ...quality });
  }

  /** The links that are not perfect, in (from, to) order. */
  linkQualities(): Array<{ from: NodeId; to: NodeId; quality: LinkQuality }> {
    const out: Array<{ from: NodeId; to: NodeId; quality: LinkQuality }> = [];
    for (const from of this.nodeIds) {
      for (const to of this.nodeIds) {
        const quality = this.qualities.get(this.key(from, to));
        if (quality) out.push({ from, to, quality: clone(quality) });
      }
    }
    return out;
  }

  private setAll(wantUp: (from: NodeId, to: NodeId) => boolean): LinkChange[] {
    const changes: LinkChange[] = [];
    for (const from of this.nodeIds) {
      for (const to of this.nodeIds) {
        const change = this.setLink(from, to, wantUp(from, to));
        if (change !== null) changes.push(change);
      }
    }
    return changes;
  }

  /** Puts a message on the wire; a `lost` one is still drawn in flight, and dies on arrival. */
  send(msg: Message, sentAt: number, latencyUs: number, lost = false): MessageInFlight {
    const flight: MessageInFlight = { id: this.nextId++, sentAt, deliverAt: sentAt + latencyUs, msg };
    if (lost) this.lost.add(flight.id);
    return flight;
  }

  /**
   * Takes message `id` off the wire at its delivery time: 'lost' if the network ate it,
   * 'arrived' otherwise (the link may still be down).
   */
  take(id: number): 'arrived' | 'lost' {
    return this.lost.size > 0 && this.lost.delete(id) ? 'lost' : 'arrived';
  }

  linksDown(): Array<[NodeId, NodeId]> {
    const out: Array<[NodeId, NodeId]> = [];
    for (const from of this.nodeIds) {
      for (const to of this.nodeIds) if (!this.isUp(from, to)) out.push([from, to]);
    }
    return out;
  }
}

function linkEvents(changes: Array<LinkChange | null>): SimEventBody[] {
  const events: SimEventBody[] = [];
  for (const change of changes) if (change !== null) events.push({ type: 'link-changed', ...change });
  return events;
}
