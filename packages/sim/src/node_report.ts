/**
 * When and how a simulated node reports its `NodeState`. After every input the node
 * asks whether what an observer sees has changed; if it has, that is one `node-state`
 * event.
 *
 * The event goes to the simulation's listeners, who may keep it, and to the invariant
 * checker, which reads it during the call and keeps nothing. With a listener, each
 * report is a fresh object. Without one (the swarm, the benchmarks), each report is one
 * mirror object rewritten in place, progress and all. A follower's election timer
 * restarts with every heartbeat (§5.2), so even an idle follower reports about twenty
 * times a second. Shaped for speed: see docs/performance.md#the-node-state-reporter
 * Whether a report happens does not depend on listeners, so every event keeps its seq.
 *
 * Most checks find nothing or only a restarted election timer, so they are answered
 * from the two version numbers of the core's observer (the fast path, raft's
 * observe.ts): the status version moves with every change of role, term, vote, leader,
 * commit, applied, last index or election timeout, the progress version with every
 * change of a leader's progress. With both as at the last check, and the same snapshot
 * index, only the timer can differ, and it is recomputed from `electionElapsed` alone.
 * Only when a number moved is the status read (`readStatus`) and compared field by
 * field. A report that differs only in the timer or a leader's progress
 * (`timerOrProgressOnly`) tells the invariant checker nothing new, so the simulation
 * numbers it but skips the checks (simulation.ts), and the mirror's progress is not
 * even copied for it.
 *
 * With `verify` (tests pass it: `SimulationOptions.verifyReports`), every shortcut is
 * checked against the full comparison, and a disagreement throws. Production runs
 * without it: with it, the reporter also copies what an unwatched run would skip.
 */
import type { LightStatus, NodeObserver, RawNode } from '@raftlab/raft';
import { ProgressCopier, sameNodeState, sameProgress, upNodeState, upNodeUnchanged } from './node_state';
import type { NodeExtras } from './node_state';
import type { NodeState } from './types';

export class NodeStateReporter {
  /**
   * The election timer as last drawn and the storage's snapshot index: the part of the
   * NodeState the core does not know, brought up to date in place before every check.
   */
  private readonly extras: NodeExtras = { snapshotIndex: 0, timerStart: null, timerEnd: null };
  /** `extras.timerEnd` as a number (-1: no timer), for the fast path's comparison. */
  private timerEnd = -1;
  /** The core's status, read into this one object by every check. */
  private status: LightStatus | null = null;
  /** What was last reported: a reported object, or the mirror. */
  private last: NodeState | null = null;
  /** The core's observer and its progress version when `last` was reported. */
  private lastObserver: NodeObserver | null = null;
  private lastVersion = -1;
  private readonly copier = new ProgressCopier();
  /** The object reports are written into while no one listens; never handed to a listener. */
  private mirror: NodeState | null = null;
  /** Peers in `mirror.progress`, and the observer and progress version it was copied at. */
  private mirrorPeers = 0;
  private mirrorObserver: NodeObserver | null = null;
  private mirrorVersion = -1;
  /** The core's numbers at the last check (either path), for the fast path. */
  private checkedObserver: NodeObserver | null = null;
  private checkedStatusVersion = -1;
  private checkedProgressVersion = -1;
  private checkedSnapshotIndex = -1;
  /**
   * Whether the last report (the last non-null answer of `upChanged`) moved only the
   * election timer or a leader's progress, none of the fields the invariants read.
   */
  timerOrProgressOnly = false;

  /**
   * `verify`: check every shortcut against the full comparison and throw on a
   * disagreement (for tests; see above).
   */
  constructor(
    private readonly tickUs: number,
    private readonly verify: boolean,
  ) {}

  /** The node crashed or restarted: no election timer is running. */
  clearTimer(): void {
    this.extras.timerStart = null;
    this.extras.timerEnd = null;
    this.timerEnd = -1;
  }

  /**
   * The state of an up node, to report if it changed since the last report, else null.
   * `nextTickAt` is the node's next tick not yet fed to the core (see SimNode). With
   * `fresh` false the result is the mirror, valid until the next call.
   */
  upChanged(raw: RawNode, snapshotIndex: number, nextTickAt: number, fresh: boolean): NodeState | null {
    const obs = raw.observer;
    const statusVersion = obs.statusVersion();
    const version = obs.progressVersion();
    const status = this.status;
    const sameStatus =
      status !== null &&
      obs === this.checkedObserver &&
      statusVersion === this.checkedStatusVersion &&
      snapshotIndex === this.checkedSnapshotIndex;
    if (sameStatus && version === this.checkedProgressVersion)
      return this.timerChanged(raw, status, nextTickAt, fresh);
    this.checkedObserver = obs;
    this.checkedStatusVersion = statusVersion;
    this.checkedProgressVersion = version;
    this.checkedSnapshotIndex = snapshotIndex;
    // The first object is a BasicStatus, as `current()` passes: one shape for upNodeState.
    const read = obs.readStatus(status ?? (this.status = raw.basicStatus()));
    return this.compared(raw, read, version, snapshotIndex, nextTickAt, fresh, sameStatus);
  }

  /**
   * The slow path: the status was read; compare it with the last report field by field.
   * `version`: the core's progress version now. `sameStatus`: only the leader's progress
   * (and the timer) can have changed.
   */
  private compared(
    raw: RawNode,
    status: LightStatus,
    version: number,
    snapshotIndex: number,
    nextTickAt: number,
    fresh: boolean,
    sameStatus: boolean,
  ): NodeState | null {
    this.updateTimer(status, nextTickAt);
    const extras = this.extras;
    extras.snapshotIndex = snapshotIndex;
    const last = this.last;
    if (last !== null && upNodeUnchanged(last, status, extras, this.progressUnchanged(raw, version)))
      return null;
    // Unobserved, the mirror's copy of the progress is read by no one (the invariants
    // skip such a report), so it is only brought up to date with the rest of the state.
    const obs = raw.observer;
    const state = fresh
      ? upNodeState(obs, status, extras, this.copier)
      : this.rewriteMirror(obs, status, version, !sameStatus || this.verify);
    this.last = state;
    this.lastObserver = obs;
    this.lastVersion = version;
    this.timerOrProgressOnly = sameStatus;
    return state;
  }

  /**
   * The fast path: nothing but `electionElapsed` can have changed since the last check
   * (whose status `status` holds), so nothing but the timer; null if it did not move.
   */
  private timerChanged(
    raw: RawNode,
    status: LightStatus,
    nextTickAt: number,
    fresh: boolean,
  ): NodeState | null {
    if (this.verify) this.verifyFastPath(raw);
    if (status.role === 'leader') return null; // a leader runs no election timer
    const obs = raw.observer;
    const elapsed = obs.electionElapsed();
    const extras = this.extras;
    const timeout = status.randomizedElectionTimeout;
    const timerEnd = nextTickAt + (timeout - elapsed - 1) * this.tickUs;
    if (timerEnd === this.timerEnd) return null;
    status.electionElapsed = elapsed;
    this.timerEnd = timerEnd;
    extras.timerEnd = timerEnd;
    extras.timerStart = timerEnd - timeout * this.tickUs;
    const last = this.last!;
    this.timerOrProgressOnly = true;
    if (!fresh && last === this.mirror) {
      last.timerStart = extras.timerStart;
      last.timerEnd = timerEnd;
      return last;
    }
    const state = fresh
      ? upNodeState(obs, status, extras, this.copier)
      : this.rewriteMirror(obs, status, this.lastVersion, true);
    this.last = state;
    return state;
  }

  /** The fast path's premise, checked against the core's full status (tests only). */
  private verifyFastPath(raw: RawNode): void {
    const now = raw.basicStatus();
    const was = this.status!;
    const fields = [
      'id',
      'role',
      'term',
      'vote',
      'leader',
      'commit',
      'applied',
      'lastIndex',
      'randomizedElectionTimeout',
      'voter',
    ] as const;
    const changed = fields.filter((field) => now[field] !== was[field]);
    if (changed.length > 0)
      throw new Error(`${changed.join(', ')} changed without a change of the status version`);
  }

  /** Whether the leader's progress is as `last` has it, by the core's count of changes. */
  private progressUnchanged(raw: RawNode, version: number): boolean {
    const unchanged = raw.observer === this.lastObserver && version === this.lastVersion;
    const progress = this.last?.progress;
    if (this.verify && unchanged && progress && !sameProgress(progress, raw.status().progress))
      throw new Error(`progress changed without a change of the progress version (${version})`);
    return unchanged;
  }

  /** `state`, a crashed node's state, if it differs from the last report; else null. */
  downChanged(state: NodeState): NodeState | null {
    if (this.last !== null && sameNodeState(state, this.last)) return null;
    this.last = state;
    return state;
  }

  /** The current state of an up node as a new object, without reporting it (for views). */
  current(raw: RawNode, snapshotIndex: number): NodeState {
    return upNodeState(raw.observer, raw.basicStatus(), { ...this.extras, snapshotIndex });
  }

  /**
   * The mirror, rewritten to `status`; its progress copied too only with `copyProgress`
   * (a leader's mirror keeps its earlier copy otherwise, to be recopied when needed).
   */
  private rewriteMirror(
    obs: NodeObserver,
    status: LightStatus,
    version: number,
    copyProgress: boolean,
  ): NodeState {
    const extras = this.extras;
    const mirror = this.mirror;
    const progressCopied = obs === this.mirrorObserver && version === this.mirrorVersion;
    if (copyProgress || mirror === null) {
      this.mirrorObserver = obs;
      this.mirrorVersion = version;
    }
    if (mirror === null) {
      this.mirror = upNodeState(obs, status, extras, this.copier);
      this.mirrorPeers = this.copier.peers;
      return this.mirror;
    }
    mirror.up = true;
    mirror.role = status.role;
    mirror.term = status.term;
    mirror.vote = status.vote;
    mirror.leader = status.leader;
    mirror.commit = status.commit;
    mirror.applied = status.applied;
    mirror.lastIndex = status.lastIndex;
    mirror.snapshotIndex = extras.snapshotIndex;
    mirror.voter = status.voter;
    mirror.timerStart = extras.timerStart;
    mirror.timerEnd = extras.timerEnd;
    if (status.role !== 'leader') {
      mirror.progress = null;
    } else if (mirror.progress !== null && (progressCopied || !copyProgress)) {
      // The same progress as when the mirror's copy was written.
    } else if (mirror.progress === null || !this.copier.rewrite(obs, mirror.progress, this.mirrorPeers)) {
      mirror.progress = this.copier.copyFrom(obs);
      this.mirrorPeers = this.copier.peers;
    }
    return mirror;
  }

  /**
   * The election timer as the UI draws it: it fires at the tick where electionElapsed
   * reaches the randomized timeout (§5.2). Deferred ticks advance `nextTickAt` and
   * `electionElapsed` together, so this is the same whether or not they were made up.
   */
  private updateTimer(status: LightStatus, nextTickAt: number): void {
    if (status.role === 'leader') return this.clearTimer();
    const timeout = status.randomizedElectionTimeout;
    const timerEnd = nextTickAt + (timeout - status.electionElapsed - 1) * this.tickUs;
    this.timerEnd = timerEnd;
    this.extras.timerEnd = timerEnd;
    this.extras.timerStart = timerEnd - timeout * this.tickUs;
  }
}
