/** A message's fields under Figure 2's names, for the message popover. */
import type { Message, MessageInFlight } from '@raftlab/protocol';

export type Field = [name: string, value: string];

const entriesText = (entries: { index: number; term: number }[]): string =>
  entries.length === 0
    ? '[] (heartbeat)'
    : `${entries.length} (${entries[0].index}..${entries[entries.length - 1].index}, terms ${[...new Set(entries.map((e) => e.term))].join(', ')})`;

/** Figure 2 calls the sender candidateId in RequestVote and leaderId in AppendEntries. */
export function messageFields(msg: Message): Field[] {
  const common: Field[] = [['term', String(msg.term)]];
  switch (msg.type) {
    case 'RequestVote':
    case 'PreVote':
      return [
        ...common,
        ['candidateId', String(msg.from)],
        ['lastLogIndex', String(msg.lastLogIndex)],
        ['lastLogTerm', String(msg.lastLogTerm)],
      ];
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      return [...common, ['voteGranted', String(msg.voteGranted)]];
    case 'AppendEntries':
      return [
        ...common,
        ['leaderId', String(msg.from)],
        ['prevLogIndex', String(msg.prevLogIndex)],
        ['prevLogTerm', String(msg.prevLogTerm)],
        ['entries[]', entriesText(msg.entries)],
        ['leaderCommit', String(msg.leaderCommit)],
      ];
    case 'AppendEntriesResponse': {
      const fields: Field[] = [
        ...common,
        ['success', String(msg.success)],
        ['matchIndex', String(msg.matchIndex)],
      ];
      if (msg.conflictIndex !== undefined) fields.push(['conflictIndex', String(msg.conflictIndex)]);
      if (msg.conflictTerm !== undefined) fields.push(['conflictTerm', String(msg.conflictTerm)]);
      return fields;
    }
    case 'InstallSnapshot':
      return [
        ...common,
        ['leaderId', String(msg.from)],
        ['lastIncludedIndex', String(msg.lastIncludedIndex)],
        ['lastIncludedTerm', String(msg.lastIncludedTerm)],
      ];
    case 'InstallSnapshotResponse':
      return [...common, ['matchIndex', String(msg.matchIndex)]];
    case 'TimeoutNow':
      return common;
    case 'ReadIndex':
      return [...common, ['requestId', msg.requestId]];
    case 'ReadIndexResponse':
      return [...common, ['requestId', msg.requestId], ['readIndex', String(msg.index)]];
  }
}

/** The popover's title line and every row, in display order. */
export function describeInFlight(m: MessageInFlight): { title: string; fields: Field[] } {
  return {
    title: `${m.msg.type}, node ${m.msg.from} → node ${m.msg.to}`,
    fields: [
      ...messageFields(m.msg),
      ['sent at', `${(m.sentAt / 1000).toFixed(3)} ms`],
      ['due at', `${(m.deliverAt / 1000).toFixed(3)} ms`],
    ],
  };
}
