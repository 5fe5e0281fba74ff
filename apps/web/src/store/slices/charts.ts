/**
 * The charts slice: each node's term and the highest commit index sampled over virtual
 * time, and the elections, for the charts' marks.
 */
import type { Slice } from '../draft';
import { BOUNDS, type ChartSample, type ElectionMark, type RaftState } from '../types';
import { becameLeader } from './cluster';

export interface ChartsState {
  /** Chart history, oldest first (bounded). */
  samples: ChartSample[];
  elections: ElectionMark[];
}

/** Wall-independent chart sampling: at most one point per SAMPLE_GAP_US of virtual time. */
const SAMPLE_GAP_US = 20_000;

function addSample(s: RaftState, t: number): ChartSample[] {
  const last = s.samples[s.samples.length - 1];
  if (last && t - last.t < SAMPLE_GAP_US && t >= last.t) return s.samples;
  const terms: Record<number, number> = {};
  let commit = 0;
  for (const id of s.nodeIds) {
    const n = s.nodes[id];
    if (!n) continue;
    terms[id] = n.term;
    commit = Math.max(commit, n.commit);
  }
  const kept = last && t < last.t ? [] : s.samples;
  return [...kept.slice(-(BOUNDS.samples - 1)), { t, terms, commit }];
}

export const charts: Slice<ChartsState> = {
  // A resync keeps the charts, and a clock that goes back (another cluster) restarts
  // them in `addSample`; a moment of the past, or coming back from one, starts them
  // afresh from its events.
  initial: () => ({ samples: [], elections: [] }),
  snapshot: (state, frame) => (frame.moment || state.moment ? { samples: [], elections: [] } : {}),
  events: {
    'node-state': (d, e) => {
      // Live, a frame is a sample; the past comes as one frame of what led to the
      // moment, so it is sampled as its terms and commits change (only node states do).
      if (d.past) d.s.samples = addSample(d.s, e.t);
      if (becameLeader(d.s.nodes[e.node.id], e.node)) {
        d.edit('elections').push({ t: e.t, node: e.node.id, term: e.node.term });
      }
    },
  },
  endFrame: (d, frame) => {
    if (d.s.elections.length > BOUNDS.elections) d.s.elections = d.s.elections.slice(-BOUNDS.elections);
    d.s.samples = addSample(d.s, frame.clock.now);
  },
};
