/**
 * The nodes' side of client traffic: what a node does with a client's attempt that
 * reaches it, and its answer. A leader proposes the command and answers once the entry
 * it proposed is applied at that index. A linearizable read does not go through the
 * log: the node it reaches asks its RawNode for a read barrier (ReadIndex, thesis §6.4;
 * a follower forwards it to the leader) and answers from its own store once it has
 * applied the barrier's index. A lease read is answered by a leader whose check-quorum
 * lease holds at its commit index (§6.4.1), and falls back to ReadIndex otherwise.
 * Anything else is redirected to the leader the node knows of. Every answer takes one
 * latency sample back to the client (client.ts).
 *
 * What a node remembers of waiting clients is volatile: a crash loses it.
 */
import type { Entry, NodeId } from '@raftlab/raft';
import type { ClientHost, Operation, Reply } from './client';
import type { ApplyOutcome } from './kv';
import type { SimNode } from './node';
import type { KvOp, KvResult } from './types';

/** A read waiting at a node for its barrier (ReadIndex or lease) to be confirmed and applied. */
interface PendingRead {
  opId: number;
  attempt: number;
  key: string;
}

interface PendingProposal {
  opId: number;
  attempt: number;
  term: number;
  data: string;
}

export class ClientService {
  /** Per node: log index → the proposal a client waits on there. */
  private readonly proposals = new Map<NodeId, Map<number, PendingProposal>>();
  /** Per node: read request id → the read waiting on it there. */
  private readonly reads = new Map<NodeId, Map<string, PendingRead>>();

  constructor(private readonly host: ClientHost) {}

  /**
   * The current attempt of `operation` reaches its target node. A proposal is recorded
   * on the operation (`proposed`, `proposal`): the client's own bookkeeping, which the
   * simulation knows at once rather than by a message.
   */
  arrive(operation: Operation): void {
    const node = this.host.node(operation.target);
    const status = node.basicStatus();
    if (status === null) return; // a crashed node never answers; the attempt times out
    if (
      status.role === 'leader' &&
      operation.op.type === 'get' &&
      this.host.config.bugs.includes('local-linearizable-reads')
    ) {
      // BUG (local-linearizable-reads): a deposed leader that has not noticed yet answers
      // from its own, possibly stale, state (§6.4 says why a read needs ReadIndex or the log).
      const result = {
        value: node.kv.get(operation.op.key),
        index: status.applied,
        term: status.term,
        node: node.id,
      };
      return this.send(operation.history.opId, operation.attempt, node.id, { kind: 'ok', result });
    }
    if (operation.op.type === 'get') return this.read(operation, node, operation.op);
    if (status.role === 'leader') {
      // A copy of the op: the cache keeps the command, and the operation's op is ours.
      const command = { clientId: operation.clientId, seq: operation.seq, op: { ...operation.op } };
      const data = this.host.commands.encode(command);
      let accepted = false;
      node.propose(data, (proposed) => {
        if (!proposed.ok) return;
        accepted = true;
        operation.proposed = true;
        if (!this.proposals.has(node.id)) this.proposals.set(node.id, new Map());
        this.proposals.get(node.id)!.set(proposed.index, {
          opId: operation.history.opId,
          attempt: operation.attempt,
          term: proposed.term,
          data,
        });
        operation.proposal = { node: node.id, index: proposed.index, term: proposed.term };
        if (!this.host.skip('client-proposed'))
          this.host.emit({ type: 'client-proposed', opId: operation.history.opId, ...operation.proposal });
      });
      if (accepted) return;
    }
    const leader = node.basicStatus()?.leader ?? 0;
    this.send(operation.history.opId, operation.attempt, node.id, { kind: 'redirect', leader });
  }

  /** Serves a read at `node` behind a lease or a ReadIndex barrier (thesis §6.4). */
  private read(operation: Operation, node: SimNode, op: Extract<KvOp, { type: 'get' }>): void {
    const opId = operation.history.opId;
    const requestId = `${opId}/${operation.attempt}`;
    if (!this.reads.has(node.id)) this.reads.set(node.id, new Map());
    const pending: PendingRead = { opId, attempt: operation.attempt, key: op.key };
    this.reads.get(node.id)!.set(requestId, pending);
    const leaseIndex = op.consistency === 'lease' ? node.leaseReadIndex() : null;
    if (leaseIndex !== null) return node.awaitApplied(requestId, leaseIndex);
    const requested = node.readIndex(requestId);
    if (requested.ok) return;
    this.reads.get(node.id)?.delete(requestId);
    this.send(opId, operation.attempt, node.id, { kind: 'redirect', leader: 0 });
  }

  private send(opId: number, attempt: number, from: NodeId, reply: Reply): void {
    this.host.schedule(this.host.now() + this.host.latency(), { kind: 'reply', opId, attempt, from, reply });
  }

  /** A node applied `entry`: answer the client waiting on that index, if any. */
  applied(nodeId: NodeId, entry: Entry, outcome: ApplyOutcome | null): void {
    const pending = this.proposals.get(nodeId)?.get(entry.index);
    if (pending === undefined) return;
    this.proposals.get(nodeId)!.delete(entry.index);
    if (entry.term === pending.term && entry.data === pending.data) {
      const result: KvResult = {
        value: outcome?.value ?? null,
        index: entry.index,
        term: entry.term,
        node: nodeId,
        ...(outcome?.swapped === undefined ? {} : { swapped: outcome.swapped }),
      };
      this.send(pending.opId, pending.attempt, nodeId, { kind: 'ok', result });
    } else {
      // Another leader's entry won this index: our proposal is lost here (§5.4); redirect.
      const leader = this.host.node(nodeId).basicStatus()?.leader ?? 0;
      this.send(pending.opId, pending.attempt, nodeId, { kind: 'redirect', leader });
    }
  }

  /** Node `nodeId` confirmed read barrier `requestId` at `index` and applied it: answer locally. */
  readReady(nodeId: NodeId, requestId: string, index: number): void {
    const pending = this.reads.get(nodeId)?.get(requestId);
    if (pending === undefined) return;
    this.reads.get(nodeId)!.delete(requestId);
    const node = this.host.node(nodeId);
    const result: KvResult = {
      value: node.kv.get(pending.key),
      index,
      term: node.basicStatus()?.term ?? 0,
      node: nodeId,
    };
    this.send(pending.opId, pending.attempt, nodeId, { kind: 'ok', result });
  }

  /** A crash loses the node's volatile memory of which clients wait on what. */
  nodeCrashed(nodeId: NodeId): void {
    this.proposals.delete(nodeId);
    this.reads.delete(nodeId);
  }
}
