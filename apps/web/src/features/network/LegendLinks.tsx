/** The legend's key to the links (cut both ways, cut one way) and the leader's progress badges. */
import { Term } from '../glossary/Term';
import { STATE_WORDS } from '../cluster/progressText';
import type { Progress } from '@raftlab/protocol';
import { LegendList, Picture, type LegendRowData } from './LegendRow';
import './links.css';

/** A badge as the ring draws it (cluster.css), reading `text`, in the style of `state`. */
function Badge({
  text,
  state,
  faded = false,
}: {
  /** Its words. */ text: string;
  /** Its style. */ state: Progress['state'];
  /** Not heard from lately. */ faded?: boolean;
}) {
  const w = text.length * 6.6 + 8;
  return (
    <svg width={w + 2} height={18} viewBox={`${-w / 2 - 1} -9 ${w + 2} 18`} aria-hidden="true">
      <g className={`progress-label progress-label--${state}${faded ? ' progress-label--inactive' : ''}`}>
        <rect x={-w / 2} y={-8} width={w} height={16} rx={4} />
        <text y={4}>{text}</text>
      </g>
    </svg>
  );
}

/** One row per state: its letter, its name and what the leader does in it. */
const stateRow = (state: Progress['state'], letter: string, style = ''): LegendRowData => ({
  key: state,
  picture: <Badge text={letter} state={state} />,
  text: `${STATE_WORDS[state].name}${style}: ${STATE_WORDS[state].doing}`,
});

const ROWS: LegendRowData[] = [
  {
    key: 'cut',
    picture: (
      <Picture className="link--cut">
        <g className="link__mark">
          <circle r={7} />
          <path d="M-3.5,-3.5L3.5,3.5M3.5,-3.5L-3.5,3.5" />
        </g>
      </Picture>
    ),
    text: 'link cut both ways (dashed, marked ×)',
  },
  {
    key: 'one-way',
    picture: (
      <Picture>
        <g className="link__mark--one-way">
          <path d="M-9,0H2M-3,-4L2,0L-3,4M6,-7V7" />
        </g>
      </Picture>
    ),
    text: 'cut one way: dashed at the sender, →| where its messages stop',
  },
  {
    key: 'badge',
    picture: <Badge text="3/4 R" state="replicate" />,
    text: (
      <>
        on a link from the leader: that follower’s <Term id="match-index">match index</Term> 3 /{' '}
        <Term id="next-index">next index</Term> 4, then the <Term id="progress-state">state</Term>:
      </>
    ),
  },
  stateRow('replicate', 'R'),
  stateRow('probe', 'P', ' (dashed)'),
  stateRow('snapshot', 'S'),
  { key: 'faded', picture: <Badge text="R" state="replicate" faded />, text: 'faded: not heard from lately' },
];

export const LegendLinks = () => <LegendList name="Link and progress legend" rows={ROWS} />;
