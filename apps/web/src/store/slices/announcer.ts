/**
 * The announcer slice: the sentences for the ARIA live region (elections, crashes,
 * restarts, joins, safety violations and commits), the newest few.
 */
import type { NodeState } from '@raftlab/protocol';
import type { FrameDraft, Slice } from '../draft';
import { BOUNDS, type Announcement, type RaftState } from '../types';
import { becameLeader } from './cluster';

export interface AnnouncerState {
  announcements: Announcement[];
  /** The id the next announcement gets. */
  nextAnnouncementId: number;
  /**
   * The commit index last read out, and the wall time (ms) it was, so commits are
   * announced at most once per COMMIT_ANNOUNCE_GAP_MS instead of with every batch.
   */
  commitAnnounced: { index: number; at: number };
}

/**
 * Commits are read out at most once per this many wall ms: with continuous writes the
 * commit index moves with nearly every batch, and a screen reader that spoke each one
 * would never get to an election or a crash. An advance inside the gap is not lost: it
 * is announced with the first batch after the gap.
 */
export const COMMIT_ANNOUNCE_GAP_MS = 3000;

/** The highest commit index any node knows, and the term of the node that knows it. */
export function highestCommit(nodes: Iterable<NodeState>): { index: number; term: number } {
  let best = { index: 0, term: 0 };
  for (const n of nodes) {
    if (n.commit > best.index || (n.commit === best.index && n.term > best.term)) {
      best = { index: n.commit, term: n.term };
    }
  }
  return best;
}

/** One coalesced sentence for however far the commit index moved since it was last read out. */
function announceCommit(d: FrameDraft, receivedAt: number): void {
  const last = d.s.commitAnnounced;
  if (receivedAt - last.at < COMMIT_ANNOUNCE_GAP_MS) return;
  const top = highestCommit(Object.values(d.s.nodes));
  if (top.index <= last.index) return;
  d.announce.push(
    top.index === last.index + 1
      ? `Entry ${top.index} committed in term ${top.term}`
      : `Entries up to ${top.index} committed in term ${top.term}`,
  );
  d.s.commitAnnounced = { index: top.index, at: receivedAt };
}

/** The sentence for going into the past or back to live, if the page did. */
function modeChange(state: RaftState, to: 'past' | 'live' | null): Partial<AnnouncerState> {
  if (to === null || (to === 'live' && state.moment === null)) return {};
  const text = to === 'past' ? 'Viewing the past' : 'Back to live';
  return {
    announcements: [...state.announcements, { id: state.nextAnnouncementId, text }].slice(
      -BOUNDS.announcements,
    ),
    nextAnnouncementId: state.nextAnnouncementId + 1,
  };
}

export const announcer: Slice<AnnouncerState> = {
  initial: () => ({
    announcements: [],
    nextAnnouncementId: 1,
    commitAnnounced: { index: 0, at: Number.NEGATIVE_INFINITY },
  }),
  // What was committed before the viewer arrived is not news. Going into the past or
  // back to live is (a past moment's own events are not: they have happened).
  snapshot: (state, frame) => ({
    commitAnnounced: { index: highestCommit(frame.view.nodes).index, at: state.commitAnnounced.at },
    ...modeChange(state, frame.moment === undefined ? 'live' : state.moment ? null : 'past'),
  }),
  events: {
    'node-state': (d, e) => {
      if (becameLeader(d.s.nodes[e.node.id], e.node)) {
        d.announce.push(`Node ${e.node.id} became leader in term ${e.node.term}`);
      }
    },
    'node-added': (d, e) => {
      d.announce.push(`Node ${e.node} joined the cluster`);
    },
    'node-crashed': (d, e) => {
      d.announce.push(`Node ${e.node} crashed`);
    },
    'node-restarted': (d, e) => {
      d.announce.push(`Node ${e.node} restarted`);
    },
    'invariant-violated': (d, e) => {
      d.announce.push(`Safety violation: ${e.violation.message}`);
    },
  },
  endFrame: (d, _frame, receivedAt) => {
    if (d.past) {
      d.announce.length = 0;
      return;
    }
    announceCommit(d, receivedAt);
    if (d.announce.length === 0) return;
    const s = d.s;
    const added = d.announce.map((text) => ({ id: s.nextAnnouncementId++, text }));
    s.announcements = [...s.announcements, ...added].slice(-BOUNDS.announcements);
  },
};
