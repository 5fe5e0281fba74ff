/**
 * Typed HTTP calls to the server. Every call resolves to a value or throws an
 * `ApiError` carrying the server's `{error, message}` and the HTTP status.
 */
import type {
  Access,
  AddNodeReply,
  BugList,
  CasReply,
  ClockBody,
  ClusterState,
  CreateClusterBody,
  CreatedCluster,
  DivergeReply,
  ErrorBody,
  HistoryReply,
  KvReply,
  NetworkBody,
  ReadConsistency,
  RewindReply,
  Trace,
} from '@raftlab/protocol';
import { ERROR_CODES } from '@raftlab/protocol';
import { clusterOfPath, forgetOwner, keepOwnership, ownerToken, rememberOwner } from './owners';

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

/** The headers of a request to `path`: its body's type, and the owner's token when this browser holds it. */
function headersFor(path: string, body: unknown): Record<string, string> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  const id = clusterOfPath(path);
  const token = id === null ? undefined : ownerToken(id);
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return headers;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: headersFor(path, body),
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
    const gone = err.error === ERROR_CODES.clusterNotFound ? clusterOfPath(path) : null;
    if (gone !== null) forgetOwner(gone);
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
  /** A new cluster, owned by this browser (its token kept: owners.ts). */
  createCluster: (body: CreateClusterBody = {}) =>
    request<CreatedCluster>('POST', '/api/clusters', body).then(keepOwnership),
  /** A new paused cluster at moment `at` of cluster `from` (which stays as it is), owned by this browser. */
  fork: (from: string, at: number) =>
    request<CreatedCluster>('POST', '/api/clusters', { fork: { from, at } }).then(keepOwnership),
  /** The cluster as it is, or as it was right after event `at`. */
  getCluster: (id: string, at?: number | null) => request<ClusterState>('GET', cluster(id) + atQuery(at)),
  /** The cluster goes back to moment `at`, paused; its replaced future is kept as a branch. */
  rewind: (id: string, at: number) =>
    request<RewindReply>('POST', `${cluster(id)}/rewind`, { at }).then((reply) => {
      // The branch has this cluster's owner: the owner keeps its token for it too.
      if (reply.branch && reply.branchOwner) rememberOwner(reply.branch.id, reply.branchOwner.token);
      return reply;
    }),
  /** The first moment at which the two clusters differ; null when one's run is a prefix of the other's. */
  diverge: (id: string, other: string) =>
    request<DivergeReply>('GET', `${cluster(id)}/diverge?with=${enc(other)}`),
  /** What this page may do to the cluster, judged by the token it sends. */
  access: (id: string) => request<Access>('GET', `${cluster(id)}/access`),
  /** The owner opens control to everyone with the link, or closes it. */
  setOpen: (id: string, open: boolean) => request<Access>('PUT', `${cluster(id)}/access`, { open }),
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
