/**
 * The leader's view of each follower on the link to it (§5.3, thesis §3.5 / etcd flow
 * control): matchIndex, nextIndex and the state — Probe, Replicate or Snapshot.
 */
import type { NodeState } from '@raftlab/protocol';
import type { RingLayout } from './layout';

const STATE_LETTER = { probe: 'P', replicate: 'R', snapshot: 'S' } as const;

export interface ProgressLabelsProps {
  /** The leader whose progress is drawn (with `progress` set). */
  leader: NodeState;
  /** Ring geometry. */
  layout: RingLayout;
}

export function ProgressLabels({ leader, layout }: ProgressLabelsProps) {
  const from = layout.positions.get(leader.id);
  if (!from || !leader.progress) return null;
  return (
    <g className="progress-labels">
      {Object.entries(leader.progress).map(([peerKey, p]) => {
        const peer = Number(peerKey);
        const to = layout.positions.get(peer);
        if (!to || peer === leader.id) return null;
        // Near the follower's end, so labels of different links do not meet at the leader.
        const x = from.x + (to.x - from.x) * 0.68;
        const y = from.y + (to.y - from.y) * 0.68;
        const text = `${p.matchIndex}/${p.nextIndex} ${STATE_LETTER[p.state]}`;
        return (
          <g
            key={peer}
            transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}
            className={`progress-label progress-label--${p.state}${p.recentActive ? '' : ' progress-label--inactive'}`}
            role="img"
            aria-label={`Leader's progress for node ${peer}: matchIndex ${p.matchIndex}, nextIndex ${p.nextIndex}, ${p.state}`}
          >
            <title>{`node ${peer}: matchIndex ${p.matchIndex}, nextIndex ${p.nextIndex}, ${p.state}${p.paused ? ', paused' : ''}`}</title>
            <rect x={-text.length * 3.3 - 4} y={-8} width={text.length * 6.6 + 8} height={16} rx={4} />
            <text y={4}>{text}</text>
          </g>
        );
      })}
    </g>
  );
}
