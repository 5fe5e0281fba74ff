/**
 * The WebSocket to `/api/clusters/:id/stream`: feeds frames to the store, reconnects
 * with exponential backoff, and reports its status. Lives outside React so a re-render
 * (or StrictMode's double effects) never opens a second socket.
 *
 * It also asks for the past: it watches the store's `seeking` (what the person asked to
 * see) and sends the seeks through a `SeekThrottle`, one at a time. A moment of the past
 * comes back as a snapshot and then one events frame; the snapshot is held until its
 * events frame is in, and the two go to the store as one update.
 */
import {
  ERROR_CODES,
  type ClientFrame,
  type EventsFrame,
  type HeartbeatTally,
  type ServerFrame,
  type SnapshotFrame,
} from '@raftlab/protocol';
import type { StoreApi } from 'zustand';
import type { RaftStore } from '../store/store';
import { SeekThrottle } from './seek';
import { forgetOwner } from './owners';

type Store = StoreApi<RaftStore>;

/** Close code the server uses for an unknown cluster: retrying cannot help. */
const NOT_FOUND_CLOSE_CODE = 4404;

/**
 * Event frames are applied at most every `applyInterval(speed)` wall ms. The server
 * sends up to 30 a second; coalescing them cuts React's work in proportion, and costs
 * nothing visible: messages are placed by their send time against the extrapolated
 * clock, not by when their frame arrived. At 1× and faster, virtual time outruns the
 * eye anyway, so updates come four times a second (bench:web: main-thread busy at 9
 * nodes ×10 fell from ~540 to ~320 ms/s going from 10 to 4 updates a second); slower,
 * ten times a second, so a message appears close to its sender.
 */
export const applyInterval = (speed: number): number => (speed >= 1 ? 250 : 100);

/**
 * Joins queued event frames into one: every event and marker in order, the newest
 * clock, heartbeats summed.
 */
export function coalesceFrames(frames: readonly EventsFrame[]): EventsFrame {
  if (frames.length === 1) return frames[0];
  const tallies = new Map<string, HeartbeatTally>();
  for (const frame of frames) {
    for (const h of frame.heartbeats ?? []) {
      const key = `${h.leader}-${h.follower}`;
      const sum = tallies.get(key);
      tallies.set(
        key,
        sum ? { ...sum, count: sum.count + h.count, lastAt: Math.max(sum.lastAt, h.lastAt) } : h,
      );
    }
  }
  const markers = frames.flatMap((f) => f.markers ?? []);
  return {
    type: 'events',
    clock: frames[frames.length - 1].clock,
    events: frames.flatMap((f) => f.events),
    ...(tallies.size > 0 ? { heartbeats: [...tallies.values()] } : {}),
    ...(markers.length > 0 ? { markers } : {}),
  };
}

export interface StreamOptions {
  /** Delay before the first retry, ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export function streamUrl(location: Pick<Location, 'protocol' | 'host'>, clusterId: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/clusters/${encodeURIComponent(clusterId)}/stream`;
}

/** Backoff for the n-th consecutive failure (0-based): min × 2^n, capped. */
export const backoffDelay = (attempt: number, minMs: number, maxMs: number): number =>
  Math.min(maxMs, minMs * 2 ** attempt);

/** Opens the stream; returns a function that closes it for good. */
export function connectStream(store: Store, clusterId: string, options: StreamOptions = {}): () => void {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 8000;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const { setConnection, applySnapshot, applyEvents } = store.getState();
  let queued: EventsFrame[] = [];
  let queuedAt = 0;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastApplied = 0;
  const flush = () => {
    flushTimer = undefined;
    if (queued.length === 0) return;
    const frame = coalesceFrames(queued);
    queued = [];
    lastApplied = performance.now();
    applyEvents(frame, queuedAt);
  };
  const enqueue = (frame: EventsFrame, now: number) => {
    queued.push(frame);
    queuedAt = now;
    if (flushTimer !== undefined) return;
    const wait = applyInterval(frame.clock.speed) - (now - lastApplied);
    if (wait <= 0) flush();
    else flushTimer = setTimeout(flush, wait);
  };
  const dropQueue = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    queued = [];
  };

  // A moment of the past: its snapshot, waiting for the events frame that follows it.
  let heldPast: SnapshotFrame | null = null;
  const applyHeld = (now: number) => {
    if (heldPast) applySnapshot(heldPast, now);
    heldPast = null;
  };
  const throttle = new SeekThrottle((frame: ClientFrame) => socket?.send(JSON.stringify(frame)));
  const answered = (now: number) => {
    if (throttle.answered(now)) store.getState().seekSettled();
  };
  // What of `seeking` was last handed to the throttle on this socket.
  let asked: RaftStore['seeking'] = null;
  const syncSeeking = () => {
    if (socket?.readyState !== WebSocket.OPEN) return;
    const { seeking } = store.getState();
    if (seeking === asked) return;
    asked = seeking;
    if (seeking === 'live') throttle.live();
    else if (seeking !== null) throttle.seek(seeking, performance.now());
  };
  const unsubscribe = store.subscribe(syncSeeking);

  // The notice shown while the stream waits to be let in again (a stopped server that
  // keeps the cluster, a cluster with all the viewers it may have), until it is.
  let awayNotice: string | null = null;

  const onFrame = (frame: ServerFrame, now: number) => {
    if (frame.type !== 'events' || !frame.moment) applyHeld(now);
    switch (frame.type) {
      case 'snapshot':
        attempt = 0;
        if (awayNotice !== null && store.getState().notice === awayNotice) store.getState().setNotice(null);
        awayNotice = null;
        dropQueue();
        if (frame.moment) heldPast = frame;
        else applySnapshot(frame, now);
        setConnection('live');
        break;
      case 'events':
        if (!frame.moment) {
          // Live events belong to the live state; the past one shown must not take them.
          if (store.getState().moment === null) enqueue(frame, now);
        } else if (!throttle.answers(frame.moment.at)) {
          heldPast = null; // the answer to a seek given up on (the page went live meanwhile)
        } else {
          // The next seek goes out before this one is drawn, so the server computes it
          // while the page reduces and renders this one.
          const idle = throttle.answered(now);
          if (heldPast) store.getState().applyPast(heldPast, frame, now);
          else applyEvents(frame, now);
          heldPast = null;
          if (idle) store.getState().seekSettled();
        }
        break;
      case 'access':
        store.getState().setControlOpen(frame.open);
        break;
      case 'closed':
        if (frame.kept) {
          // The server keeps the cluster for its next start: the socket's close reconnects.
          awayNotice = `The server stopped (${frame.reason}); reconnecting when it is back…`;
          store.getState().setNotice(awayNotice);
          break;
        }
        stopped = true;
        setConnection('closed');
        store.getState().setNotice(`The server closed this cluster's stream: ${frame.reason}`);
        break;
      case 'error':
        if (frame.error === ERROR_CODES.clusterNotFound) {
          forgetOwner(clusterId);
          stopped = true;
          setConnection('closed');
          store
            .getState()
            .setNotice(`Cluster ${clusterId} does not exist (it may have expired). Start a new one.`);
        } else if (frame.error === ERROR_CODES.tooManyViewers) {
          // The socket closes next (1013) and reconnects with the back-off.
          awayNotice = `${frame.message} Retrying…`;
          store.getState().setNotice(awayNotice);
        } else if (throttle.busy(now)) {
          store.getState().setNotice(`Could not show that moment: ${frame.message}`);
          answered(now);
        }
        break;
      default:
        break;
    }
  };

  const open = () => {
    setConnection(attempt === 0 ? 'connecting' : 'reconnecting');
    socket = new WebSocket(streamUrl(window.location, clusterId));
    socket.onopen = () => {
      // A new socket starts live: ask again for the moment the page was showing.
      asked = null;
      const s = store.getState();
      if (s.seeking === null && s.moment) s.seek(s.moment.at);
      else syncSeeking();
    };
    socket.onmessage = (ev) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      onFrame(frame, performance.now());
    };
    socket.onclose = (ev) => {
      socket = null;
      heldPast = null;
      throttle.reset();
      if (ev.code === NOT_FOUND_CLOSE_CODE) stopped = true;
      if (stopped) {
        setConnection('closed');
        return;
      }
      setConnection('reconnecting');
      retryTimer = setTimeout(open, backoffDelay(attempt++, minDelay, maxDelay));
    };
  };

  open();
  return () => {
    stopped = true;
    unsubscribe();
    clearTimeout(retryTimer);
    dropQueue();
    socket?.close();
    setConnection('closed');
  };
}
