/**
 * The WebSocket to `/api/clusters/:id/stream`: feeds frames to the store, reconnects
 * with exponential backoff, and reports its status. Lives outside React so a re-render
 * (or StrictMode's double effects) never opens a second socket.
 */
import type { ServerFrame } from '@raftlab/protocol';
import type { StoreApi } from 'zustand';
import type { RaftStore } from '../store/store';

type Store = StoreApi<RaftStore>;

const CLUSTER_NOT_FOUND = 'RAFTLAB_ERR_CLUSTER_NOT_FOUND';
/** Close code the server uses for an unknown cluster: retrying cannot help. */
const NOT_FOUND_CLOSE_CODE = 4404;

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

  const open = () => {
    setConnection(attempt === 0 ? 'connecting' : 'reconnecting');
    socket = new WebSocket(streamUrl(window.location, clusterId));
    socket.onmessage = (ev) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      const now = performance.now();
      switch (frame.type) {
        case 'snapshot':
          attempt = 0;
          applySnapshot(frame, now);
          setConnection('live');
          break;
        case 'events':
          applyEvents(frame, now);
          break;
        case 'closed':
          stopped = true;
          setConnection('closed');
          store.getState().setNotice(`The server closed this cluster's stream: ${frame.reason}`);
          break;
        case 'error':
          if (frame.error === CLUSTER_NOT_FOUND) {
            stopped = true;
            setConnection('closed');
            store
              .getState()
              .setNotice(`Cluster ${clusterId} does not exist (it may have expired). Start a new one.`);
          }
          break;
        default:
          break;
      }
    };
    socket.onclose = (ev) => {
      socket = null;
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
    clearTimeout(retryTimer);
    socket?.close();
    setConnection('closed');
  };
}
