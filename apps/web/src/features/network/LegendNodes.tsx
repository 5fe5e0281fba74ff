/**
 * The legend's keys to the nodes — each role's fill and border, the crown, the caption,
 * the selection halo and the violation ring — and to their election timers. The small
 * pictures use the ring's own classes (cluster.css), so they look as drawn.
 */
import { Term } from '../glossary/Term';
import { timerArcPath } from '../cluster/layout';
import { LegendList, Picture, type LegendRowData } from './LegendRow';
import '../cluster/cluster.css';

/** A node's body in the style of `role`, with a ring around it when asked. */
function Node({
  role,
  ring,
  nonVoter = false,
}: {
  /** A role word, as `node--<role>` styles it. */ role: string;
  /** The halo or the violation ring. */ ring?: 'halo' | 'flag';
  /** Outside its own configuration (`node--non-voter`). */ nonVoter?: boolean;
}) {
  return (
    <Picture>
      {ring === 'halo' && <circle className="node__halo" r={9.5} />}
      {ring === 'flag' && <circle className="node__flag legend__flag" r={9} />}
      <g className={`node--${role}${nonVoter ? ' node--non-voter' : ''}`}>
        <circle className="node__body" r={7} />
        {role === 'crashed' && <path className="node__cross" d="M-3.5,-3.5L3.5,3.5M3.5,-3.5L-3.5,3.5" />}
      </g>
    </Picture>
  );
}

const NODE_ROWS: LegendRowData[] = [
  {
    key: 'follower',
    picture: <Node role="follower" />,
    text: (
      <>
        <Term id="follower">follower</Term>: plain, thin solid border
      </>
    ),
  },
  {
    key: 'precandidate',
    picture: <Node role="precandidate" />,
    text: (
      <>
        <Term id="pre-candidate">pre-candidate</Term>: dotted border
      </>
    ),
  },
  {
    key: 'candidate',
    picture: <Node role="candidate" />,
    text: (
      <>
        <Term id="candidate">candidate</Term>: dashed border
      </>
    ),
  },
  {
    key: 'leader',
    picture: <Node role="leader" />,
    text: (
      <>
        <Term id="leader">leader</Term>: filled, thick border
      </>
    ),
  },
  {
    key: 'crown',
    picture: (
      <Picture>
        <path
          className="node__crown"
          d="M-11,-7 L-11,3 L11,3 L11,-7 L5.5,-1 L0,-9 L-5.5,-1 Z"
          transform="scale(0.8) translate(0,3)"
        />
      </Picture>
    ),
    text: 'the crown: this node leads',
  },
  {
    key: 'crashed',
    picture: <Node role="crashed" />,
    text: 'crashed: greyed and crossed; only its disk survives',
  },
  {
    key: 'non-voter',
    picture: <Node role="follower" nonVoter />,
    text: (
      <>
        <Term id="non-voter">non-voter</Term>: faded, long dashes; removed, or added and not yet a member
      </>
    ),
  },
  {
    key: 'caption',
    picture: (
      <span className="legend__sample" aria-hidden="true">
        term 4<br />
        voted 2
      </span>
    ),
    text: (
      <>
        its <Term id="term">term</Term> and its <Term id="vote">vote</Term> in that term
      </>
    ),
  },
  {
    key: 'halo',
    picture: <Node role="follower" ring="halo" />,
    text: 'dashed halo: selected (the Node panel acts on it)',
  },
  {
    key: 'flag',
    picture: <Node role="follower" ring="flag" />,
    text: 'red dashed ring: part of a safety violation',
  },
];

/** A node's timer ring with `remaining` of its arc left (none: no arc). */
function Timer({
  remaining,
  low = false,
}: {
  /** 0..1, or absent. */ remaining?: number;
  /** Under a quarter left. */ low?: boolean;
}) {
  return (
    <Picture>
      <circle className="node__track legend__track" r={8} />
      {remaining !== undefined && (
        <path className={`timer-arc${low ? ' timer-arc--low' : ''}`} d={timerArcPath(remaining, 6, 10)} />
      )}
    </Picture>
  );
}

const TIMER_ROWS: LegendRowData[] = [
  {
    key: 'running',
    picture: <Timer remaining={0.7} />,
    text: (
      <>
        the arc: the <Term id="election-timeout">election timeout</Term> running down, time left before the
        node stands for election
      </>
    ),
  },
  { key: 'low', picture: <Timer remaining={0.2} low />, text: 'in the warning colour: under a quarter left' },
  {
    key: 'reset',
    picture: <Timer remaining={1} />,
    text: (
      <>
        full again: word from the leader (a <Term id="heartbeat">heartbeat</Term>) or a vote it gave restarted
        it
      </>
    ),
  },
  {
    key: 'none',
    picture: <Timer />,
    text: 'the ring with no arc: no election timer (a leader, a crashed node)',
  },
];

export const LegendNodes = () => <LegendList name="Node legend" rows={NODE_ROWS} />;
export const LegendTimers = () => <LegendList name="Timer legend" rows={TIMER_ROWS} />;
