/**
 * Bug switches: options that re-introduce real mistakes people make when implementing
 * Raft, so the tool can show exactly how each one breaks safety or linearizability.
 * Some live in the core (passed to RawNode as `config.bugs`), some in the simulated
 * server around it (storage, state machine, client handling).
 */
import type { RaftBug } from '@raftlab/raft';
import type { InvariantName } from './invariant_catalogue';
import type { NamesOf } from './names_of';
import type { SimConfig } from './types';

/** Where a switch lives: in the Raft core itself, or in the simulated server around it. */
export const BUG_LAYERS = ['raft', 'sim'] as const;
export type BugLayer = (typeof BUG_LAYERS)[number];

/** One switch of the catalogue, with what the Bug lab tells a person about it. */
interface BugEntry {
  name: string;
  layer: BugLayer;
  description: string;
  /**
   * How to see it go wrong on the dashboard, naming its controls as they are labelled.
   * `bug_triggers.test.ts` plays each recipe on the simulator.
   */
  trigger: string;
  /**
   * What catches it: the safety properties it breaks, as the Safety panel names them,
   * and whether the history's linearizability verdict fails. `swarm.test.ts` checks both
   * against the switch's pinned catching seed.
   */
  caughtBy: { invariants: readonly InvariantName[]; linearizability: boolean };
  /** Settings the recipe needs, which the Bug lab creates its cluster with. */
  setup?: Partial<Pick<SimConfig, 'maxEntriesPerMessage' | 'checkQuorum'>>;
}

export const BUGS = [
  {
    name: 'figure8-commit',
    layer: 'raft',
    description: 'Leader commits an entry of an older term by counting replicas (Figure 8, §5.4.2)',
    trigger:
      'Crash all the followers but one: the leader keeps that one, no majority. Put a key: only that follower stores it, and it cannot commit. Crash the leader, Restart the others, then select the follower that has the key and press Time out. Its longer log wins the election, and it sends the older entry before one of its own term and commits it by counting replicas.',
    caughtBy: { invariants: ['leader-commit-rule'], linearizability: false },
    // One entry per AppendEntries, so the older entry reaches the followers before the
    // new leader's own; with the default batch both arrive in one message and the
    // mistake has nothing to act on.
    setup: { maxEntriesPerMessage: 1 },
  },
  {
    name: 'forget-vote-on-restart',
    layer: 'sim',
    description: 'A restarted node forgets its votedFor and current term (Figure 2: they must be persisted)',
    trigger: 'Once a leader is elected, Crash any node and Restart it: it comes back in term 0.',
    caughtBy: { invariants: ['monotonic-term'], linearizability: false },
  },
  {
    name: 'vote-without-log-check',
    layer: 'raft',
    description: 'Votes are granted without the up-to-date log check (§5.4.1)',
    trigger:
      'Crash one follower and Put a few keys, which the others commit. Crash every other node, Restart them all, then select the follower that missed the writes and press Time out: its shorter log wins the votes, and the committed writes are lost. (If another node is elected first, try again.)',
    caughtBy: { invariants: ['leader-completeness', 'state-machine-safety'], linearizability: false },
  },
  {
    name: 'truncate-on-stale-append',
    layer: 'raft',
    description:
      'A follower truncates its log on a stale or duplicate AppendEntries that does not conflict (§5.3)',
    trigger:
      'It needs a late duplicate of an AppendEntries, then that follower elected: by hand, give the leader’s links duplication and a wide latency (Loss, duplication and latency per link), Put keys steadily and crash the leader now and then. Quicker: npm run fuzz -- --bug truncate-on-stale-append finds a seed and saves its trace; open it with Upload trace.',
    caughtBy: { invariants: ['leader-completeness', 'state-machine-safety'], linearizability: true },
  },
  {
    name: 'local-linearizable-reads',
    layer: 'sim',
    description:
      "Linearizable reads are served from the leader's local state without ReadIndex or the log (§6.4)",
    trigger:
      'Put x = 1, press Isolate leader, and Put x = 2: the majority’s new leader takes it. Then Get x a few times: a read that reaches the old leader, which still believes it leads, answers 1.',
    caughtBy: { invariants: [], linearizability: true },
    // Without check-quorum the cut-off leader never steps down (thesis §6.2).
    setup: { checkQuorum: false },
  },
  {
    name: 'no-session-dedupe',
    layer: 'sim',
    description: 'A retried client command is applied again instead of answered from its session (§6.3)',
    trigger:
      'Put x = 1, Pause, and CAS x from 1 to 2. Step until the followers’ logs hold the CAS, then Crash the leader and Play: the client retries at the new leader, which applies the CAS a second time and answers not swapped, though x is now 2.',
    caughtBy: { invariants: [], linearizability: true },
  },
  {
    name: 'apply-uncommitted',
    layer: 'sim',
    description: 'Entries are applied to the state machine when appended, before they are committed (§5.3)',
    trigger:
      'Put x = 1, press Isolate leader and at once Put x = lost: the cut-off leader applies it and answers ok, though it can never commit (its key-value table keeps it). Then Get x: the majority’s leader answers 1.',
    caughtBy: { invariants: [], linearizability: true },
  },
] as const satisfies readonly BugEntry[];

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
