/**
 * The leader's view of each follower, as a badge on the link to it (§5.3, thesis §3.5 /
 * etcd flow control): match index / next index and the state's letter — Probe,
 * Replicate or Snapshot — named in words for screen readers and in the tooltip.
 * `badges.ts` places them clear of every node and caption.
 */
import { useMemo } from 'react';
import type { NodeState } from '@raftlab/protocol';
import { badgeSize, placeBadges } from './badges';
import type { CaptionPlacement } from './captions';
import type { RingLayout } from './layout';
import { badgeText, progressSentence } from './progressText';

/**
 * The width the places are planned for, in characters: `123/124 S`. Planning for one
 * width rather than each text's keeps a badge still while its indexes grow, and the
 * placement is only worked out again when the leader changes.
 */
const PLANNED_CHARS = 9;

export interface ProgressLabelsProps {
  /** The leader whose progress is drawn (with `progress` set). */
  leader: NodeState;
  /** Ring geometry. */
  layout: RingLayout;
  /** Where the nodes' captions are, which the badges keep clear of. */
  captions: Map<number, CaptionPlacement>;
}

export function ProgressLabels({ leader, layout, captions }: ProgressLabelsProps) {
  const entries = Object.entries(leader.progress ?? {})
    .map(([peer, p]) => ({ peer: Number(peer), p, text: badgeText(p) }))
    .filter(({ peer }) => peer !== leader.id && layout.positions.has(peer));
  const planned = Math.max(PLANNED_CHARS, ...entries.map((e) => e.text.length));
  const peersKey = entries.map((e) => e.peer).join(',');
  const places = useMemo(
    () =>
      placeBadges(
        layout,
        captions,
        leader.id,
        (peersKey ? peersKey.split(',') : []).map((peer) => ({
          peer: Number(peer),
          text: '0'.repeat(planned),
        })),
      ),
    [layout, captions, leader.id, peersKey, planned],
  );
  return (
    <g className="progress-labels">
      {entries.map(({ peer, p, text }) => {
        const at = places.get(peer);
        if (!at) return null;
        const { w, h } = badgeSize(text, layout.type);
        const sentence = progressSentence(peer, p);
        return (
          <g
            key={peer}
            transform={`translate(${at.x.toFixed(1)},${at.y.toFixed(1)})`}
            className={`progress-label progress-label--${p.state}${p.recentActive ? '' : ' progress-label--inactive'}`}
            role="img"
            aria-label={sentence}
          >
            <title>{sentence}</title>
            <rect x={-w / 2} y={-h / 2} width={w} height={h} rx={4} />
            {/* The baseline a little under the centre, so the digits sit in the middle. */}
            <text y={layout.type.badge * 0.38} style={{ fontSize: layout.type.badge }}>
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
}
