/**
 * A simulated node's logical clock, with lazy ticks. The clock ticks at
 * `phase + k * tickUs`; `nextTickAt` is the first of those not yet fed to the RawNode.
 * Ticks that only count (see `RawNode.ticksUntilDue`) are not events: they are made up
 * in `catchUp` before any other input, and one wake-up is scheduled for the first tick
 * that may act.
 *
 * Invariant: while the node is up, every tick at or before `now` that may act has been fed.
 */
import type { NodeId, RawNode } from '@raftlab/raft';
import type { NodeHost } from './node';

export class NodeClock {
  /** The first tick time not yet fed to the core. */
  nextTickAt: number;
  /** Time of the pending wake-up (Infinity: none); a wake-up whose token is stale is ignored. */
  private wakeAt = Infinity;
  /**
   * Time of the first tick that may act, as the core said after the last input (Infinity:
   * none will). Until then every tick only counts, so catching up needs no question to
   * the core: every input ends with `scheduleWake`, which sets it, and nothing between
   * two inputs changes the core's timers.
   */
  private dueTickAt = Infinity;
  private wakeToken = 0;

  constructor(
    private readonly id: NodeId,
    private readonly tickUs: number,
    /** Offset of this node's ticks in [0, tickUs): fixed, so nodes never tick in lockstep. */
    private readonly phase: number,
    private readonly host: Pick<NodeHost, 'now' | 'scheduleTick'>,
  ) {
    this.nextTickAt = this.firstTickAfter(host.now() - 1);
  }

  /** The wake-up of `token` has come: false when a later one superseded it. */
  woken(token: number): boolean {
    if (token !== this.wakeToken) return false;
    this.wakeAt = Infinity;
    return true;
  }

  /**
   * Feeds `raw` every tick up to now: the ones that only count in one `skipTicks`, and
   * the due one, if it has come, as a real `tick()`.
   */
  catchUp(raw: RawNode): void {
    const now = this.host.now();
    if (this.nextTickAt > now) return;
    const tickUs = this.tickUs;
    let owed = Math.floor((now - this.nextTickAt) / tickUs) + 1;
    const lastOwed = this.nextTickAt + (owed - 1) * tickUs;
    this.nextTickAt = lastOwed + tickUs;
    // Usually none of them is due: one skip (which the core checks), no question asked.
    if (lastOwed < this.dueTickAt) return raw.skipTicks(owed);
    while (owed > 0) {
      const due = raw.ticksUntilDue();
      if (owed < due) return raw.skipTicks(owed);
      raw.skipTicks(due - 1);
      raw.tick();
      owed -= due;
    }
  }

  /** Schedules a wake-up for the first tick that may act, if it is earlier than the pending one. */
  scheduleWake(raw: RawNode): void {
    const ticks = raw.ticksUntilDue();
    if (ticks === Infinity) {
      this.dueTickAt = Infinity;
      return;
    }
    const at = this.nextTickAt + (ticks - 1) * this.tickUs;
    this.dueTickAt = at;
    if (this.wakeAt <= at) return;
    this.wakeAt = at;
    this.host.scheduleTick(this.id, at, ++this.wakeToken);
  }

  /** The node crashed: its pending wake-up is void. */
  stop(): void {
    this.wakeAt = Infinity;
    this.wakeToken++;
  }

  /** The node restarts: ticks resume on its phase, strictly after now (a crashed clock stood still). */
  restart(): void {
    this.nextTickAt = this.firstTickAfter(this.host.now());
  }

  /** The first of this node's tick times strictly after `t`. */
  private firstTickAfter(t: number): number {
    const tickUs = this.tickUs;
    const k = Math.floor((t - this.phase) / tickUs) + 1;
    return Math.max(this.phase, this.phase + k * tickUs);
  }
}
