/**
 * Building Readies (etcd's rawnode.go, readyWithoutAccept / acceptReady). A Ready
 * carries what changed since the last one, so `Handed` remembers what the caller was
 * last handed: the soft state, the hard state and the configuration's version.
 * Messages, new entries, committed entries and read states are handed out once each
 * and then dropped from the core, so they need no such memory.
 */
import { currentConf } from './raft_membership';
import type { Raft } from './raft';
import type { Entry, HardState, Message, NodeId, ReadState, Ready, Role } from './types';

/**
 * The empty lists of a Ready, shared by every Ready: frozen, so a caller that writes
 * into a Ready's list (which the contract does not allow) fails loudly.
 */
const EMPTY_ENTRIES: Entry[] = Object.freeze([]) as unknown as Entry[];
const EMPTY_MESSAGES: Message[] = Object.freeze([]) as unknown as Message[];
const EMPTY_READ_STATES: ReadState[] = Object.freeze([]) as unknown as ReadState[];

/** What the last Ready said (or, before the first, what the node started from). */
export class Handed {
  constructor(
    public role: Role,
    public leader: NodeId,
    public term: number,
    public vote: NodeId,
    public commit: number,
    public confVersion: number,
  ) {}

  /** A node that starts from `hardState` (its storage's), with no Ready handed out yet. */
  static start(r: Raft, hardState: HardState): Handed {
    const { term, vote, commit } = hardState;
    return new Handed(r.role, r.lead, term, vote, commit, r.confVersion);
  }
}

/** Whether the next Ready would carry anything other than messages. */
export function pendingBesidesMessages(r: Raft, handed: Handed): boolean {
  return (
    r.proposalsPending ||
    r.role !== handed.role ||
    r.lead !== handed.leader ||
    r.term !== handed.term ||
    r.vote !== handed.vote ||
    r.log.committed !== handed.commit ||
    r.log.unstable.entries.length > 0 ||
    r.log.hasNextCommittedEntries() ||
    r.log.unstable.snapshot !== undefined ||
    r.readOnly.readStates.length > 0 ||
    r.confVersion !== handed.confVersion
  );
}

/** The next Ready; what it hands out leaves the core, and `handed` moves to it. */
export function nextReady(r: Raft, handed: Handed): Ready {
  r.flushProposals();
  // Every Ready has every field (the absent ones undefined), and an empty list is the
  // one shared frozen array: see docs/performance.md#readies
  const rd: Ready = {
    softState: undefined,
    hardState: undefined,
    snapshot: undefined,
    entries: r.log.unstable.entries.length === 0 ? EMPTY_ENTRIES : r.log.unstableEntries(),
    messages: r.msgs.length === 0 ? EMPTY_MESSAGES : r.msgs,
    committedEntries: r.log.hasNextCommittedEntries() ? r.log.nextCommittedEntries() : EMPTY_ENTRIES,
    readStates: r.readOnly.readStates.length === 0 ? EMPTY_READ_STATES : r.readOnly.readStates,
    confState: undefined,
  };
  if (r.log.unstable.snapshot) rd.snapshot = r.log.unstable.snapshot;
  // The core starts a new outbox with its next message (Raft.send).
  if (r.msgs.length > 0) r.msgs = EMPTY_MESSAGES;
  if (r.readOnly.readStates.length > 0) r.readOnly.readStates = [];
  if (r.role !== handed.role || r.lead !== handed.leader) {
    handed.role = r.role;
    handed.leader = r.lead;
    rd.softState = { role: r.role, leader: r.lead };
  }
  if (r.confVersion !== handed.confVersion) {
    handed.confVersion = r.confVersion;
    rd.confState = currentConf(r);
  }
  if (r.term !== handed.term || r.vote !== handed.vote || r.log.committed !== handed.commit) {
    handed.term = r.term;
    handed.vote = r.vote;
    handed.commit = r.log.committed;
    rd.hardState = { term: r.term, vote: r.vote, commit: r.log.committed };
  }
  return rd;
}

/**
 * The pending messages, when they are all the next Ready would carry: exactly
 * `nextReady(r).messages` followed by `advance` of that Ready, which would have
 * nothing else to acknowledge. Otherwise null, and nothing changes.
 */
export function readyMessagesOnly(r: Raft, handed: Handed): Message[] | null {
  if (r.msgs.length === 0 || pendingBesidesMessages(r, handed)) return null;
  const messages = r.msgs;
  r.msgs = EMPTY_MESSAGES;
  return messages;
}

/** The caller has persisted, sent and applied `rd`. */
export function advance(r: Raft, rd: Ready): void {
  const log = r.log;
  if (rd.snapshot) log.stableSnapTo(rd.snapshot.metadata.index);
  // Lengths first: reading index -1 of an empty list is a slow property lookup.
  if (rd.entries.length > 0) {
    const lastEntry = rd.entries[rd.entries.length - 1];
    log.stableTo(lastEntry.index, lastEntry.term);
  }
  if (rd.committedEntries.length > 0)
    log.appliedTo(rd.committedEntries[rd.committedEntries.length - 1].index);
}
