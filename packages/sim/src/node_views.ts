/**
 * What a view says of each node: its state, its log, its key-value table, and what a
 * viewer needs to follow that table exactly (kv_mirror.ts): the node's latest snapshot's
 * state, and the client sessions that can still meet a retried command (thesis §6.3: a
 * retry is answered from the session, not executed again).
 *
 * A command can still be applied somewhere only if, at the moment of the view, it is in
 * some node's log, in a message on the wire, or not yet proposed by a client whose
 * operation is pending (entries enter logs only by a leader's proposal for a pending
 * operation). Those clients' sessions are enough; every other session can only ever
 * meet commands of higher sequence numbers, which execute whatever the session says.
 * This keeps the view proportional to what it already carries (logs, messages, pending
 * operations) rather than to every client that ever wrote.
 */
import type { Entry, Message } from '@raftlab/raft';
import { clone } from './clone';
import type { CommandCache } from './kv';
import { decodeImage, recordOf, type Command } from './kv_rules';
import type { SimNode } from './node';
import type { ClusterView, MessageInFlight } from './types';

/** Every node as a view shows it. */
export function nodeViews(
  nodes: readonly SimNode[],
  messages: readonly MessageInFlight[],
  pendingClients: Iterable<number>,
  commands: CommandCache,
): ClusterView['nodes'] {
  const logs = nodes.map((node) => node.log());
  const clients = clientsThatMayApply(
    logs,
    messages.map((flight) => flight.msg),
    pendingClients,
    (data) => commands.decode(data),
  );
  return nodes.map((node, i) => ({
    ...clone(node.state()),
    log: logs[i],
    kv: node.kv.toRecord(),
    sessions: node.kv.sessionsOf(clients),
    snapshotState: viewOfImage(node.storage.snapshot().data, clients),
  }));
}

/** The clients whose commands appear in `logs` or `messages`, plus `pending`. */
export function clientsThatMayApply(
  logs: readonly (readonly Entry[])[],
  messages: readonly Message[],
  pending: Iterable<number>,
  decode: (data: string) => Command | null,
): Set<number> {
  const clients = new Set<number>(pending);
  const visit = (entries: readonly Entry[]) => {
    for (const entry of entries) {
      if (entry.kind !== 'command') continue;
      const command = decode(entry.data);
      if (command !== null) clients.add(command.clientId);
    }
  };
  for (const log of logs) visit(log);
  for (const message of messages) if (message.type === 'AppendEntries') visit(message.entries);
  return clients;
}

/** A node's table and the sessions of `clients`, as a view carries them. */
export interface ViewedKv {
  kv: Record<string, string>;
  sessions: Array<[number, number]>;
}

/** The state a snapshot image holds (what a restart loads), with only the sessions of `clients`. */
export function viewOfImage(image: string, clients: ReadonlySet<number>): ViewedKv {
  const { data, sessions } = decodeImage(image);
  const kv = recordOf(data);
  const kept: Array<[number, number]> = [];
  for (const [client, session] of sessions) if (clients.has(client)) kept.push([client, session.lastSeq]);
  return { kv, sessions: kept.sort((a, b) => a[0] - b[0]) };
}
