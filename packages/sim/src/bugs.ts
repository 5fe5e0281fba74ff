/**
 * Bug switches: options that re-introduce real mistakes people make when implementing
 * Raft, so the tool can show exactly how each one breaks safety or linearizability.
 * Some live in the core (passed to RawNode as `config.bugs`), some in the simulated
 * server around it (storage, state machine, client handling).
 */
import type { RaftBug } from '@raftlab/raft';
import type { NamesOf } from './names_of';

/** Where a switch lives: in the Raft core itself, or in the simulated server around it. */
export const BUG_LAYERS = ['raft', 'sim'] as const;
export type BugLayer = (typeof BUG_LAYERS)[number];

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
] as const satisfies readonly { name: string; layer: BugLayer; description: string }[];

export type BugName = (typeof BUGS)[number]['name'];

/** The switches' names, in the catalogue's order (typed as the tuple of literals they are). */
export const BUG_NAMES = BUGS.map((bug) => bug.name) as unknown as NamesOf<typeof BUGS>;

type RaftLayerBug = Extract<(typeof BUGS)[number], { layer: 'raft' }>['name'];
/** Compile-time proof that the 'raft' switches are exactly the core's own (`RaftBug`), both ways. */
const raftLayerIsCoreBugs: [RaftLayerBug, RaftBug] extends [RaftBug, RaftLayerBug] ? true : never = true;
void raftLayerIsCoreBugs;

const RAFT_LAYER = new Set<string>(BUGS.filter((bug) => bug.layer === 'raft').map((bug) => bug.name));

/** The switches the Raft core implements itself (`Config.bugs`). */
export function raftBugs(bugs: readonly BugName[]): RaftBug[] {
  return bugs.filter((name): name is RaftBug => RAFT_LAYER.has(name));
}

const NAMES = new Set<string>(BUG_NAMES);

export const isBugName = (name: string): name is BugName => NAMES.has(name);
