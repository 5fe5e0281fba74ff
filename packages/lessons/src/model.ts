/**
 * What a lesson file says (docs/lessons.md is the guide for writing one; schema.ts
 * validates it). A lesson is a real seeded cluster and a sequence of steps; a step
 * shows a short text, may act on the cluster (`do`), may ask a question before playing
 * on (`question`: predict, then see), may ask the learner to act (`task`), and may run
 * the clock until something happens (`until`). What its text claims is written down
 * as conditions (`claims`) that a test checks on the simulation, so the text is asserted,
 * not trusted.
 *
 * Nodes are named by id, or by a name bound earlier in the lesson (`$old`), so a step
 * can speak of "the leader that crashed" whoever it turned out to be.
 */
import type { Input, KvOp, MessageType, ReadConsistency, Role, SimConfig } from './sim_types';

/** A node: its id, or `$name` bound by an earlier step's `bind`. */
export type NodeRef = number | `$${string}`;

/** A number, exactly or within bounds. */
export type NumberMatch = number | { atLeast?: number; atMost?: number };

/** What a node must be like; every field given must hold. */
export interface NodeMatch {
  id?: NodeRef;
  /** Any of these roles. */
  role?: Role | Role[];
  term?: NumberMatch;
  up?: boolean;
  /** A voter in its own configuration (thesis §4.1); false once removed, or while joining. */
  voter?: boolean;
  /** The node it voted for in its term (0: none). */
  vote?: NodeRef | 0;
  /** The leader it follows (0: none known). */
  leader?: NodeRef | 0;
  commit?: NumberMatch;
  applied?: NumberMatch;
  lastIndex?: NumberMatch;
  snapshotIndex?: NumberMatch;
  /** A key of its state machine and the value it holds there (null: absent). */
  kv?: { key: string; value: string | null };
  /** The leader's view of a follower (Figure 2's matchIndex and nextIndex). */
  progress?: {
    of: NodeRef;
    match?: NumberMatch;
    next?: NumberMatch;
    state?: 'probe' | 'replicate' | 'snapshot';
  };
}

/** A message on the wire. */
export interface MessageMatch {
  type?: MessageType | MessageType[];
  from?: NodeRef;
  to?: NodeRef;
  /** A response's answer: vote granted, append succeeded. */
  ok?: boolean;
  /** AppendEntries carrying at least one entry (false: a heartbeat). */
  withEntries?: boolean;
}

/** A client operation of the history. */
export interface OpMatch {
  type?: KvOp['type'];
  key?: string;
  status?: 'ok' | 'fail' | 'unknown' | 'pending' | 'completed';
  /** For reads: the value returned (null: absent). */
  value?: string | null;
  /** For a compare-and-swap: whether it was answered as swapped. */
  swapped?: boolean;
  consistency?: ReadConsistency;
}

/** Something true of the cluster at a moment. */
export type Condition =
  /** Nodes matching, counted: at least one by default; `all` means every node. */
  | { nodes: NodeMatch; count?: NumberMatch | 'all' }
  /** The cluster's leader (the up leader of the highest term): a node, any, or none. */
  | { leader: NodeRef | 'any' | 'none' | { not: NodeRef }; term?: NumberMatch }
  | { messages: MessageMatch; count?: NumberMatch }
  | { ops: OpMatch; count?: NumberMatch }
  /** A safety violation was found (any, or of this invariant). */
  | { violation: string }
  /** The linearizability checker's verdict on the whole history. */
  | { linearizable: boolean }
  /** The directed link from → to is cut (or not). */
  | { link: [NodeRef, NodeRef]; down: boolean }
  | { nodeCount: NumberMatch }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** What a lesson does to its cluster: the inputs a person could give, named plainly. */
export type Action =
  | { do: 'crash' | 'restart' | 'timeout' | 'compact'; node: NodeRef }
  | { do: 'partition'; groups: NodeRef[][] }
  | { do: 'heal' }
  | { do: 'link'; from: NodeRef; to: NodeRef; up: boolean }
  | { do: 'put'; key: string; value: string }
  | { do: 'get'; key: string; consistency: ReadConsistency; node?: NodeRef }
  /** Compare-and-swap: `value` if the key holds `expected` (null: absent). */
  | { do: 'cas'; key: string; expected: string | null; value: string }
  | { do: 'transfer'; from: NodeRef; to: NodeRef }
  | { do: 'add-node' }
  | { do: 'remove-node'; node: NodeRef }
  /** Drops every message on the wire that matches (a person's hand on the network). */
  | { do: 'drop'; messages: MessageMatch };

/** A name bound when a step starts: the leader then, or the first node matching. */
export type Binding = 'leader' | { nodes: NodeMatch };

/** A link to where the paper or the thesis says it. */
export interface Section {
  /** As printed: `§5.2`, `thesis §9.6`. */
  label: string;
  href: string;
}

export interface Choice {
  text: string;
  /** Whether this choice is right; `rightIf` lets the simulation decide it instead. */
  correct?: boolean;
  /** Right when this holds once the step has played (checked by the lesson tests too). */
  rightIf?: Condition;
  /** Why it is right or wrong, shown once answered. */
  why: string;
}

export interface Step {
  title: string;
  /** At most ~60 words; `{$name}`, `{leader}`, `{term}` are filled in from the cluster. */
  text: string;
  section?: Section;
  /** What the text speaks of, highlighted on the dashboard. */
  highlight?: { nodes?: NodeRef[]; messages?: MessageMatch; log?: { node: NodeRef; index: number } };
  /** Names bound when the step starts, for this and later steps. */
  bind?: Record<string, Binding>;
  /** Done to the cluster when the step starts. */
  do?: Action[];
  /** Predict, then see: asked before the clock plays on. */
  question?: { prompt: string; choices: Choice[] };
  /** Your turn: the clock waits while the learner acts, until `check` holds. */
  task?: { prompt: string; check: Condition; hint?: string; solution: Action[] };
  /**
   * Done once the question is answered and the task done, as the clock is about to play:
   * what would give the answer away if done at the start (a stale read answers at once).
   */
  afterAnswer?: Action[];
  /** The clock runs, slowly, until this holds; then it pauses. */
  until?: Condition;
  /** Virtual speed while `until` waits (default: the lesson's). */
  speed?: number;
  /** Shown once the step has played (its `until` reached). */
  then?: string;
  /** True once the step has played: what the text claims, checked by the lesson tests. */
  claims?: Condition[];
}

export interface Lesson {
  /** The lesson's address: `/learn/<id>`. */
  id: string;
  title: string;
  /** One sentence for the library. */
  summary: string;
  section: Section;
  /** Minutes a learner takes, about. */
  minutes: number;
  /** The cluster: its seed and anything differing from the defaults. */
  cluster: Partial<SimConfig> & { seed: number };
  /** Virtual speed while a step waits (default 0.05). */
  speed?: number;
  /**
   * Where the lesson starts: a recorded run (its inputs, and the events it had processed)
   * played to its end before the first step — what `Save as lesson` writes from a cluster.
   */
  start?: { inputs: Input[]; events: number };
  steps: Step[];
}

/** The speed a step's clock runs at while it waits, when the lesson names none. */
export const DEFAULT_LESSON_SPEED = 0.05;
