/**
 * Theory of operation
 * ===================
 *
 * A `Simulation` is a discrete-event simulator of one Raft cluster. Virtual time is an
 * integer number of microseconds; nothing here reads a clock, and every random choice
 * comes from one seeded PRNG (`Random`) split into fixed streams at construction:
 * one per node (its RawNode's `config.random`), one for network/client latency, one for
 * restarts. Everything that will happen is a task on one `EventQueue`, ordered by
 * (time, insertion sequence):
 *
 *   - `tick`     a node's wake-up for its next Raft tick that may act. A node's clock
 *                ticks every `tickUs` at a fixed per-node phase, but ticks that only
 *                count are made up lazily before the node's next input (node.ts), so
 *                an idle cluster costs a few events per election timeout, not one per
 *                node per tick;
 *   - delivery   a Raft message reaching its destination (or being dropped there): the
 *                `MessageInFlight` itself, which is also how `view()` lists the wire;
 *   - `client`   client traffic and timers (see client.ts).
 *
 * Processing a task may call into a node (tick/step/propose/campaign); the node drains
 * its `Ready`s (persist → send → apply → advance, see node.ts), which schedules more
 * tasks. Every observable change is emitted as a `SimEvent` with the virtual time `t`
 * and a run-wide sequence number `seq` (event_stream.ts).
 *
 * Membership (thesis §4): `add-node` creates node n+1 with an empty storage and no
 * configuration, joins it to the network and proposes adding it at the leader; the
 * node list only grows (a removed node stays, outside the configuration). `config.nodes`
 * is the current number of nodes; the trace keeps the configuration the run started with.
 *
 * Inputs (crash, partition, client invocations, ...) come from outside between tasks.
 * Each is applied at once and recorded with the current time and the number of tasks
 * processed so far (`afterEvents`). Because the run is a pure function of the seed, the
 * config and the inputs at those exact points, `Simulation.replay(trace)` re-creates it
 * event for event, even when inputs were applied between two tasks of the same instant.
 *
 * Invariant: `now` never decreases, and every queued task has time >= now.
 */
import type { ConfChange, ConfChangeResult, Message, NodeId } from '@raftlab/raft';
import { Clients } from './client';
import { CommandCache } from './kv';
import { validateInput } from './input_validation';
import { clone } from './clone';
import { EventStream } from './event_stream';
import { Network } from './network';
import { Wire } from './wire';
import type { LinkChange } from './network';
import { SimNode, nodeIds } from './node';
import { EventQueue } from './queue';
import { TICK_TAG } from './tasks';
import type { ClientTask, Task, TickTask } from './tasks';
import { Random } from './random';
import { DEFAULT_SIM_CONFIG, MAX_NODES } from './types';
import type {
  ClusterView,
  HistoryOp,
  Input,
  InputBody,
  KvOp,
  LatencyRange,
  MessageInFlight,
  NodeState,
  OpStage,
  SimConfig,
  SimEvent,
  SimEventBody,
  Trace,
} from './types';

/** How a simulation checks itself; unlike `SimConfig`, not part of the trace. */
export interface SimulationOptions {
  /**
   * Check every shortcut of the node-state reporter against the full comparison, and
   * throw on a disagreement (node_report.ts). Slower; tests turn it on.
   */
  verifyReports?: boolean;
}

export class Simulation {
  /** The configuration in effect; `nodes` grows with `add-node`. */
  readonly config: SimConfig;
  /** The configuration the run started with, as recorded in the trace. */
  private readonly initialConfig: SimConfig;
  /** The core's answer to the last membership change an input proposed, if any. */
  private lastConfChange: ConfChangeResult | null = null;
  private readonly host: ConstructorParameters<typeof SimNode>[2];
  private clock = 0;
  private processed = 0;
  private nextOpId = 1;
  private readonly queue = new EventQueue<Task>();
  private readonly nodes: SimNode[] = [];
  private readonly network: Network;
  private readonly wire: Wire;
  private readonly clients: Clients;
  private readonly restartRandom: Random;
  private readonly inputs: Input[] = [];
  private readonly events = new EventStream(() => this.clock);

  constructor(config: Partial<SimConfig> = {}, options: SimulationOptions = {}) {
    this.config = clone({ ...DEFAULT_SIM_CONFIG, ...config });
    this.initialConfig = clone(this.config);
    const { nodes: n, tickUs } = this.config;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`nodes must be a positive integer, got ${n}`);
    if (n > MAX_NODES) throw new RangeError(`at most ${MAX_NODES} nodes, got ${n}`);
    const master = new Random(this.config.seed);
    const ids = nodeIds(n);
    this.network = new Network(ids);
    const commands = new CommandCache();
    const events = this.events;
    const host = {
      now: () => this.clock,
      emit: (body: SimEventBody) => events.emit(body),
      stateObserved: () => events.observed,
      stateChanged: (state: NodeState, timerOrProgressOnly: boolean) =>
        events.stateChanged(state, timerOrProgressOnly),
      send: (msg: Message) => this.wire.send(msg, this.clock),
      applied: (...args: Parameters<Clients['applied']>) => this.clients.applied(...args),
      readReady: (...args: Parameters<Clients['readReady']>) => this.clients.readReady(...args),
      scheduleTick: (node: NodeId, at: number, token: number) =>
        this.queue.push(at, { kind: 'tick', node, token }, TICK_TAG),
      verifyReports: options.verifyReports ?? false,
      commands,
    };
    this.host = host;
    // The order of draws from `master` is part of every recorded trace: keep it.
    const nodeRandoms = ids.map(() => master.fork().asFunction());
    const wire = new Wire(this.config, this.network, this.queue, master.fork(), events, this.nodes);
    this.wire = wire;
    this.restartRandom = master.fork();
    // Fixed phase offsets keep the nodes from ticking in lockstep.
    const phases = ids.map(() => master.int(0, tickUs - 1));
    this.clients = new Clients({
      config: this.config,
      now: () => this.clock,
      latency: () => wire.latency(),
      schedule: (at, event) => this.queue.push(at, { kind: 'client', event }),
      emit: (body) => events.emit(body),
      skip: (type) => events.skip(type),
      node: (id) => this.node(id),
      commands,
    });
    for (const id of ids) {
      const node = new SimNode(id, this.config, host, nodeRandoms[id - 1], phases[id - 1]);
      this.nodes.push(node);
      node.emitStateIfChanged();
    }
  }

  /**
   * Re-creates a recorded run: same config and seed, each input at the same point.
   * `listener`, if given, is subscribed before the first event is processed.
   */
  static replay(trace: Trace, listener?: (e: SimEvent) => void, options?: SimulationOptions): Simulation {
    const sim = new Simulation(trace.config, options);
    if (listener) sim.onEvent(listener);
    for (const input of trace.inputs) {
      while (sim.processed < input.afterEvents) {
        if (!sim.step()) throw new Error(`replay: queue ran dry before input at event ${input.afterEvents}`);
      }
      sim.applyRecorded(input);
    }
    return sim;
  }

  /**
   * Re-applies one input of a trace at exactly its recorded point. The caller has run
   * the simulation to `input.afterEvents` processed events; this moves the clock to
   * `input.at` and applies it. Lets a live viewer watch a trace unfold in real time.
   */
  applyRecorded(input: Input): void {
    if (this.processed !== input.afterEvents) {
      throw new Error(`replay: input recorded after event ${input.afterEvents}, now at ${this.processed}`);
    }
    if (input.at < this.clock) throw new Error(`replay: input at ${input.at} is before now (${this.clock})`);
    const next = this.queue.peekTime();
    if (next !== null && next < input.at)
      throw new Error(`replay: input at ${input.at} skips an event at ${next}`);
    this.clock = input.at;
    const { at: _at, afterEvents: _afterEvents, ...body } = input;
    this.input(body as InputBody);
  }

  get now(): number {
    return this.clock;
  }

  /** Number of safety violations found so far. */
  get violations(): number {
    return this.events.violations;
  }

  /** Number of queue tasks processed so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /**
   * Subscribes `listener` to every event, called as it happens, in the middle of a task:
   * it may read and keep the event, but must not call back into the simulation (an
   * input there would land inside a task, where a trace cannot put it).
   */
  onEvent(listener: (e: SimEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  /** Applies an input now and records it in the trace; throws (recording nothing) on a bad node id. */
  input(body: InputBody): void {
    validateInput(body, this.nodes.length, (id) => this.node(id));
    // The copy is fresh, so it is completed in place: see docs/performance.md#events-in-place
    const recorded = clone(body) as Input;
    recorded.at = this.clock;
    recorded.afterEvents = this.processed;
    this.inputs.push(recorded);
    switch (body.kind) {
      case 'crash':
        this.clients.nodeCrashed(body.node);
        return this.node(body.node).crash();
      case 'restart': {
        const node = this.node(body.node);
        if (node.up) return;
        return node.restart(this.restartRandom.fork().asFunction());
      }
      case 'timeout':
        return this.node(body.node).campaign();
      case 'link':
        return this.linksChanged([this.network.setLink(body.from, body.to, body.up)]);
      case 'partition':
        return this.linksChanged(this.network.partition(body.groups));
      case 'heal':
        return this.linksChanged(this.network.heal());
      case 'link-quality':
        this.network.setQuality(body.from, body.to, body.quality);
        return this.events.emit({
          type: 'link-quality-changed',
          from: body.from,
          to: body.to,
          quality: clone(body.quality),
        });
      case 'invoke':
        this.nextOpId = Math.max(this.nextOpId, body.opId + 1);
        // The recorded copy of the op, normalised like every input, serves the clients
        // too: they only read it (and copy it into the history).
        return this.clients.invoke(body.opId, body.clientId, (recorded as typeof body).op);
      case 'transfer':
        this.node(body.from).transferLeader(body.to);
        return;
      case 'compact':
        return this.node(body.node).compact();
      case 'add-node':
        return this.addNodeNow();
      case 'remove-node':
        return this.changeMembership({ type: 'removeNode', node: body.node });
      case 'conf-change':
        return this.changeMembership(clone(body.change));
    }
  }

  /**
   * Adds node n+1 and proposes it as a voter at the leader; returns its id and the
   * core's answer (null when there was no leader to ask). Retrying is the caller's job.
   */
  addNode(): { node: NodeId; result: ConfChangeResult | null } {
    this.input({ kind: 'add-node' });
    return { node: this.nodes.length, result: this.lastConfChange };
  }

  /** Proposes removing `node` at the leader; the core's answer, or null without a leader. */
  removeNode(node: NodeId): ConfChangeResult | null {
    this.input({ kind: 'remove-node', node });
    return this.lastConfChange;
  }

  /**
   * Why the leader would refuse a membership change now ('no-leader', or the core's
   * code: 'conf-change-pending', 'term-not-committed', 'transferring'), or null.
   */
  confChangeBlocker(): string | null {
    const leader = this.leader();
    return leader === 0 ? 'no-leader' : this.node(leader).confChangeBlocker();
  }

  /** The membership (voters, learners) the leader currently works with, or null without a leader. */
  membership(): { voters: NodeId[]; learners: NodeId[] } | null {
    const leader = this.leader();
    const status = leader === 0 ? null : this.node(leader).status();
    return status === null ? null : status.confState;
  }

  private addNodeNow(): void {
    const id = this.nodes.length + 1;
    const random = this.restartRandom.fork().asFunction();
    const phase = this.restartRandom.int(0, this.config.tickUs - 1);
    const node = new SimNode(id, this.config, this.host, random, phase, []);
    this.nodes.push(node);
    this.config.nodes = this.nodes.length;
    this.network.addNode(id);
    this.events.emit({ type: 'node-added', node: id });
    node.emitStateIfChanged();
    this.changeMembership({ type: 'addVoter', node: id });
  }

  private changeMembership(change: ConfChange): void {
    const leader = this.leader();
    this.lastConfChange = leader === 0 ? null : this.node(leader).proposeConfChange(change);
  }

  /** Invokes a client operation now; returns its opId. */
  invoke(clientId: number, op: KvOp): number {
    const opId = this.nextOpId;
    this.input({ kind: 'invoke', opId, clientId, op });
    return opId;
  }

  /** Processes every task with time <= t, then sets now = t. */
  runUntil(t: number): void {
    for (;;) {
      const next = this.queue.peekTime();
      if (next === null || next > t) break;
      this.step();
    }
    if (t > this.clock) this.clock = t;
  }

  /** Processes exactly one task, advancing now to its time; false when the queue is empty. */
  step(): boolean {
    const time = this.queue.peekTime();
    if (time === null) return false;
    const item = this.queue.pop()!;
    const tag = this.queue.poppedTag;
    this.clock = time;
    this.processed++;
    if (tag > 0) this.wire.deliver(item as MessageInFlight, tag);
    else if (tag === TICK_TAG) {
      const tick = item as TickTask;
      this.node(tick.node).tickDue(tick.token);
    } else this.clients.handle((item as ClientTask).event);
    return true;
  }

  nextEventTime(): number | null {
    return this.queue.peekTime();
  }

  /** The up node that is leader with the highest term; 0 if none. */
  leader(): NodeId | 0 {
    let best: NodeId | 0 = 0;
    let bestTerm = -1;
    for (const node of this.nodes) {
      const status = node.basicStatus();
      if (status?.role === 'leader' && status.term > bestTerm) {
        best = node.id;
        bestTerm = status.term;
      }
    }
    return best;
  }

  view(): ClusterView {
    return {
      now: this.clock,
      config: clone(this.config),
      nodes: this.nodes.map((node) => ({ ...clone(node.state()), log: node.log(), kv: node.kv.toRecord() })),
      linksDown: this.network.linksDown(),
      messages: this.wire.inFlight(),
      linkQualities: this.network.linkQualities(),
      violations: this.events.evidence(),
    };
  }

  trace(): Trace {
    return { version: 1, config: clone(this.initialConfig), inputs: clone(this.inputs) };
  }

  /** Where each pending client operation is now (see `Clients.stages`). */
  opStages(): OpStage[] {
    return this.clients.stages();
  }

  /** The client history, oldest first; with `newest`, only that many of the latest operations. */
  history(newest?: number): HistoryOp[] {
    return this.clients.history(newest);
  }

  private node(id: NodeId): SimNode {
    const node = Number.isInteger(id) ? this.nodes[id - 1] : undefined;
    if (node === undefined) throw new RangeError(`no node ${id}`);
    return node;
  }

  private linksChanged(changes: Array<LinkChange | null>): void {
    for (const change of changes) {
      if (change !== null) this.events.emit({ type: 'link-changed', ...change });
    }
  }
}
