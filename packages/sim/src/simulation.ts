/**
 * Theory of operation
 * ===================
 *
 * A `Simulation` is a discrete-event simulator of one Raft cluster. Virtual time is an
 * integer number of microseconds; nothing here reads a clock, and every random choice
 * comes from one seeded PRNG (`Random`) split into fixed streams at construction:
 * one per node (its RawNode's `config.random`), one for network/client latency, one for
 * restarts. Everything that will happen is a task on one `EventQueue`, ordered by
 * (time, insertion sequence): a node's wake-up for a tick, a message's delivery, client
 * traffic (tasks.ts).
 *
 * Processing a task may call into a node (tick/step/propose/campaign); the node drains
 * its `Ready`s (persist → send → apply → advance, see node.ts), which schedules more
 * tasks. Every observable change is emitted as a `SimEvent` with the virtual time `t`
 * and a run-wide sequence number `seq` (event_stream.ts).
 *
 * Membership changes (thesis §4) are inputs too (membership.ts); `config.nodes` is the
 * current number of nodes, the trace keeps the configuration the run started with.
 *
 * Inputs (crash, partition, client invocations, ...) come from outside between tasks.
 * Each is applied at once and recorded with the current time and the number of tasks
 * processed so far (`afterEvents`). Because the run is a pure function of the seed, the
 * config and the inputs at those exact points, `Simulation.replay(trace)` re-creates it
 * event for event, even when inputs were applied between two tasks of the same instant.
 *
 * Invariant: `now` never decreases, and every queued task has time >= now.
 */
import { bindTo, type ConfChangeResult, type Message, type NodeId } from '@raftlab/raft';
import { Clients, type ClientEvent } from './client';
import { CommandCache } from './kv';
import { nodeViews } from './node_views';
import { validateInput } from './input_validation';
import { applyInput, type InputTargets } from './inputs';
import { findInFlight } from './message_control';
import { clone } from './clone';
import { checkReplayPoint, playTrace, Recording, unstamped } from './recording';
import { EventStream } from './event_stream';
import { ClusterMembership } from './membership';
import { Network } from './network';
import { SimNode, nodeIds, type NodeHost } from './node';
import { EventQueue } from './queue';
import { TICK_TAG, messagesInFlight, type ClientTask, type Task, type TickTask } from './tasks';
import { Random } from './random';
import { DEFAULT_SIM_CONFIG, MAX_NODES, type NodeState, type SimulationOptions } from './types';
import type {
  ClusterView,
  HistoryOp,
  Input,
  InputBody,
  KvOp,
  LatencyRange,
  MessageInFlight,
  OpStage,
  SimConfig,
  SimEvent,
  Trace,
} from './types';

export type { SimulationOptions } from './types';

export class Simulation {
  /** The configuration in effect; `nodes` grows with `add-node`. */
  readonly config: SimConfig;
  private readonly host: NodeHost;
  private clock = 0;
  private processed = 0;
  private readonly queue = new EventQueue<Task>();
  private readonly nodes: SimNode[] = [];
  private readonly network: Network;
  private readonly latencyRandom: Random;
  private readonly clients: Clients;
  private readonly restartRandom: Random;
  private readonly recording: Recording;
  private readonly events: EventStream;
  private readonly members: ClusterMembership;
  private readonly targets: InputTargets;

  constructor(config: Partial<SimConfig> = {}, options: SimulationOptions = {}) {
    this.config = clone({ ...DEFAULT_SIM_CONFIG, ...config });
    this.recording = new Recording(clone(this.config));
    const { nodes: n, tickUs } = this.config;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`nodes must be a positive integer, got ${n}`);
    if (n > MAX_NODES) throw new RangeError(`at most ${MAX_NODES} nodes, got ${n}`);
    const master = new Random(this.config.seed);
    const ids = nodeIds(n);
    this.network = new Network(ids);
    const commands = new CommandCache();
    const events = new EventStream(bindTo(this, this.currentTime));
    this.events = events;
    // The order of draws from `master` is part of every recorded trace: keep it.
    const nodeRandoms = ids.map(() => master.fork().asFunction());
    this.latencyRandom = master.fork();
    this.restartRandom = master.fork();
    // Fixed phase offsets keep the nodes from ticking in lockstep.
    const phases = ids.map(() => master.int(0, tickUs - 1));
    // Every function the parts keep is a method bound with bindTo, never a closure, so
    // that a deep copy of the whole simulation (the timeline's checkpoints) acts on itself.
    this.clients = new Clients({
      config: this.config,
      now: bindTo(this, this.currentTime),
      latency: bindTo(this, this.latency),
      schedule: bindTo(this, this.scheduleClient),
      emit: bindTo(events, events.emit),
      skip: bindTo(events, events.skip),
      node: bindTo(this, this.node),
      commands,
    });
    this.host = {
      now: bindTo(this, this.currentTime),
      emit: bindTo(events, events.emit),
      stateObserved: bindTo(events, events.isObserved),
      stateChanged: bindTo(events, events.stateChanged),
      send: bindTo(this, this.send),
      applied: bindTo(this.clients, this.clients.applied),
      readReady: bindTo(this.clients, this.clients.readReady),
      scheduleTick: bindTo(this, this.scheduleTick),
      verifyReports: options.verifyReports ?? false,
      commands,
    };
    for (const id of ids) this.createNode(nodeRandoms[id - 1], phases[id - 1], ids);
    this.members = new ClusterMembership(this.nodes, bindTo(this, this.createJoiningNode));
    this.targets = {
      node: bindTo(this, this.node),
      clients: this.clients,
      network: this.network,
      events,
      members: this.members,
      restartRandom: bindTo(this, this.forkRestartRandom),
      wire: {
        queue: this.queue,
        events,
        now: bindTo(this, this.currentTime),
        transmit: bindTo(this, this.transmit),
        latency: bindTo(this, this.latency),
        qualityFor: bindTo(this.network, this.network.qualityFor),
        deliver: bindTo(this, this.deliver),
        forget: bindTo(this.network, this.network.take),
      },
    };
  }

  private currentTime(): number {
    return this.clock;
  }

  private scheduleTick(node: NodeId, at: number, token: number): void {
    this.queue.push(at, { kind: 'tick', node, token }, TICK_TAG);
  }

  private scheduleClient(at: number, event: ClientEvent): void {
    this.queue.push(at, { kind: 'client', event });
  }

  /** A random source for a restarted or added node: a fork, so it shifts no other draws. */
  private forkRestartRandom(): () => number {
    return this.restartRandom.fork().asFunction();
  }

  /** A node added by a membership change: no bootstrap configuration, a phase of its own. */
  private createJoiningNode(): SimNode {
    return this.createNode(this.forkRestartRandom(), this.restartRandom.int(0, this.config.tickUs - 1), []);
  }

  /**
   * Node n+1 over an empty storage with `voters` as its bootstrap configuration (none for
   * a node added by a membership change), joined to the network; reports its first state.
   */
  private createNode(random: () => number, phase: number, voters: NodeId[]): SimNode {
    const id = this.nodes.length + 1;
    const node = new SimNode(id, this.config, this.host, random, phase, voters);
    this.nodes.push(node);
    this.config.nodes = this.nodes.length;
    this.network.addNode(id);
    if (voters.length === 0) this.events.emit({ type: 'node-added', node: id });
    node.emitStateIfChanged();
    return node;
  }

  /**
   * Re-creates a recorded run: same config and seed, each input at the same point.
   * `listener`, if given, is subscribed before the first event is processed.
   */
  static replay(trace: Trace, listener?: (e: SimEvent) => void, options?: SimulationOptions): Simulation {
    const sim = new Simulation(trace.config, options);
    if (listener) sim.onEvent(listener);
    playTrace(sim, trace, bindTo(sim, sim.step));
    return sim;
  }

  /**
   * Re-applies one input of a trace at exactly its recorded point. The caller has run
   * the simulation to `input.afterEvents` processed events; this moves the clock to
   * `input.at` and applies it. Lets a live viewer watch a trace unfold in real time.
   */
  applyRecorded(input: Input): void {
    checkReplayPoint(input, this.processed, this.clock, this.queue.peekTime());
    this.clock = input.at;
    this.input(unstamped(input));
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

  /** The recorded inputs from number `from` on; never changed (deep_copy.ts): read them only. */
  recordedInputs(from = 0): readonly Input[] {
    return this.recording.from(from);
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
    const inFlight = (id: number) => findInFlight(this.queue, id) !== undefined;
    validateInput(body, this.nodes.length, bindTo(this, this.node), inFlight);
    const recorded = this.recording.record(body, this.clock, this.processed);
    applyInput(this.targets, body, recorded);
  }

  /**
   * Adds node n+1 and proposes it as a voter at the leader; returns its id and the
   * core's answer (null when there was no leader to ask). Retrying is the caller's job.
   */
  addNode(): { node: NodeId; result: ConfChangeResult | null } {
    this.input({ kind: 'add-node' });
    return { node: this.nodes.length, result: this.members.lastResult };
  }

  /** Proposes removing `node` at the leader; the core's answer, or null without a leader. */
  removeNode(node: NodeId): ConfChangeResult | null {
    this.input({ kind: 'remove-node', node });
    return this.members.lastResult;
  }

  /** See `ClusterMembership.blocker`. */
  confChangeBlocker(): string | null {
    return this.members.blocker();
  }

  /** The membership (voters, learners) the leader currently works with, or null without a leader. */
  membership(): { voters: NodeId[]; learners: NodeId[] } | null {
    return this.members.current();
  }

  /** A client id no operation has used yet (see `Clients.freshClientId`). */
  freshClientId(): number {
    return this.clients.freshClientId();
  }

  /** Invokes a client operation now; returns its opId. */
  invoke(clientId: number, op: KvOp): number {
    const opId = this.recording.nextOp;
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
    if (tag > 0) this.deliver(item as MessageInFlight, tag);
    else if (tag === TICK_TAG) {
      const tick = item as TickTask;
      this.node(tick.node).tickDue(tick.token);
    } else this.clients.handle((item as ClientTask).event);
    return true;
  }

  nextEventTime(): number | null {
    return this.queue.peekTime();
  }

  /** The message with this id on the wire (a copy), if it is there. */
  message(id: number): MessageInFlight | undefined {
    const flight = findInFlight(this.queue, id);
    return flight && { ...flight, msg: clone(flight.msg) };
  }

  /** Whether node `id` runs; throws for an unknown id. Unlike `view()`, copies nothing. */
  isUp(id: NodeId): boolean {
    return this.node(id).up;
  }

  /** The links that are not perfect, as in `view()`, without copying every node's log. */
  linkQualities(): ClusterView['linkQualities'] {
    return this.network.linkQualities();
  }

  /** The up node that is leader with the highest term; 0 if none. */
  leader(): NodeId | 0 {
    return this.members.leader();
  }

  /**
   * The fullest node's store: its keys, and its keys' and values' lengths summed. The
   * server bounds a cluster's store by it (LIMITS.maxKeysPerCluster, maxStoreLength).
   */
  storeSize(): { keys: number; length: number } {
    let keys = 0;
    let length = 0;
    for (const node of this.nodes) {
      const size = node.kv.size;
      keys = Math.max(keys, size.keys);
      length = Math.max(length, size.length);
    }
    return { keys, length };
  }

  /** The longest `key` + value any node stores under `key` (0: none stores it). */
  storedLength(key: string): number {
    let longest = 0;
    for (const node of this.nodes) {
      const value = node.kv.get(key);
      if (value !== null) longest = Math.max(longest, key.length + value.length);
    }
    return longest;
  }

  /** What a lesson's conditions read, without copying each log and table as `view()` does. */
  glance(): Pick<ClusterView, 'messages' | 'linksDown' | 'violations'> & { nodes: NodeState[] } {
    const nodes = this.nodes.map((node) => node.state());
    const linksDown = this.network.linksDown();
    return { nodes, messages: messagesInFlight(this.queue), linksDown, violations: this.events.evidence() };
  }

  view(): ClusterView {
    const messages = messagesInFlight(this.queue);
    return {
      now: this.clock,
      config: clone(this.config),
      nodes: nodeViews(this.nodes, messages, this.clients.pendingClients(), this.host.commands),
      linksDown: this.network.linksDown(),
      messages,
      linkQualities: this.network.linkQualities(),
      violations: this.events.evidence(),
    };
  }

  trace(): Trace {
    return this.recording.trace(this.processed);
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

  /** One latency sample. */
  private latency(range: LatencyRange = this.config.latency): number {
    return this.latencyRandom.int(range.minUs, range.maxUs);
  }

  /** Puts a message on the wire; loss and duplication draw only on imperfect links. */
  // The wire stays in this class: see docs/performance.md#the-message-wire
  private send(msg: Message): void {
    const quality = this.network.qualityFor(msg);
    const range = quality.latency ?? this.config.latency;
    const lost = quality.loss > 0 && this.latencyRandom.next() < quality.loss;
    this.transmit(msg, this.latency(range), lost);
    if (quality.duplicate > 0 && this.latencyRandom.next() < quality.duplicate) {
      this.transmit(msg, this.latency(range), false);
    }
  }

  private transmit(msg: Message, latencyUs: number, lost: boolean): void {
    const flight = this.network.send(msg, this.clock, latencyUs, lost);
    this.queue.push(flight.deliverAt, flight, msg.to);
    // Messages are immutable once the core hands them out (its contract), and so is a
    // flight once on the wire, so the event shares the object instead of copying it.
    if (!this.events.skip('message-sent')) this.events.emit({ type: 'message-sent', message: flight });
  }

  /** Delivers `flight` to node `to` (its message's `to`, kept by the queue: see TICK_TAG). */
  private deliver(flight: MessageInFlight, to: NodeId): void {
    const id = flight.id;
    const taken = this.network.take(id);
    const msg = flight.msg;
    const node = this.nodes[to - 1];
    const events = this.events;
    // Decided at delivery time: cutting a link kills what is already travelling on it.
    if (taken === 'lost') {
      events.emit({ type: 'message-dropped', id, reason: 'loss' });
    } else if (!this.network.carries(msg)) {
      events.emit({ type: 'message-dropped', id, reason: 'link-down' });
    } else if (!node.up) {
      events.emit({ type: 'message-dropped', id, reason: 'node-down' });
    } else {
      if (!events.skip('message-delivered')) events.emit({ type: 'message-delivered', id });
      node.step(msg);
    }
  }
}
