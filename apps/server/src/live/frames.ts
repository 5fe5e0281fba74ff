/**
 * What a viewer or an HTTP client is sent of one moment of a cluster — live or past —
 * built the same way for both, so a past frame is exactly what a live viewer was sent
 * at that moment (apart from the `moment` that marks it as the past).
 */
import type { Clock, EventsFrame, SnapshotFrame } from '@raftlab/protocol';
import { LIMITS } from '@raftlab/protocol';
import type { ClusterView, Moment, SimEvent, Timeline } from '@raftlab/sim';

/**
 * Keeps frames bounded: only the newest log entries of each node travel, at most
 * LIMITS.maxLogEntriesInView of them and LIMITS.maxLogLengthInView of their data.
 */
export function trimView(view: ClusterView): ClusterView {
  for (const node of view.nodes) {
    let first = Math.max(0, node.log.length - LIMITS.maxLogEntriesInView);
    let length = 0;
    for (let i = node.log.length - 1; i >= first; i--) {
      length += node.log[i].data.length;
      if (length > LIMITS.maxLogLengthInView) {
        first = i + 1;
        break;
      }
    }
    if (first > 0) node.log = node.log.slice(first);
  }
  return view;
}

/** The clock as of `moment`: its time and number, the live clock's speed and pause. */
export function clockAt(moment: Moment, live: Clock): Clock {
  return { ...live, now: moment.now, seq: moment.eventsProcessed };
}

export function snapshotOf(clusterId: string, moment: Moment, clock: Clock): SnapshotFrame {
  return {
    type: 'snapshot',
    clusterId,
    clock,
    view: trimView(moment.view()),
    // A viewer keeps only the newest operations; the whole history is GET /history's.
    history: moment.history(LIMITS.maxHistoryInSnapshot),
    stages: moment.opStages(),
  };
}

/**
 * The frames of a seek to moment `at` (ws.ts): a snapshot of a moment up to
 * LIMITS.seekLeadEvents earlier, then the events from there to `at`, so a viewer's feed
 * and charts show what led to it. Both are serialised at once: the moments they read
 * are lent by the timeline only until its next call.
 */
export function pastFrames(clusterId: string, timeline: Timeline, at: number, live: Clock): string[] {
  const end = timeline.end;
  const from = Math.max(0, at - LIMITS.seekLeadEvents);
  const start = timeline.momentAt(from);
  const snapshot: SnapshotFrame = {
    ...snapshotOf(clusterId, start, clockAt(start, live)),
    moment: { at: from, end },
  };
  const first = JSON.stringify(snapshot);
  const events: SimEvent[] = [];
  const reached = timeline.replayEvents(from, at, (e) => events.push(e));
  const lead: EventsFrame = { type: 'events', clock: clockAt(reached, live), events, moment: { at, end } };
  return [first, JSON.stringify(lead)];
}
