/**
 * The WebSocket viewers of one cluster and the back-pressure policy that keeps a slow
 * viewer from growing the server's memory: events are serialised once per flush and
 * sent only to viewers whose socket buffer is below LIMITS.maxViewerBufferBytes. A
 * viewer over the limit is marked stale and skipped; once its buffer drains it gets a
 * fresh snapshot instead of the events it missed (coalescing, never unbounded queues).
 * Before a frame is serialised, what no viewer could see is thinned out of it
 * (protocol's level_of_detail.ts). A viewer watching the past (`showPast`) is sent its
 * frames of that moment and no live frames until it is resynced.
 */
import type { Clock, Marker, ServerFrame, SnapshotFrame } from '@raftlab/protocol';
import { LevelOfDetail, LIMITS } from '@raftlab/protocol';
import type { SimEvent } from '@raftlab/sim';

/** The part of a `ws` WebSocket the server uses; tests may pass their own. */
export interface Viewer {
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Events gathered between two flushes, at most; past it every viewer is resynced. */
const MAX_QUEUED_EVENTS = 50_000;
/** Send a clock-only frame at least this often so viewers' clocks do not drift. */
const CLOCK_FRAME_EVERY_MS = 1000;

export class ViewerSet {
  private readonly viewers = new Map<Viewer, { stale: boolean; past: boolean }>();
  private queued: SimEvent[] = [];
  private overflowed = false;
  private clockChanged = false;
  private lastFrameAt = 0;
  private readonly detail = new LevelOfDetail();

  constructor(
    private readonly snapshot: () => SnapshotFrame,
    /** The markers made since the last flush, for its frame. */
    private readonly takeMarkers: () => Marker[] = () => [],
  ) {}

  get size(): number {
    return this.viewers.size;
  }

  add(viewer: Viewer): void {
    this.viewers.set(viewer, { stale: false, past: false });
    // Events were not queued while nobody watched: compare new states against nothing.
    this.detail.reset();
    send(viewer, this.snapshot());
  }

  delete(viewer: Viewer): void {
    this.viewers.delete(viewer);
  }

  enqueue(event: SimEvent): void {
    if (this.viewers.size === 0 || this.overflowed) return;
    if (this.queued.length >= MAX_QUEUED_EVENTS) {
      this.overflowed = true;
      this.queued = [];
      this.detail.reset();
      return;
    }
    this.queued.push(event);
  }

  markClockChanged(): void {
    this.clockChanged = true;
  }

  flush(clock: Clock, wallNow = Date.now()): void {
    const markers = this.takeMarkers();
    if (this.viewers.size === 0) {
      this.queued = [];
      this.overflowed = false;
      return;
    }
    const due = wallNow - this.lastFrameAt >= CLOCK_FRAME_EVERY_MS;
    if (this.queued.length === 0 && !this.clockChanged && !this.overflowed && !due) {
      // Nothing new to send, but a viewer that asked to resync (back to live from the
      // past, on a paused cluster) is answered now rather than with the next clock frame.
      this.sendResyncs();
      return;
    }
    if (this.overflowed) for (const state of this.viewers.values()) state.stale = true;
    const { events, heartbeats } = this.detail.thin(this.queued);
    const frame = JSON.stringify({
      type: 'events',
      clock,
      events,
      ...(heartbeats.length > 0 ? { heartbeats } : {}),
      ...(markers.length > 0 ? { markers } : {}),
    } satisfies ServerFrame);
    this.queued = [];
    this.overflowed = false;
    this.clockChanged = false;
    this.lastFrameAt = wallNow;
    // Serialised once for every viewer that needs it: it can be megabytes.
    let snapshot: string | undefined;
    for (const [viewer, state] of this.viewers) {
      if (state.past) continue;
      if (viewer.bufferedAmount > LIMITS.maxViewerBufferBytes) {
        state.stale = true;
      } else if (state.stale) {
        snapshot ??= JSON.stringify(this.snapshot());
        viewer.send(snapshot);
        state.stale = false;
      } else {
        viewer.send(frame);
      }
    }
  }

  /** A snapshot to every viewer waiting for one whose socket has room for it. */
  private sendResyncs(): void {
    let snapshot: string | undefined;
    for (const [viewer, state] of this.viewers) {
      if (!state.stale || state.past || viewer.bufferedAmount > LIMITS.maxViewerBufferBytes) continue;
      snapshot ??= JSON.stringify(this.snapshot());
      viewer.send(snapshot);
      state.stale = false;
    }
  }

  /** Sends a fresh snapshot to one viewer with the next flush (it asked to resync, or to watch live again). */
  resync(viewer: Viewer): void {
    const state = this.viewers.get(viewer);
    if (state) {
      state.stale = true;
      state.past = false;
    }
  }

  /** Every viewer, live or watching the past, gets a fresh live snapshot with the next flush. */
  resyncAll(): void {
    for (const viewer of this.viewers.keys()) this.resync(viewer);
  }

  /**
   * Sends a viewer the serialised `frames` of a past moment now, and no live frames
   * until it is resynced. A viewer over its buffer limit gets them later, when it asks again.
   */
  showPast(viewer: Viewer, frames: string[]): void {
    const state = this.viewers.get(viewer);
    if (!state) return;
    state.past = true;
    if (viewer.bufferedAmount > LIMITS.maxViewerBufferBytes) return;
    for (const frame of frames) viewer.send(frame);
  }

  /**
   * A frame for every viewer now, live or watching the past (the access changed). A
   * viewer over its buffer limit is resynced instead, and the snapshot says the same.
   */
  broadcast(frame: ServerFrame): void {
    const text = JSON.stringify(frame);
    for (const [viewer, state] of this.viewers) {
      if (viewer.bufferedAmount > LIMITS.maxViewerBufferBytes) state.stale = true;
      else viewer.send(text);
    }
  }

  closeAll(reason: string, kept = false): void {
    for (const viewer of this.viewers.keys()) {
      send(viewer, { type: 'closed', reason, ...(kept ? { kept } : {}) });
      viewer.close(1001, reason);
    }
    this.viewers.clear();
  }
}

function send(viewer: Viewer, frame: ServerFrame): void {
  viewer.send(JSON.stringify(frame));
}
