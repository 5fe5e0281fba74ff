/**
 * Typed HTTP calls to the server. Every call resolves to a value or throws an
 * `ApiError` carrying the server's `{error, message}` and the HTTP status.
 */
import type {
  AddNodeReply,
  BugList,
  CasReply,
  ClockBody,
  ClusterState,
  CreateClusterBody,
  DivergeReply,
  ErrorBody,
  HistoryReply,
  KvReply,
  NetworkBody,
  ReadConsistency,
  RewindReply,
  Trace,
} from '@raftlab/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The client operation a KV request became, when it became one (the error body's `opId`). */
    readonly opId?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy error page, say): fall through with the status text.
  }
  if (!res.ok) {
    const err = (json ?? {}) as Partial<ErrorBody>;
    throw new ApiError(
      res.status,
      err.error ?? `HTTP_${res.status}`,
      err.message ?? res.statusText,
      err.opId,
    );
  }
  return json as T;
}

const enc = encodeURIComponent;
export const cluster = (id: string) => `/api/clusters/${enc(id)}`;

/** `?at=SEQ` (a moment of the past), or nothing (live). */
const atQuery = (at: number | null | undefined, join: '?' | '&' = '?') =>
  at === null || at === undefined ? '' : `${join}at=${at}`;

export const api = {
  createCluster: (body: CreateClusterBody = {}) => request<ClusterState>('POST', '/api/clusters', body),
  /** A new paused cluster at moment `at` of cluster `from` (which stays as it is). */
  fork: (from: string, at: number) => request<ClusterState>('POST', '/api/clusters', { fork: { from, at } }),
  /** The cluster as it is, or as it was right after event `at`. */
  getCluster: (id: string, at?: number | null) => request<ClusterState>('GET', cluster(id) + atQuery(at)),
  /** The cluster goes back to moment `at`, paused; its replaced future is kept as a branch. */
  rewind: (id: string, at: number) => request<RewindReply>('POST', `${cluster(id)}/rewind`, { at }),
  /** The first moment at which the two clusters differ; null when one's run is a prefix of the other's. */
  diverge: (id: string, other: string) =>
    request<DivergeReply>('GET', `${cluster(id)}/diverge?with=${enc(other)}`),
  trace: (id: string) => request<Trace>('GET', `${cluster(id)}/trace`),
  bugs: () => request<BugList>('GET', '/api/bugs'),
  /** A read at `consistency`; a stale read from `node` when given (else any running node). */
  get: (id: string, key: string, consistency: ReadConsistency, node?: number) =>
    request<KvReply>(
      'GET',
      `${cluster(id)}/kv/${enc(key)}?consistency=${consistency}${node === undefined ? '' : `&node=${node}`}`,
    ),
  put: (id: string, key: string, value: string) =>
    request<KvReply>('PUT', `${cluster(id)}/kv/${enc(key)}`, { value }),
  cas: (id: string, key: string, expected: string | null, value: string) =>
    request<CasReply>('POST', `${cluster(id)}/kv/${enc(key)}/cas`, { expected, value }),
  del: (id: string, key: string) => request<KvReply>('DELETE', `${cluster(id)}/kv/${enc(key)}`),
  nodeAction: (
    id: string,
    node: number,
    action: 'crash' | 'restart' | 'timeout' | 'transfer-leadership' | 'compact',
  ) => request<{ ok: true }>('POST', `${cluster(id)}/nodes/${node}/${action}`),
  addNode: (id: string) => request<AddNodeReply>('POST', `${cluster(id)}/nodes`),
  removeNode: (id: string, node: number) => request<{ ok: true }>('DELETE', `${cluster(id)}/nodes/${node}`),
  setNetwork: (id: string, body: NetworkBody) => request<unknown>('PUT', `${cluster(id)}/network`, body),
  heal: (id: string) => request<unknown>('POST', `${cluster(id)}/network/heal`),
  setClock: (id: string, body: ClockBody) => request<unknown>('PUT', `${cluster(id)}/clock`, body),
  step: (id: string) => request<unknown>('POST', `${cluster(id)}/clock/step`),
  /**
   * The verdict, of the live history or of moment `at`'s; with `ops: 'pending'` only the
   * pending operations come along (the page draws the rest).
   */
  history: (id: string, ops: 'all' | 'pending' = 'all', at?: number | null) =>
    request<HistoryReply>('GET', `${cluster(id)}/history?ops=${ops}${atQuery(at, '&')}`),
};

/** A person-readable reason for a failed KV request. */
export function describeKvError(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Request failed';
  switch (err.status) {
    case 404:
      return `Not found${err.message ? `: ${err.message}` : ''}`;
    case 503:
      return `No leader${err.message ? `: ${err.message}` : ''}`;
    case 504:
      return `Timed out, outcome unknown${err.message ? `: ${err.message}` : ''}`;
    default:
      return err.message || err.code;
  }
}
