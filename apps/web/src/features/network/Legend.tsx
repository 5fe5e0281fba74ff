/** The key to message glyphs (shape + colour per type, hollow responses, crossed rejections), cut links and progress labels. */
import { glyphPaint, KIND_STYLE, shapePath, type MessageKind } from './messageStyle';
import './legend.css';
import './links.css';
import './messages.css';

const SHOWN: MessageKind[] = [
  'vote',
  'vote-resp',
  'prevote',
  'prevote-resp',
  'append',
  'heartbeat',
  'append-resp',
];

interface GlyphProps {
  /** Which message kind to draw. */
  kind: MessageKind;
  /** Add the cross that marks a rejected response. */
  rejected?: boolean;
}

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

export function Legend() {
  return (
    <ul className="legend" aria-label="Message legend">
      {SHOWN.map((kind) => (
        <li key={kind}>
          <Glyph kind={kind} />
          {KIND_STYLE[kind].label}
        </li>
      ))}
      <li>
        <Glyph kind="append-resp" rejected />
        Rejected
      </li>
      <li>
        <svg width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true">
          <path className="burst" d="M0,-8L2,-2L8,0L2,2L0,8L-2,2L-8,0L-2,-2Z" />
        </svg>
        Dropped
      </li>
      <li>
        <svg width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true" className="link--cut">
          <g className="link__mark">
            <circle r={7} />
            <path d="M-3.5,-3.5L3.5,3.5M3.5,-3.5L-3.5,3.5" />
          </g>
        </svg>
        Link cut both ways
      </li>
      <li>
        <svg width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true">
          <g className="link__mark--one-way">
            <path d="M-9,0H2M-3,-4L2,0L-3,4M6,-7V7" />
          </g>
        </svg>
        One way cut: dashed at the sender, →| blocked
      </li>
      <li>
        <svg width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true">
          <rect x={-9} y={-6} width={18} height={12} rx={3} className="legend__progress" />
        </svg>
        3/4 R: match/next index · Probe, Replicate, Snapshot
      </li>
    </ul>
  );
}
