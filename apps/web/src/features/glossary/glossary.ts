/**
 * The Raft words the dashboard prints, defined once: a short definition and the section
 * of the Raft paper (Ongaro & Ousterhout, 2014, extended version) or of Diego Ongaro's
 * thesis (2014) that states it. `Term` shows an entry where its word appears, and the
 * `/glossary` page lists them all, in this order, each at `/glossary#<id>`.
 */

export const RAFT_PAPER = 'https://raft.github.io/raft.pdf';
export const RAFT_THESIS = 'https://github.com/ongardie/dissertation';

/** Where an entry is stated: the section as printed, the same with its source, and the link. */
interface Citation {
  /** `§5.3`, `Figure 8` or `thesis §9.6`. */
  section: string;
  /** The link's words: `Raft paper §5.3`, `Ongaro's thesis §9.6`. */
  cite: string;
  link: string;
}

const paper = (section: string): Citation => ({
  section,
  cite: `Raft paper ${section}`,
  link: RAFT_PAPER,
});
const thesis = (section: string): Citation => ({
  section: `thesis ${section}`,
  cite: `Ongaro's thesis ${section}`,
  link: RAFT_THESIS,
});

export interface GlossaryEntry extends Citation {
  /** The anchor on the glossary page (`/glossary#commit-index`): lower case, dashes. */
  id: string;
  /** The word as the glossary heads it. */
  term: string;
  /** At most 40 words: a tooltip, not an essay (glossary.test.ts). */
  definition: string;
}

export const GLOSSARY = [
  {
    id: 'term',
    term: 'Term',
    definition:
      "Raft's logical clock: time is divided into numbered terms, each beginning with an election. A server that sees a higher term adopts it and becomes a follower; a message from an older term is refused.",
    ...paper('§5.1'),
  },
  {
    id: 'leader',
    term: 'Leader',
    definition:
      'The one server that takes client commands in a term. It appends them to its log, copies them to the others with AppendEntries and tells them which entries are committed. A term has at most one leader.',
    ...paper('§5.2'),
  },
  {
    id: 'follower',
    term: 'Follower',
    definition:
      "A passive server: it answers the leader's AppendEntries and the candidates' RequestVotes. If it hears from no leader for an election timeout, it starts an election.",
    ...paper('§5.1'),
  },
  {
    id: 'candidate',
    term: 'Candidate',
    definition:
      'A server trying to become leader: it raises its term, votes for itself and asks every other server for its vote. Votes from a majority make it leader; a leader of its term or newer makes it a follower.',
    ...paper('§5.2'),
  },
  {
    id: 'pre-candidate',
    term: 'Pre-candidate',
    definition:
      'A server that timed out with pre-vote on: before raising its term it asks whether the others would vote for it, and becomes a candidate only if a majority would. So a returning cut-off server cannot disrupt the cluster.',
    ...thesis('§9.6'),
  },
  {
    id: 'vote',
    term: 'Vote (votedFor)',
    definition:
      'A server votes for at most one candidate per term, first come first served, and only for one whose log is at least as up to date as its own. Kept on disk, so a restart cannot vote twice.',
    ...paper('§5.2'),
  },
  {
    id: 'election-timeout',
    term: 'Election timeout',
    definition:
      'How long a follower waits without hearing from a leader before it starts an election. It is drawn at random for every wait, so that two servers rarely time out together. The arc around a node runs it down.',
    ...paper('§5.2'),
  },
  {
    id: 'split-vote',
    term: 'Split vote',
    definition:
      'An election in which no candidate wins a majority, because several started at about the same time and shared the votes. Each waits another random timeout and tries again in a higher term.',
    ...paper('§5.2'),
  },
  {
    id: 'heartbeat',
    term: 'Heartbeat',
    definition:
      "An AppendEntries with no entries. The leader sends one to every follower at a fixed interval, shorter than any election timeout, to keep its authority: each one resets the follower's election timer.",
    ...paper('§5.2'),
  },
  {
    id: 'quorum',
    term: 'Quorum (majority)',
    definition:
      'More than half of the voting servers: 2 of 3, 3 of 5, 5 of 9. Any two majorities share a server, so what one majority decided (a vote, a committed entry) is known to every later majority.',
    ...paper('§5.2'),
  },
  {
    id: 'log-entry',
    term: 'Log entry',
    definition:
      'One slot of a server’s log: a client command (or a no-op or configuration) and the term in which a leader created it, at an index. Leaders copy their entries to the followers in order.',
    ...paper('§5.3'),
  },
  {
    id: 'index',
    term: 'Index',
    definition:
      'An entry’s position in the log, from 1. Two logs that hold an entry with the same index and term hold the same entries up to it (Log Matching).',
    ...paper('§5.3'),
  },
  {
    id: 'last-index',
    term: 'Last index',
    definition:
      'The index of the last entry in a server’s log, committed or not. Candidates send it, with its term, so voters can tell whose log is more up to date.',
    ...paper('§5.4.1'),
  },
  {
    id: 'commit-index',
    term: 'Commit index',
    definition:
      'The highest index known to be committed. A leader commits an entry of its own term once a majority stores it, and every entry before it with it. A committed entry is never lost and every server applies it.',
    ...paper('§5.3'),
  },
  {
    id: 'applied-index',
    term: 'Applied index',
    definition:
      'The highest index a server has applied to its state machine (lastApplied in Figure 2). Entries are applied in order and only once committed, so it follows the commit index and never passes it.',
    ...paper('§5.3'),
  },
  {
    id: 'match-index',
    term: 'Match index',
    definition:
      'The leader’s record, per follower, of the highest index known to be stored on that follower. When a majority’s match index reaches an entry of the current term, the leader commits it.',
    ...paper('§5.3'),
  },
  {
    id: 'next-index',
    term: 'Next index',
    definition:
      'The leader’s record, per follower, of the next index to send it. When the follower refuses an AppendEntries (its log does not match), the leader backs the next index up and tries again.',
    ...paper('§5.3'),
  },
  {
    id: 'progress-state',
    term: 'Probe, Replicate, Snapshot',
    definition:
      'How the leader is sending to a follower (etcd’s flow control): Probe, one AppendEntries at a time until the logs match; Replicate, a stream of entries without waiting; Snapshot, an InstallSnapshot, because the entries needed were compacted.',
    ...paper('§5.3'),
  },
  {
    id: 'consistency-check',
    term: 'Consistency check',
    definition:
      'Every AppendEntries names the entry just before its new ones (prevLogIndex, prevLogTerm). A follower that lacks it refuses, and the leader backs up until the logs agree, then overwrites what differs.',
    ...paper('§5.3'),
  },
  {
    id: 'up-to-date',
    term: 'Up-to-date log (election restriction)',
    definition:
      'A server refuses its vote to a candidate whose log is less up to date than its own: the later last term wins, and with equal terms the longer log. So every new leader holds every committed entry.',
    ...paper('§5.4.1'),
  },
  {
    id: 'figure-8',
    term: 'Current-term commit rule (Figure 8)',
    definition:
      'A leader commits by counting replicas only entries of its own term; older ones are committed along with them. Figure 8 shows an older entry, stored on a majority, that a later leader still overwrites.',
    ...paper('§5.4.2'),
  },
  {
    id: 'noop',
    term: 'No-op entry',
    definition:
      'An empty entry a new leader appends at the start of its term. Committing it commits every entry before it and tells the leader what is committed, which it must know before it answers reads.',
    ...paper('§8'),
  },
  {
    id: 'requestvote',
    term: 'RequestVote',
    definition:
      "A candidate's request for a vote. It carries the candidate's term and its last entry's index and term, so the voter can check that the candidate's log is at least as up to date as its own.",
    ...paper('§5.2'),
  },
  {
    id: 'prevote',
    term: 'PreVote (pre-vote)',
    definition:
      'A pre-candidate’s question, “would you vote for me in the next term?”, answered as a RequestVote would be, but changing no one’s term or vote. A server that still hears from a leader says no.',
    ...thesis('§9.6'),
  },
  {
    id: 'appendentries',
    term: 'AppendEntries',
    definition:
      "The leader's message to a follower: new entries (none, for a heartbeat), the entry just before them for the consistency check, and the leader's commit index. The answer says whether the follower's log now matches.",
    ...paper('§5.3'),
  },
  {
    id: 'snapshot',
    term: 'Snapshot (log compaction)',
    definition:
      'The state machine’s state up to an index, saved so the log before it can be discarded. A restarted server loads it; a follower that needs discarded entries gets it from the leader with InstallSnapshot.',
    ...paper('§7'),
  },
  {
    id: 'installsnapshot',
    term: 'InstallSnapshot',
    definition:
      'The leader’s message that sends a follower its snapshot, when the entries the follower needs next have already been compacted away. The follower replaces its state and log up to the snapshot’s index.',
    ...paper('§7'),
  },
  {
    id: 'leadership-transfer',
    term: 'Leadership transfer (TimeoutNow)',
    definition:
      'The leader stops taking commands, brings a chosen follower’s log up to date, then sends it TimeoutNow: the follower starts an election at once and wins it. Used to move leadership away before maintenance.',
    ...thesis('§3.10'),
  },
  {
    id: 'check-quorum',
    term: 'Check-quorum',
    definition:
      'A leader that has not heard from a majority within an election timeout steps down, so a leader cut off in a minority soon stops acting as one. Lease reads rely on it.',
    ...thesis('§6.2'),
  },
  {
    id: 'lease',
    term: 'Lease (lease read)',
    definition:
      'A leader that heard from a majority within the last election timeout knows no other leader can be elected yet, so it answers reads from its own state without a round of messages, trusting clocks to run alike.',
    ...thesis('§6.4.1'),
  },
  {
    id: 'readindex',
    term: 'ReadIndex (linearizable read)',
    definition:
      'A read without a log entry: the leader notes its commit index, confirms with a round of heartbeats that a majority still follows it, waits until it has applied that index, then answers.',
    ...thesis('§6.4'),
  },
  {
    id: 'stale-read',
    term: 'Stale read',
    definition:
      'A read answered from one server’s state as it is, without asking the leader: fast, and possible without a leader, but it may miss writes committed elsewhere. The history checker leaves stale reads out: they are allowed to be old.',
    ...thesis('§6.4'),
  },
  {
    id: 'linearizable',
    term: 'Linearizable',
    definition:
      'Every operation appears to take effect at one instant between its request and its answer, as on a single machine. The history checker looks for such an order of the operations the clients saw.',
    ...thesis('§6.3'),
  },
  {
    id: 'session',
    term: 'Client session',
    definition:
      'Each client numbers its commands; the servers remember every client’s last number and answer a retried command from that memory instead of applying it again, so a command takes effect once.',
    ...thesis('§6.3'),
  },
  {
    id: 'outcome-unknown',
    term: 'Outcome unknown',
    definition:
      'A request whose answer did not come in time: the command may still commit, or may never. The client cannot tell, so the history checker accepts either; the final status comes from the cluster’s history.',
    ...thesis('§6.3'),
  },
  {
    id: 'learner',
    term: 'Learner',
    definition:
      'A server that receives the log but neither votes nor counts towards a majority, so a new server can catch up before it becomes a voter.',
    ...thesis('§4.2.1'),
  },
  {
    id: 'membership-change',
    term: 'Membership change',
    definition:
      'Adding or removing one server at a time: any majority of the old configuration then overlaps any majority of the new, so two leaders cannot be elected. A configuration takes effect once it is in the log.',
    ...thesis('§4.1'),
  },
  {
    id: 'non-voter',
    term: 'Non-voter',
    definition:
      'A server outside the configuration in its own log: just added and not yet sent it, or removed. It never starts an election, and no majority counts it.',
    ...thesis('§4.1'),
  },
] as const satisfies readonly GlossaryEntry[];

/** The id of a defined word (a typo in `<Term id>` is a type error). */
export type GlossaryId = (typeof GLOSSARY)[number]['id'];

const BY_ID = new Map<string, GlossaryEntry>(GLOSSARY.map((entry) => [entry.id, entry]));

export function glossaryEntry(id: GlossaryId): GlossaryEntry {
  return BY_ID.get(id)!;
}

/** The glossary page's address of an entry. */
export const glossaryHref = (id: GlossaryId): string => `/glossary#${id}`;
