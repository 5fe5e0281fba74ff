/**
 * Raft's safety properties (Figure 3 of the paper), checked incrementally from the
 * simulator's own event stream, so the same checker can run wherever the events go.
 *
 * Theory of operation: the checker rebuilds each node's log from `log-appended` /
 * `log-truncated`, and its role, term and commit index from `node-state`. Every check
 * looks only at what the event changed:
 *   - Election Safety: at most one leader per term — a map term → leader.
 *   - Leader Append-Only: a node never truncates its log while it is leader.
 *   - Log Matching: the first time an entry (index, term) is appended anywhere, its data
 *     and the term of the entry before it are recorded; every later append of the same
 *     (index, term) must agree. By induction on the index, agreeing on the previous
 *     entry's term makes the whole prefix agree.
 *   - State Machine Safety / committed entries never change: the cluster-wide committed
 *     prefix grows as nodes advance their commit index; each newly committed entry must
 *     equal what any other node committed at that index, and no node truncates at or
 *     below its own commit index.
 *   - Leader Completeness: a new leader's log holds every entry committed so far.
 *   - Leader commit rule (§5.4.2): when a leader moves its commit index within its term,
 *     the entry it moves to is of that term (Figure 2: "log[N].term == currentTerm").
 *     Breaking it is what Figure 8 turns into a lost committed entry.
 *   - Monotonic term and commit per node (across crashes: both are persisted), and
 *     snapshotIndex <= applied <= commit <= lastIndex on every node (reported when the
 *     indexes change into a wrong order, not again while they stay so). A report whose
 *     fields other than the election timer are as before therefore finds nothing,
 *     which lets the simulation skip such reports (simulation.ts).
 *   - A snapshot a node installs (`snapshot-installed`) stands for the committed prefix
 *     up to its index, so the checker's copy of that node's log becomes that prefix.
 * A violation stops nothing; it is reported with its evidence. The properties' names and
 * sections are in invariant_catalogue.ts.
 */
import type { NodeId } from '@raftlab/raft';
import type { InvariantName } from './invariant_catalogue';
import { sharedElements } from './deep_copy';
import type { NodeState, SimEvent } from './types';

/**
 * Whether `InvariantChecker.observe` looks at events of `type` at all: it reads these
 * four and passes every other one through unlooked-at. The simulator relies on this to
 * skip building an event of another type when no listener is subscribed either.
 */
export function checksEventType(type: SimEvent['type']): boolean {
  switch (type) {
    case 'log-appended':
    case 'log-truncated':
    case 'node-state':
    case 'snapshot-installed':
      return true;
    default:
      return false;
  }
}

export interface Violation {
  invariant: InvariantName;
  message: string;
  nodes: NodeId[];
  index?: number;
  term?: number;
}

const MAX_KEPT = 100;
const NO_VIOLATIONS: readonly Violation[] = [];
const NOTHING_SEEN: readonly FirstSeen[] = [];

interface LogEntryRecord {
  term: number;
  data: string;
}

/** What the checks need of a node's last reported state: copied, as the report may be reused. */
interface StateRecord {
  role: NodeState['role'];
  term: number;
  commit: number;
  up: boolean;
  snapshotIndex: number;
  applied: number;
  lastIndex: number;
}

interface FirstSeen {
  term: number;
  data: string;
  prevTerm: number;
  node: NodeId;
}

interface NodeTrack {
  log: LogEntryRecord[]; // log[i - 1] is the entry at index i
  state: StateRecord | null;
}

export class InvariantChecker {
  private readonly nodes = new Map<NodeId, NodeTrack>();
  private readonly leaders = new Map<number, NodeId>();
  /**
   * First-seen (data, previous term) of each (index, term), for Log Matching: by index,
   * the terms seen there (almost always one), so no key is built per appended entry.
   */
  private readonly firstSeen: (readonly FirstSeen[])[] = sharedElements([]);
  /** The cluster-wide committed prefix: committed[i - 1] is the entry committed at index i. */
  private readonly committed: Array<LogEntryRecord & { node: NodeId }> = sharedElements([]);
  private count = 0;
  /** The first violations, kept as evidence (bounded: one bug tends to repeat itself). */
  private readonly kept: Violation[] = [];
  /** Scratch list of the violations `observe` finds in the event at hand. */
  private readonly found: Violation[] = [];

  /** Number of violations seen so far. */
  get violations(): number {
    return this.count;
  }

  /** The first MAX_KEPT violations, oldest first. */
  evidence(): Violation[] {
    return this.kept.map((v) => ({ ...v, nodes: [...v.nodes] }));
  }

  /**
   * The violations `event` reveals. Runs after every event and almost always finds
   * nothing: the checks push into one scratch list, and only a non-empty result is
   * copied out.
   */
  observe(event: SimEvent): readonly Violation[] {
    const found = this.found;
    switch (event.type) {
      case 'log-appended':
        this.appended(event.node, event.entries, found);
        break;
      case 'log-truncated':
        this.truncated(event.node, event.fromIndex, event.term, found);
        break;
      case 'node-state':
        this.stateChanged(event.node, found);
        break;
      case 'snapshot-installed':
        this.snapshotInstalled(event.node, event.index, event.term);
        break;
      default:
        break;
    }
    return this.collect(found);
  }

  /**
   * `observe` of a `node-state` event carrying `state`, without the event. Reads
   * `state` only during the call, so the caller may reuse the object.
   */
  observeState(state: NodeState): readonly Violation[] {
    this.stateChanged(state, this.found);
    return this.collect(this.found);
  }

  private collect(found: Violation[]): readonly Violation[] {
    if (found.length === 0) return NO_VIOLATIONS;
    this.count += found.length;
    for (const violation of found) if (this.kept.length < MAX_KEPT) this.kept.push(violation);
    const result = found.slice();
    found.length = 0;
    return result;
  }

  private track(id: NodeId): NodeTrack {
    let track = this.nodes.get(id);
    if (!track) {
      track = { log: sharedElements([]), state: null };
      this.nodes.set(id, track);
    }
    return track;
  }

  private appended(
    id: NodeId,
    entries: Array<{ index: number; term: number; data: string }>,
    found: Violation[],
  ) {
    const { log } = this.track(id);
    for (const entry of entries) {
      // Appending at i replaces everything from i on (usually there is nothing there).
      if (log.length !== entry.index - 1) log.length = entry.index - 1;
      const prevTerm = entry.index > 1 ? (log[entry.index - 2]?.term ?? 0) : 0;
      log.push({ term: entry.term, data: entry.data });
      const seenAt = this.firstSeen[entry.index - 1] ?? NOTHING_SEEN;
      const seen = seenAt.find((s) => s.term === entry.term);
      if (!seen) {
        // Replaced, not grown: the outer array's elements never change (deep_copy.ts).
        const first = { term: entry.term, data: entry.data, prevTerm, node: id };
        this.firstSeen[entry.index - 1] = [...seenAt, first];
      } else if (seen.data !== entry.data || seen.prevTerm !== prevTerm) {
        found.push({
          invariant: 'log-matching',
          message:
            `Node ${id} and node ${seen.node} both hold an entry at index ${entry.index} in term ${entry.term}, ` +
            `but ${seen.data !== entry.data ? 'with different commands' : 'after entries of different terms'}`,
          nodes: [id, seen.node],
          index: entry.index,
          term: entry.term,
        });
      }
    }
  }

  private truncated(id: NodeId, fromIndex: number, term: number, found: Violation[]) {
    const track = this.track(id);
    const state = track.state;
    // Node states are reported after each Ready, so a leader that steps down on a newer
    // term's AppendEntries truncates before its new state arrives: compare terms.
    if (state?.role === 'leader' && state.term === term) {
      found.push({
        invariant: 'leader-append-only',
        message: `Node ${id}, leader in term ${state.term}, removed entries from index ${fromIndex} of its own log`,
        nodes: [id],
        index: fromIndex,
        term: state.term,
      });
    }
    if (state && fromIndex <= state.commit) {
      found.push({
        invariant: 'state-machine-safety',
        message: `Node ${id} removed entries from index ${fromIndex}, at or below its commit index ${state.commit}`,
        nodes: [id],
        index: fromIndex,
      });
    }
    track.log.length = Math.min(track.log.length, fromIndex - 1);
  }

  /**
   * A snapshot holds only committed entries (§7), so the node's log is now the cluster's
   * committed prefix up to `index`; entry `index` keeps the snapshot's term, which is what
   * the Log Matching check of the next appended entry compares with.
   */
  private snapshotInstalled(id: NodeId, index: number, term: number) {
    const log: LogEntryRecord[] = [];
    for (let i = 1; i <= index; i++) {
      const agreed = this.committed[i - 1];
      log.push(agreed ? { term: agreed.term, data: agreed.data } : { term: 0, data: '' });
    }
    if (index > 0) log[index - 1] = { term, data: log[index - 1].data };
    this.track(id).log = log;
  }

  private stateChanged(next: NodeState, found: Violation[]) {
    const track = this.track(next.id);
    const prev = track.state;
    const known = prev !== null;
    const prevRole = prev?.role;
    const prevTerm = prev?.term ?? 0;
    const prevCommit = prev?.commit ?? 0;
    // A broken index order is reported when it appears, not again with every report
    // (an election timer's restart) while the indexes stay as they were.
    const sameIndexes =
      prev !== null &&
      prev.up === next.up &&
      prev.snapshotIndex === next.snapshotIndex &&
      prev.applied === next.applied &&
      prevCommit === next.commit &&
      prev.lastIndex === next.lastIndex;
    // Copied, into the record of the previous report, before anything is checked.
    if (prev === null) {
      const { role, term, commit, up, snapshotIndex, applied, lastIndex } = next;
      track.state = { role, term, commit, up, snapshotIndex, applied, lastIndex };
    } else {
      prev.role = next.role;
      prev.term = next.term;
      prev.commit = next.commit;
      prev.up = next.up;
      prev.snapshotIndex = next.snapshotIndex;
      prev.applied = next.applied;
      prev.lastIndex = next.lastIndex;
    }
    if (known && next.term < prevTerm) {
      found.push({
        invariant: 'monotonic-term',
        message: `Node ${next.id}'s term went back from ${prevTerm} to ${next.term}`,
        nodes: [next.id],
        term: next.term,
      });
    }
    if (known && next.commit < prevCommit) {
      found.push({
        invariant: 'monotonic-commit',
        message: `Node ${next.id}'s commit index went back from ${prevCommit} to ${next.commit}`,
        nodes: [next.id],
        index: next.commit,
      });
    }
    const ordered =
      next.snapshotIndex <= next.applied && next.applied <= next.commit && next.commit <= next.lastIndex;
    if (next.up && !ordered && !sameIndexes) {
      found.push({
        invariant: 'index-order',
        message:
          `Node ${next.id} has snapshot index ${next.snapshotIndex}, applied ${next.applied}, ` +
          `commit ${next.commit}, last index ${next.lastIndex}`,
        nodes: [next.id],
      });
    }
    this.committedAdvanced(next.id, prevCommit, next.commit, track, found);
    const sameLeadership = prevRole === 'leader' && next.role === 'leader' && prevTerm === next.term;
    if (sameLeadership && next.commit > prevCommit) {
      const entry = track.log[next.commit - 1];
      if (entry && entry.term !== next.term) {
        found.push({
          invariant: 'leader-commit-rule',
          message:
            `Node ${next.id}, leader in term ${next.term}, committed index ${next.commit} of term ${entry.term} ` +
            'by counting replicas; only entries of the current term may be committed that way (Figure 8)',
          nodes: [next.id],
          index: next.commit,
          term: next.term,
        });
      }
    }
    if (next.role === 'leader' && !sameLeadership) this.becameLeader(next.id, next.term, track, found);
  }

  private committedAdvanced(id: NodeId, from: number, to: number, track: NodeTrack, found: Violation[]) {
    for (let index = from + 1; index <= to; index++) {
      const entry = track.log[index - 1];
      if (!entry) continue; // covered by a snapshot this checker did not see
      const agreed = this.committed[index - 1];
      if (!agreed) {
        // A literal: a spread here took V8's slow path, a microsecond per committed entry.
        this.committed[index - 1] = { term: entry.term, data: entry.data, node: id };
      } else if (agreed.term !== entry.term || agreed.data !== entry.data) {
        found.push({
          invariant: 'state-machine-safety',
          message:
            `Node ${id} committed a different entry at index ${index} (term ${entry.term}) ` +
            `than node ${agreed.node} did (term ${agreed.term})`,
          nodes: [id, agreed.node],
          index,
          term: entry.term,
        });
      }
    }
  }

  private becameLeader(id: NodeId, term: number, track: NodeTrack, found: Violation[]) {
    const other = this.leaders.get(term);
    if (other !== undefined && other !== id) {
      found.push({
        invariant: 'election-safety',
        message: `Node ${id} became leader in term ${term}, which already elected node ${other}`,
        nodes: [id, other],
        term,
      });
    } else {
      this.leaders.set(term, id);
    }
    for (let index = 1; index <= this.committed.length; index++) {
      const agreed = this.committed[index - 1];
      const entry = track.log[index - 1];
      if (!agreed || (entry && entry.term === agreed.term && entry.data === agreed.data)) continue;
      found.push({
        invariant: 'leader-completeness',
        message: `Node ${id} became leader in term ${term} without the entry committed at index ${index}`,
        nodes: [id, agreed.node],
        index,
        term,
      });
      return;
    }
  }
}
