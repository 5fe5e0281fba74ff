/**
 * The reducers: the state and a server frame → the next state, composed from the
 * slices' handlers (`slices/`) into one handler per event type. Pure: the state given is
 * never changed, nothing outside it is read or written, and the wall time comes in as
 * `receivedAt`, so the same state and frame always give the same result and the tests
 * replay frames exactly.
 */
import type { EventsFrame, SimEvent, SnapshotFrame } from '@raftlab/protocol';
import { FrameDraft, type Slice } from './draft';
import { access } from './slices/access';
import { announcer } from './slices/announcer';
import { charts } from './slices/charts';
import { cluster } from './slices/cluster';
import { feed } from './slices/feed';
import { history } from './slices/history';
import { kv } from './slices/kv';
import { logs } from './slices/logs';
import { messages } from './slices/messages';
import { safety } from './slices/safety';
import { timeline } from './slices/timeline';
import { ui } from './slices/ui';
import type { RaftState } from './types';

/**
 * Every slice, in the order their handlers of one event run. A slice that reads
 * another's fields reads them as they were before the event, so readers come before
 * owners: the feed (narration explains an event by the state before it), then the
 * announcer and the charts (a new leader is told from the node's previous state), then
 * the slices that own the nodes, logs and messages; the KV tables read the logs and
 * messages as they were before the event, so they come before those two.
 */
const SLICES: readonly Slice<Partial<RaftState>>[] = [
  feed,
  announcer,
  charts,
  cluster,
  kv,
  logs,
  messages,
  history,
  safety,
  timeline,
  ui,
  access,
];

type Handler = (d: FrameDraft, e: SimEvent) => void;

/** The one event-handler map: for each event type, its slices' handlers in SLICES order. */
const handlers: Partial<Record<SimEvent['type'], Handler>> = {};
for (const type of new Set(SLICES.flatMap((slice) => Object.keys(slice.events ?? {})))) {
  const own = SLICES.flatMap((slice) => slice.events?.[type as SimEvent['type']] ?? []) as Handler[];
  handlers[type as SimEvent['type']] =
    own.length === 1
      ? own[0]
      : (d, e) => {
          for (const handle of own) handle(d, e);
        };
}

export function initialState(): RaftState {
  // Each slice starts its own fields; together they are the whole state.
  return Object.assign({}, ...SLICES.map((slice) => slice.initial())) as RaftState;
}

/** Replaces everything the server owns with the snapshot's contents. */
export function reduceSnapshot(
  state: RaftState,
  frame: SnapshotFrame,
  receivedAt: number,
): Partial<RaftState> {
  const next: Partial<RaftState> = {};
  for (const slice of SLICES)
    if (slice.snapshot) Object.assign(next, slice.snapshot(state, frame, receivedAt));
  return next;
}

/**
 * Applies one batch of events and the clock that came with it. A frame of the past
 * (`moment` set) goes through the same handlers as a live one.
 */
export function reduceEvents(state: RaftState, frame: EventsFrame, receivedAt: number): RaftState {
  const d = new FrameDraft(state, frame.moment !== undefined);
  for (const event of frame.events) handlers[event.type]?.(d, event);
  for (const slice of SLICES) slice.endFrame?.(d, frame, receivedAt);
  return d.s;
}

/**
 * A moment of the past: its snapshot (a little before it) and the events up to it, as
 * one state, so the page draws the moment once instead of the snapshot first.
 */
export function reducePast(
  state: RaftState,
  snapshot: SnapshotFrame,
  events: EventsFrame,
  receivedAt: number,
): RaftState {
  return reduceEvents({ ...state, ...reduceSnapshot(state, snapshot, receivedAt) }, events, receivedAt);
}
