/**
 * How each kind of message looks: a shape, a colour, filled for requests and hollow for
 * responses, with a cross on rejected responses. Colour is never the only cue. Colours
 * are theme tokens (theme/tokens.css, --msg-*), painted as CSS properties.
 */
import type { Message } from '@raftlab/protocol';

export type MessageShape = 'circle' | 'diamond' | 'square' | 'triangle';

export interface MessageStyle {
  /** Legend name. */
  label: string;
  shape: MessageShape;
  /** A CSS colour: `var(--msg-…)`. */
  color: string;
  hollow: boolean;
  rejected: boolean;
  /** Half the glyph's size in px. */
  size: number;
}

export type MessageKind =
  | 'vote'
  | 'vote-resp'
  | 'prevote'
  | 'prevote-resp'
  | 'append'
  | 'heartbeat'
  | 'append-resp'
  | 'snapshot'
  | 'snapshot-resp'
  | 'timeout-now'
  | 'read-index'
  | 'read-index-resp';

export const KIND_STYLE: Record<MessageKind, Omit<MessageStyle, 'rejected'>> = {
  vote: { label: 'RequestVote', shape: 'diamond', color: 'var(--msg-vote)', hollow: false, size: 9 },
  'vote-resp': { label: 'Vote response', shape: 'diamond', color: 'var(--msg-vote)', hollow: true, size: 9 },
  prevote: { label: 'PreVote', shape: 'triangle', color: 'var(--msg-prevote)', hollow: false, size: 8 },
  'prevote-resp': {
    label: 'PreVote response',
    shape: 'triangle',
    color: 'var(--msg-prevote)',
    hollow: true,
    size: 8,
  },
  append: { label: 'AppendEntries', shape: 'square', color: 'var(--msg-append)', hollow: false, size: 8 },
  heartbeat: { label: 'Heartbeat', shape: 'circle', color: 'var(--msg-heartbeat)', hollow: false, size: 6 },
  'append-resp': {
    label: 'Append response',
    shape: 'circle',
    color: 'var(--msg-heartbeat)',
    hollow: true,
    size: 6,
  },
  snapshot: {
    label: 'InstallSnapshot',
    shape: 'square',
    color: 'var(--msg-snapshot)',
    hollow: false,
    size: 9,
  },
  'snapshot-resp': {
    label: 'Snapshot response',
    shape: 'square',
    color: 'var(--msg-snapshot)',
    hollow: true,
    size: 7,
  },
  'timeout-now': {
    label: 'TimeoutNow',
    shape: 'triangle',
    color: 'var(--msg-timeout-now)',
    hollow: false,
    size: 8,
  },
  'read-index': {
    label: 'ReadIndex',
    shape: 'circle',
    color: 'var(--msg-read-index)',
    hollow: false,
    size: 7,
  },
  'read-index-resp': {
    label: 'ReadIndex response',
    shape: 'circle',
    color: 'var(--msg-read-index)',
    hollow: true,
    size: 7,
  },
};

export interface GlyphPaint {
  fill: string;
  stroke: string;
  strokeWidth: number;
}

/** How a glyph is painted: a request filled with its colour, a response hollow with a thicker border. */
export function glyphPaint(style: Pick<MessageStyle, 'color' | 'hollow'>): GlyphPaint {
  return style.hollow
    ? { fill: 'var(--msg-hollow)', stroke: style.color, strokeWidth: 2.5 }
    : { fill: style.color, stroke: style.color, strokeWidth: 1.5 };
}

export function messageKind(msg: Message): MessageKind {
  switch (msg.type) {
    case 'RequestVote':
      return 'vote';
    case 'RequestVoteResponse':
      return 'vote-resp';
    case 'PreVote':
      return 'prevote';
    case 'PreVoteResponse':
      return 'prevote-resp';
    case 'AppendEntries':
      return msg.entries.length === 0 ? 'heartbeat' : 'append';
    case 'AppendEntriesResponse':
      return 'append-resp';
    case 'InstallSnapshot':
      return 'snapshot';
    case 'InstallSnapshotResponse':
      return 'snapshot-resp';
    case 'TimeoutNow':
      return 'timeout-now';
    case 'ReadIndex':
      return 'read-index';
    case 'ReadIndexResponse':
      return 'read-index-resp';
  }
}

/** A rejected response: a vote not granted or an append that failed its consistency check. */
export function isRejected(msg: Message): boolean {
  switch (msg.type) {
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      return !msg.voteGranted;
    case 'AppendEntriesResponse':
      return !msg.success;
    default:
      return false;
  }
}

export function messageStyle(msg: Message): MessageStyle {
  return { ...KIND_STYLE[messageKind(msg)], rejected: isRejected(msg) };
}

/** SVG path of a glyph centred on the origin. */
export function shapePath(shape: MessageShape, r: number): string {
  switch (shape) {
    case 'circle':
      return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'diamond':
      return `M0,${-r}L${r},0L0,${r}L${-r},0Z`;
    case 'square':
      return `M${-r},${-r}H${r}V${r}H${-r}Z`;
    case 'triangle':
      return `M0,${-r}L${r},${r * 0.8}H${-r}Z`;
  }
}

/** A short tooltip-style description, e.g. `AppendEntries 1→3 t4 [5..7]`. */
export function describeMessage(msg: Message): string {
  const base = `${msg.type} ${msg.from}→${msg.to} term ${msg.term}`;
  if (msg.type === 'AppendEntries' && msg.entries.length > 0) {
    return `${base}, entries ${msg.entries[0].index}..${msg.entries[msg.entries.length - 1].index}`;
  }
  if (isRejected(msg)) return `${base}, rejected`;
  return base;
}
