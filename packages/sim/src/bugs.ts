/**
 * Bug switches: options that re-introduce real mistakes people make when implementing
 * Raft, so the tool can show exactly how each one breaks safety or linearizability.
 * Some live in the core (passed to RawNode as `config.bugs`), some in the simulated
 * server around it (storage, state machine, client handling).
 */
import type { RaftBug } from '@raftlab/raft';

export const BUGS = [
  {
    name: 'figure8-commit',
    layer: 'raft',
    description: 'Leader commits an entry of an older term by counting replicas (Figure 8, §5.4.2)',
  },
  {
    name: 'forget-vote-on-restart',
    layer: 'sim',
    description: 'A restarted node forgets its votedFor and current term (Figure 2: they must be persisted)',
  },
  {
    name: 'vote-without-log-check',
    layer: 'raft',
    description: 'Votes are granted without the up-to-date log check (§5.4.1)',
  },
  {
    name: 'truncate-on-stale-append',
    layer: 'raft',
    description:
      'A follower truncates its log on a stale or duplicate AppendEntries that does not conflict (§5.3)',
  },
  {
    name: 'local-linearizable-reads',
    layer: 'sim',
    description:
      "Linearizable reads are served from the leader's local state without ReadIndex or the log (§6.4)",
  },
  {
    name: 'no-session-dedupe',
    layer: 'sim',
    description: 'A retried client command is applied again instead of answered from its session (§6.3)',
  },
  {
    name: 'apply-uncommitted',
    layer: 'sim',
    description: 'Entries are applied to the state machine when appended, before they are committed (§5.3)',
  },
] as const;

export type BugName = (typeof BUGS)[number]['name'];

/** The switches the Raft core implements itself (`Config.bugs`). */
export function raftBugs(bugs: readonly BugName[]): RaftBug[] {
  return bugs.filter((name): name is RaftBug => BUGS.some((b) => b.name === name && b.layer === 'raft'));
}

export const isBugName = (name: string): name is BugName => BUGS.some((b) => b.name === name);
