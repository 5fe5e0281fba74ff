/**
 * One simulated server: a RawNode over its MemoryStorage (the "disk"), the KV state
 * machine it applies to, and the bookkeeping the UI needs (election-timer window, last
 * emitted NodeState). A crash throws away everything except the storage; a restart
 * builds a new RawNode over it and re-applies the committed log from index 1.
 */
import { MemoryStorage, RawNode } from '@raftlab/raft';
import type { Entry, Message, NodeId, ProposeResult, Status } from '@raftlab/raft';
import { raftBugs } from './bugs';
import { KvStateMachine } from './kv';
import type { ApplyOutcome } from './kv';
import type { NodeState, SimConfig, SimEventBody } from './types';

/** What a node needs from the simulation around it. */
export interface NodeHost {
  now(): number;
  emit(body: SimEventBody): void;
  send(msg: Message): void;
  /** Called for every committed entry the node applies, in log order. */
  applied(node: NodeId, entry: Entry, outcome: ApplyOutcome | null): void;
}

export class SimNode {
  readonly storage: MemoryStorage;
  private raw: RawNode | null = null;
  kv: KvStateMachine;
  /** Bumped on every crash/restart so stale tick events can be recognised. */
  epoch = 0;
  private timerStart: number | null = null;
  private timerEnd: number | null = null;
  private lastElapsed = 0;
  private lastTimeout = 0;
  private lastEmitted = '';
  /** apply-uncommitted bug only: the last index applied before it was committed. */
  private appliedEarly = 0;

  constructor(
    readonly id: NodeId,
    private readonly config: SimConfig,
    private readonly host: NodeHost,
    random: () => number,
  ) {
    const voters = nodeIds(config.nodes);
    this.storage = new MemoryStorage({ voters });
    this.kv = this.freshStateMachine();
    this.start(random, undefined);
  }

  get up(): boolean {
    return this.raw !== null;
  }

  status(): Status | null {
    return this.raw === null ? null : this.raw.status();
  }

  private start(random: () => number, applied: number | undefined): void {
    this.raw = new RawNode(
      {
        id: this.id,
        voters: nodeIds(this.config.nodes),
        electionTick: this.config.electionTick,
        heartbeatTick: this.config.heartbeatTick,
        preVote: this.config.preVote,
        checkQuorum: this.config.checkQuorum,
        bugs: raftBugs(this.config.bugs),
        random,
        ...(applied === undefined ? {} : { applied }),
      },
      this.storage,
    );
    this.kv = this.freshStateMachine();
    this.timerStart = null;
    this.timerEnd = null;
  }

  tick(): void {
    this.withRaw((raw) => raw.tick());
  }

  step(msg: Message): void {
    this.withRaw((raw) => raw.step(msg));
  }

  campaign(): void {
    this.withRaw((raw) => raw.campaign());
  }

  /**
   * Proposes `data`; `accepted` runs before the Ready is drained, because in a
   * single-voter cluster the entry commits and applies within that drain, and whoever
   * waits for it must already be listening.
   */
  propose(data: string, accepted: (result: ProposeResult) => void): void {
    if (this.raw === null) return accepted({ ok: false, error: 'dropped' });
    accepted(this.raw.propose(data));
    this.drain();
  }

  crash(): void {
    if (this.raw === null) return;
    this.raw = null;
    this.kv = this.freshStateMachine();
    this.epoch++;
    this.timerStart = null;
    this.timerEnd = null;
    this.host.emit({ type: 'node-crashed', node: this.id });
    this.emitStateIfChanged();
  }

  restart(random: () => number): void {
    if (this.raw !== null) return;
    this.epoch++;
    if (this.config.bugs.includes('forget-vote-on-restart')) {
      // BUG (forget-vote-on-restart): term and votedFor were never made durable, so the
      // node may vote twice in one term (Figure 2 lists both as persistent state).
      const { commit } = this.storage.initialState().hardState;
      this.storage.setHardState({ term: 0, vote: 0, commit });
    }
    // applied = 0 rebuilds the KV store by re-applying every committed entry (no snapshots yet).
    this.start(random, this.storage.firstIndex() === 1 ? 0 : undefined);
    this.host.emit({ type: 'node-restarted', node: this.id });
    this.drain();
  }

  /** Runs one RawNode call, then handles every Ready it produced. */
  private withRaw(action: (raw: RawNode) => void): void {
    if (this.raw === null) return;
    action(this.raw);
    this.drain();
  }

  /** The caller's loop of the Ready contract: persist, send, apply, advance. */
  private drain(): void {
    const raw = this.raw;
    if (raw === null) return;
    while (raw.hasReady()) {
      const rd = raw.ready();
      if (rd.hardState) this.storage.setHardState(rd.hardState);
      if (rd.snapshot) this.storage.applySnapshot(rd.snapshot);
      if (rd.entries.length > 0) {
        const first = rd.entries[0].index;
        if (first <= this.storage.lastIndex()) {
          // The term is the node's term as it truncates: a follower that just stepped down
          // from leading an older term may truncate; a leader of the current term never does.
          this.host.emit({ type: 'log-truncated', node: this.id, fromIndex: first, term: raw.status().term });
        }
        this.storage.append(rd.entries);
        this.host.emit({ type: 'log-appended', node: this.id, entries: rd.entries.map((e) => ({ ...e })) });
        if (this.config.bugs.includes('apply-uncommitted')) {
          // BUG (apply-uncommitted): entries reach the state machine (and clients hear
          // "done") before a majority holds them, so a new leader can erase them (§5.3).
          for (const entry of rd.entries) {
            this.host.applied(this.id, entry, this.kv.apply(entry));
            this.appliedEarly = entry.index;
          }
        }
      }
      for (const msg of rd.messages) this.host.send(msg);
      for (const entry of rd.committedEntries) this.applyEntry(entry);
      raw.advance(rd);
    }
    this.emitStateIfChanged();
  }

  private applyEntry(entry: Entry): void {
    if (entry.index <= this.appliedEarly) return; // already applied by the apply-uncommitted bug
    this.host.applied(this.id, entry, this.kv.apply(entry));
  }

  private freshStateMachine(): KvStateMachine {
    this.appliedEarly = 0;
    return new KvStateMachine(!this.config.bugs.includes('no-session-dedupe'));
  }

  /** Current NodeState. Pure: reading it (e.g. for a view) never changes the run. */
  state(): NodeState {
    const status = this.status();
    if (status === null) {
      const hs = this.storage.initialState().hardState;
      return {
        id: this.id,
        up: false,
        role: 'follower',
        term: hs.term,
        vote: hs.vote,
        leader: 0,
        commit: hs.commit,
        applied: 0,
        lastIndex: this.storage.lastIndex(),
        timerStart: null,
        timerEnd: null,
        progress: null,
      };
    }
    const leader = status.role === 'leader';
    return {
      id: this.id,
      up: true,
      role: status.role,
      term: status.term,
      vote: status.vote,
      leader: status.leader,
      commit: status.commit,
      applied: status.applied,
      lastIndex: status.lastIndex,
      timerStart: this.timerStart,
      timerEnd: this.timerEnd,
      progress: leader ? progressCopy(status) : null,
    };
  }

  private updateTimer(status: Status): void {
    if (status.role === 'leader') {
      this.timerStart = null;
      this.timerEnd = null;
      return;
    }
    const reset =
      this.timerStart === null ||
      status.electionElapsed < this.lastElapsed ||
      status.randomizedElectionTimeout !== this.lastTimeout;
    this.lastElapsed = status.electionElapsed;
    this.lastTimeout = status.randomizedElectionTimeout;
    if (!reset) return;
    const tickUs = this.config.tickUs;
    this.timerStart = this.host.now() - status.electionElapsed * tickUs;
    this.timerEnd = this.timerStart + status.randomizedElectionTimeout * tickUs;
  }

  emitStateIfChanged(): void {
    const status = this.status();
    if (status !== null) this.updateTimer(status);
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.host.emit({ type: 'node-state', node: state });
  }

  /** The persisted log (for the view). */
  log(): Entry[] {
    return this.storage.entries(this.storage.firstIndex(), this.storage.lastIndex() + 1);
  }
}

export function nodeIds(n: number): NodeId[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

function progressCopy(status: Status): NodeState['progress'] {
  const out: NonNullable<NodeState['progress']> = {};
  for (const id of Object.keys(status.progress)
    .map(Number)
    .sort((a, b) => a - b)) {
    out[id] = { ...status.progress[id] };
  }
  return out;
}
