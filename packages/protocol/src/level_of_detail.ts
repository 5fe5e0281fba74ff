/**
 * Level of detail for the event stream: what a frame leaves out because no viewer could
 * see it, so a fast 9-node cluster does not spend the browser's main thread on parsing.
 * At 10× a frame spans a third of a virtual second, while a heartbeat's round trip takes
 * about 40 ms, so nearly all heartbeats start and finish inside one frame; and a
 * follower's state changes with every heartbeat only because its election timer was
 * reset (§5.2). Measured on a 9-node cluster with a put every virtual second: of ~990
 * events per virtual second, ~650 are heartbeat sends and deliveries and ~245 are
 * node states.
 *
 * Two rules, both exact for what the dashboard draws and narrates:
 *  1. A heartbeat round trip inside the frame — an empty AppendEntries sent and delivered,
 *     then its answer (the follower's next message to the leader, which it sends while
 *     handling the delivery) sent, delivered and successful — is replaced by a count per
 *     (leader, follower). Rejections, losses and exchanges that straddle two frames are
 *     kept whole, so every rejection is still narrated with its request.
 *  2. A node state that is followed by another state of the same node in the frame, and
 *     differs from the state before it only in its election timer or the leader's
 *     progress view, is dropped: the page applies frames no faster than it paints, so
 *     only the last of those could ever be drawn, and the narrator reads none of them.
 */
import type { NodeState, SimEvent } from './cluster';
import type { HeartbeatTally } from './ws';

export interface ThinnedFrame {
  events: SimEvent[];
  heartbeats: HeartbeatTally[];
}

type Sent = Extract<SimEvent, { type: 'message-sent' }>;

export class LevelOfDetail {
  /** The last state seen of each node, across frames, to tell what a new state changed. */
  private readonly lastState = new Map<number, NodeState>();

  thin(events: readonly SimEvent[]): ThinnedFrame {
    const drop = new Uint8Array(events.length);
    const heartbeats = this.heartbeatRoundTrips(events, drop);
    this.supersededStates(events, drop);
    const kept: SimEvent[] = [];
    for (let i = 0; i < events.length; i++) if (drop[i] === 0) kept.push(events[i]);
    return { events: kept, heartbeats };
  }

  /** Forgets the states seen (the cluster was replaced). */
  reset(): void {
    this.lastState.clear();
  }

  private heartbeatRoundTrips(events: readonly SimEvent[], drop: Uint8Array): HeartbeatTally[] {
    const sentAt = new Map<number, number>();
    const deliveredAt = new Map<number, number>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.type === 'message-sent') sentAt.set(e.message.id, i);
      else if (e.type === 'message-delivered') deliveredAt.set(e.id, i);
    }
    /** Per `follower-leader`: the heartbeat just delivered to the follower, awaiting its answer. */
    const awaiting = new Map<string, { sent: number; delivered: number }>();
    const tallies = new Map<string, HeartbeatTally>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.type === 'message-delivered') {
        const s = sentAt.get(e.id);
        if (s === undefined) continue;
        const msg = (events[s] as Sent).message.msg;
        if (msg.type === 'AppendEntries' && msg.entries.length === 0) {
          awaiting.set(`${msg.to}-${msg.from}`, { sent: s, delivered: i });
        }
      } else if (e.type === 'message-sent') {
        const msg = e.message.msg;
        const key = `${msg.from}-${msg.to}`;
        const request = awaiting.get(key);
        if (request === undefined) continue;
        awaiting.delete(key);
        const answered = deliveredAt.get(e.message.id);
        if (msg.type !== 'AppendEntriesResponse' || !msg.success || answered === undefined) continue;
        drop[request.sent] = drop[request.delivered] = drop[i] = drop[answered] = 1;
        const tally = tallies.get(key);
        const lastAt = events[answered].t;
        if (tally) {
          tally.count++;
          tally.lastAt = Math.max(tally.lastAt, lastAt);
        } else {
          tallies.set(key, { leader: msg.to, follower: msg.from, count: 1, lastAt });
        }
      }
    }
    return [...tallies.values()];
  }

  private supersededStates(events: readonly SimEvent[], drop: Uint8Array): void {
    const lastInFrame = new Map<number, number>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.type === 'node-state') lastInFrame.set(e.node.id, i);
    }
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.type !== 'node-state') continue;
      const before = this.lastState.get(e.node.id);
      this.lastState.set(e.node.id, e.node);
      if (lastInFrame.get(e.node.id) !== i && before !== undefined && onlyTimersOrProgress(before, e.node)) {
        drop[i] = 1;
      }
    }
  }
}

/** True if `next` differs from `before` in nothing but its timer arc or progress view. */
function onlyTimersOrProgress(before: NodeState, next: NodeState): boolean {
  return (
    before.up === next.up &&
    before.role === next.role &&
    before.term === next.term &&
    before.vote === next.vote &&
    before.leader === next.leader &&
    before.commit === next.commit &&
    before.applied === next.applied &&
    before.lastIndex === next.lastIndex &&
    before.snapshotIndex === next.snapshotIndex &&
    before.voter === next.voter
  );
}
