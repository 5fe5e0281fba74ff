/** The legend's key to messages in flight: shape and colour per type, hollow answers, crossed rejections, drops. */
import type { ReactNode } from 'react';
import { Term } from '../glossary/Term';
import { LegendList, type LegendRowData } from './LegendRow';
import { glyphPaint, KIND_STYLE, shapePath, type MessageKind } from './messageStyle';
import './messages.css';

interface GlyphProps {
  /** Which message kind to draw. */
  kind: MessageKind;
  /** Add the cross that marks a rejected response. */
  rejected?: boolean;
}

/** One message glyph, drawn as the ring draws it. */
function Glyph({ kind, rejected = false }: GlyphProps) {
  const s = KIND_STYLE[kind];
  const { fill, stroke, strokeWidth } = glyphPaint(s);
  const r = s.size * 0.55;
  return (
    <svg width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true">
      <path d={shapePath(s.shape, s.size)} style={{ fill, stroke }} strokeWidth={strokeWidth} />
      {rejected && <path className="msg__reject" d={`M${-r},${-r}L${r},${r}M${r},${-r}L${-r},${r}`} />}
    </svg>
  );
}

/** A request and its answer share a row: the request filled, the answer hollow. */
const PAIRS: Array<{ kinds: MessageKind[]; text: ReactNode }> = [
  {
    kinds: ['vote', 'vote-resp'],
    text: (
      <>
        <Term id="requestvote" />, its answer
      </>
    ),
  },
  {
    kinds: ['prevote', 'prevote-resp'],
    text: (
      <>
        <Term id="prevote">PreVote</Term>, its answer
      </>
    ),
  },
  {
    kinds: ['append'],
    text: (
      <>
        <Term id="appendentries" /> with entries
      </>
    ),
  },
  {
    kinds: ['heartbeat', 'append-resp'],
    text: (
      <>
        <Term id="heartbeat" /> (no entries), an answer
      </>
    ),
  },
  {
    kinds: ['snapshot', 'snapshot-resp'],
    text: (
      <>
        <Term id="installsnapshot" />, its answer
      </>
    ),
  },
  {
    kinds: ['timeout-now'],
    text: (
      <>
        TimeoutNow (<Term id="leadership-transfer">handing over</Term>)
      </>
    ),
  },
  {
    kinds: ['read-index', 'read-index-resp'],
    text: (
      <>
        <Term id="readindex">ReadIndex</Term>, its answer
      </>
    ),
  },
];

const ROWS: LegendRowData[] = [
  ...PAIRS.map(({ kinds, text }) => ({
    key: kinds[0],
    picture: (
      <span className="legend__glyphs">
        {kinds.map((kind) => (
          <Glyph key={kind} kind={kind} />
        ))}
      </span>
    ),
    text,
  })),
  {
    key: 'rejected',
    picture: (
      <span className="legend__glyphs">
        <Glyph kind="append-resp" rejected />
      </span>
    ),
    text: 'An answer that refuses (crossed)',
  },
  {
    key: 'dropped',
    picture: (
      <span className="legend__glyphs">
        <svg width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true">
          <path className="burst" d="M0,-8L2,-2L8,0L2,2L0,8L-2,2L-8,0L-2,-2Z" />
        </svg>
      </span>
    ),
    text: 'A message lost on the way',
  },
];

export const LegendMessages = () => <LegendList name="Message legend" rows={ROWS} />;
