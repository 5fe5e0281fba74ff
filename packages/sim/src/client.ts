/**
 * Simulated clients. An operation is routed like a real client would: send to the node
 * last known as leader, follow its redirect, retry on the next node (round-robin) when a
 * node does not answer within `clientAttemptTimeoutUs`, and give up with `unknown` after
 * `clientTimeoutUs`. What a node does with a request that reaches it (propose, read
 * barrier, redirect) is client_service.ts. Client traffic takes one latency sample each way
 * but is not a Raft message, so it is never emitted as `message-*` events and is not
 * subject to link cuts (clients sit outside the cluster's network).
 *
 * A client has one operation in flight at a time (later ones queue behind it), which is
 * what makes the session table's "seq <= lastSeq is a retry" rule sound (thesis §6.3).
 */
import { sharedElements } from './deep_copy';
import type { Entry, NodeId } from '@raftlab/raft';
import { ClientService } from './client_service';
import type { ApplyOutcome, CommandCache } from './kv';
import type { SimNode } from './node';
import type { FailReason, HistoryOp, KvOp, KvResult, OpStage, SimConfig, SimEventBody } from './types';

/** A node's answer to a client's attempt. */
export type Reply = { kind: 'ok'; result: KvResult } | { kind: 'redirect'; leader: NodeId };

/** Client timers and client/server traffic, scheduled on the simulation's queue. */
export type ClientEvent =
  | { kind: 'arrive'; opId: number; attempt: number }
  | { kind: 'reply'; opId: number; attempt: number; from: NodeId; reply: Reply }
  | { kind: 'attempt-timeout'; opId: number; attempt: number }
  | { kind: 'deadline'; opId: number };

export interface ClientHost {
  readonly config: SimConfig;
  now(): number;
  latency(): number;
  schedule(at: number, event: ClientEvent): void;
  emit(body: SimEventBody): void;
  /** See `EventStream.skip`: numbers an event of `type` that no one would read, instead of building it. */
  skip(type: SimEventBody['type']): boolean;
  node(id: NodeId): SimNode;
  /** The cluster's command cache: a command a client encodes is never parsed again. */
  readonly commands: CommandCache;
}

/** One client operation, from its invocation to its completion. */
export interface Operation {
  /** Its record in the history, and where: a record is replaced on completion, never changed. */
  history: HistoryOp;
  historyIndex: number;
  clientId: number;
  op: KvOp;
  seq: number;
  target: NodeId;
  attempt: number;
  /** Some attempt got the command into a leader's log: it may take effect, so never report `fail`. */
  proposed: boolean;
  /** The current attempt's proposal (leader, index, term), as `client-proposed` said; null before. */
  proposal: { node: NodeId; index: number; term: number } | null;
  /** Nodes that left an attempt of this operation unanswered; redirects to them are not followed. */
  silent: Set<NodeId>;
  /** Up nodes that answered "no leader known" in the current round. */
  noLeader: Set<NodeId>;
}

interface ClientState {
  lastSeq: number;
  leaderHint: NodeId;
  active: Operation | null;
  waiting: Operation[];
}

export class Clients {
  private readonly ops = new Map<number, Operation>();
  private readonly clients = new Map<number, ClientState>();
  private highestClientId = 0;
  /** Records are replaced, never changed, so checkpoints share them (deep_copy.ts). */
  private readonly historyOps: HistoryOp[] = sharedElements([]);
  /** The nodes' side: what a node does with a request, and its answer. */
  private readonly service: ClientService;

  constructor(private readonly host: ClientHost) {
    this.service = new ClientService(host);
  }

  /** Every operation so far, oldest first, or only the `newest` ones. */
  history(newest = Infinity): HistoryOp[] {
    const ops = newest >= this.historyOps.length ? this.historyOps : this.historyOps.slice(-newest);
    return ops.map((h) => ({
      ...h,
      op: { ...h.op },
      ...(h.result ? { result: { ...h.result } } : {}),
    }));
  }

  /** The clients with an operation not completed yet (sent or queued behind an earlier one). */
  pendingClients(): Set<number> {
    const clients = new Set<number>();
    for (const operation of this.ops.values()) clients.add(operation.history.clientId);
    return clients;
  }

  /**
   * Where each pending operation that has been sent is now: what a viewer that saw every
   * `client-attempt` and `client-proposed` event knows (for a viewer that joins late).
   */
  stages(): OpStage[] {
    const out: OpStage[] = [];
    for (const [opId, operation] of this.ops) {
      if (operation.attempt === 0) continue; // queued behind the client's earlier operation
      const proposed = operation.proposal === null ? null : { ...operation.proposal };
      out.push({ opId, attempt: operation.attempt, node: operation.target, proposed });
    }
    return out;
  }

  /**
   * A client id no operation has used yet: one past the highest so far. Part of the
   * simulation's state, so a run rewound and played again gives its clients the same ids
   * (the id picks the node a client tries first).
   */
  freshClientId(): number {
    return this.highestClientId + 1;
  }

  invoke(opId: number, clientId: number, op: KvOp): void {
    if (clientId > this.highestClientId) this.highestClientId = clientId;
    const now = this.host.now();
    const history: HistoryOp = {
      opId,
      clientId,
      op: { ...op },
      invokedAt: now,
      completedAt: null,
      status: 'pending',
    };
    const historyIndex = this.historyOps.push(history) - 1;
    if (!this.host.skip('client-invoked'))
      this.host.emit({ type: 'client-invoked', opId, clientId, op: { ...op } });
    const operation: Operation = {
      history,
      historyIndex,
      clientId,
      op,
      seq: 0,
      target: 0,
      attempt: 0,
      proposed: false,
      proposal: null,
      silent: new Set(),
      noLeader: new Set(),
    };
    this.ops.set(opId, operation);
    if (op.type === 'get' && op.consistency === 'stale') return this.staleRead(operation, op.node);
    // §6.4.1: a lease is only as good as check-quorum, which deposes a cut-off leader.
    if (op.type === 'get' && op.consistency === 'lease' && !this.host.config.checkQuorum)
      return this.complete(operation, 'fail', undefined, 'lease-unavailable');
    this.host.schedule(now + this.host.config.clientTimeoutUs, { kind: 'deadline', opId });
    const client = this.client(clientId);
    if (client.active === null) this.begin(client, operation);
    else client.waiting.push(operation);
  }

  /** Serves a stale read from one node's applied state, with no network round trip. */
  private staleRead(operation: Operation, preferred: NodeId | undefined): void {
    const n = this.host.config.nodes;
    const candidates = preferred !== undefined ? [preferred] : [];
    for (let id = 1; id <= n; id++) candidates.push(id);
    const node = candidates.map((id) => (id >= 1 && id <= n ? this.host.node(id) : null)).find((x) => x?.up);
    const status = node?.basicStatus();
    if (!node || !status || operation.op.type !== 'get')
      return this.complete(operation, 'fail', undefined, 'no-leader');
    const result = {
      value: node.kv.get(operation.op.key),
      index: status.applied,
      term: status.term,
      node: node.id,
    };
    this.complete(operation, 'ok', result);
  }

  handle(event: ClientEvent): void {
    const operation = this.ops.get(event.opId);
    if (operation === undefined) return;
    if (event.kind === 'deadline') return this.complete(operation, 'unknown');
    if (event.attempt !== operation.attempt) return; // an answer to an abandoned attempt
    switch (event.kind) {
      case 'arrive':
        return this.service.arrive(operation);
      case 'reply':
        return this.reply(operation, event.from, event.reply);
      case 'attempt-timeout':
        operation.silent.add(operation.target);
        return this.retryElsewhere(operation);
    }
  }

  /** A node applied `entry` (see ClientService). */
  applied(nodeId: NodeId, entry: Entry, outcome: ApplyOutcome | null): void {
    this.service.applied(nodeId, entry, outcome);
  }

  /** A node's read barrier is confirmed and applied (see ClientService). */
  readReady(nodeId: NodeId, requestId: string, index: number): void {
    this.service.readReady(nodeId, requestId, index);
  }

  /** A crash loses the node's volatile memory of which clients wait on what. */
  nodeCrashed(nodeId: NodeId): void {
    this.service.nodeCrashed(nodeId);
  }

  private client(clientId: number): ClientState {
    let client = this.clients.get(clientId);
    if (client === undefined) {
      client = { lastSeq: 0, leaderHint: 0, active: null, waiting: [] };
      this.clients.set(clientId, client);
    }
    return client;
  }

  private begin(client: ClientState, operation: Operation): void {
    client.active = operation;
    operation.seq = ++client.lastSeq;
    // With no hint, clients spread over the nodes deterministically by id.
    const n = this.host.config.nodes;
    operation.target =
      client.leaderHint !== 0 ? client.leaderHint : ((((operation.clientId - 1) % n) + n) % n) + 1;
    this.attempt(operation);
  }

  private attempt(operation: Operation): void {
    const now = this.host.now();
    const opId = operation.history.opId;
    operation.attempt++;
    operation.proposal = null;
    if (!this.host.skip('client-attempt'))
      this.host.emit({ type: 'client-attempt', opId, attempt: operation.attempt, node: operation.target });
    this.host.schedule(now + this.host.latency(), { kind: 'arrive', opId, attempt: operation.attempt });
    this.host.schedule(now + this.host.config.clientAttemptTimeoutUs, {
      kind: 'attempt-timeout',
      opId,
      attempt: operation.attempt,
    });
  }

  private reply(operation: Operation, from: NodeId, reply: Reply): void {
    const client = this.client(operation.clientId);
    if (reply.kind === 'ok') {
      client.leaderHint = from;
      return this.complete(operation, 'ok', reply.result);
    }
    const hint = reply.leader;
    if (hint !== 0 && hint !== from && !operation.silent.has(hint)) {
      client.leaderHint = hint;
      operation.noLeader.clear();
      operation.target = hint;
      return this.attempt(operation);
    }
    if (hint === 0) operation.noLeader.add(from);
    client.leaderHint = 0;
    const n = this.host.config.nodes;
    let allUpSayNoLeader = true;
    for (let id = 1; id <= n; id++) {
      if (this.host.node(id).up && !operation.noLeader.has(id)) allUpSayNoLeader = false;
    }
    // `fail` promises the operation did not take effect: only true if it was never proposed.
    if (allUpSayNoLeader && !operation.proposed)
      return this.complete(operation, 'fail', undefined, 'no-leader');
    this.retryElsewhere(operation);
  }

  /** Round-robin to the next node that has not gone silent on this operation. */
  private retryElsewhere(operation: Operation): void {
    const client = this.client(operation.clientId);
    if (client.leaderHint === operation.target) client.leaderHint = 0;
    const n = this.host.config.nodes;
    if (operation.silent.size >= n) operation.silent.clear();
    let next = operation.target;
    do next = (next % n) + 1;
    while (operation.silent.has(next));
    operation.target = next;
    this.attempt(operation);
  }

  private complete(
    operation: Operation,
    status: 'ok' | 'fail' | 'unknown',
    result?: KvResult,
    reason?: FailReason,
  ): void {
    if (operation.history.status !== 'pending') return;
    const history: HistoryOp = { ...operation.history, status, completedAt: this.host.now() };
    if (result) history.result = result;
    if (reason) history.reason = reason;
    operation.history = history;
    this.historyOps[operation.historyIndex] = history;
    this.ops.delete(history.opId);
    if (!this.host.skip('client-completed'))
      this.host.emit({
        type: 'client-completed',
        opId: history.opId,
        status,
        ...(result ? { result: { ...result } } : {}),
        ...(reason ? { reason } : {}),
      });
    const client = this.clients.get(operation.clientId);
    if (client === undefined) return;
    if (client.active === operation) {
      client.active = null;
      const next = client.waiting.shift();
      if (next !== undefined) this.begin(client, next);
    } else {
      client.waiting = client.waiting.filter((w) => w !== operation);
    }
  }
}
