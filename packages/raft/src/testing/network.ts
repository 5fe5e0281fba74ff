/**
 * A tiny deterministic cluster for tests: RawNodes over MemoryStorages and one
 * message queue that the test delivers explicitly (all of it, one message, or
 * with drops). Each node's Ready is handled at once in the order the RawNode doc
 * prescribes, so storage always holds what the node has acknowledged.
 */
import { RawNode } from '../rawnode';
import { MemoryStorage } from '../storage';
import type { ConfChange, Config, Entry, Message, NodeId, ReadState, Snapshot } from '../types';

/** mulberry32: a seeded PRNG, so every test run draws the same timeouts. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type NetworkOptions = Partial<Omit<Config, 'id' | 'voters'>> & { seed?: number };

export class Network {
  readonly ids: NodeId[];
  readonly nodes = new Map<NodeId, RawNode>();
  readonly storages = new Map<NodeId, MemoryStorage>();
  /** Committed entries each node has applied since it (re)started. */
  readonly applied = new Map<NodeId, Entry[]>();
  /** Confirmed reads each node was handed since it (re)started. */
  readonly readStates = new Map<NodeId, ReadState[]>();
  /** The last snapshot each node restored from a leader, if any. */
  readonly restored = new Map<NodeId, Snapshot>();
  queue: Message[] = [];
  /** Links that drop messages, as "from-to". */
  private readonly cut = new Set<string>();
  private readonly options: NetworkOptions;
  private readonly random: () => number;

  constructor(ids: NodeId[], options: NetworkOptions = {}) {
    this.ids = [...ids].sort((a, b) => a - b);
    this.options = options;
    this.random = options.random ?? seededRandom(options.seed ?? 1);
    for (const id of this.ids) {
      this.storages.set(id, new MemoryStorage({ voters: this.ids }));
      this.start(id);
    }
  }

  node(id: NodeId): RawNode {
    const n = this.nodes.get(id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  /**
   * Starts a brand-new server `id` that is in nobody's configuration yet: an empty
   * storage and no voters, so it waits for a leader to add it (thesis §4).
   */
  addNode(id: NodeId): void {
    if (this.nodes.has(id)) throw new Error(`node ${id} exists`);
    this.ids.push(id);
    this.ids.sort((a, b) => a - b);
    this.storages.set(id, new MemoryStorage());
    this.start(id);
  }

  /** Crash (losing everything not persisted, including queued messages to it) and restart. */
  restart(id: NodeId): void {
    this.queue = this.queue.filter((m) => m.to !== id && m.from !== id);
    this.start(id);
  }

  private start(id: NodeId): void {
    const storage = this.storages.get(id)!;
    this.nodes.set(
      id,
      new RawNode({ electionTick: 10, heartbeatTick: 1, ...this.options, random: this.random, id }, storage),
    );
    this.applied.set(id, []);
    this.readStates.set(id, []);
    this.process(id);
  }

  /** Handles every pending Ready of `id`: persist, enqueue messages, apply, advance. */
  process(id: NodeId): void {
    const node = this.node(id);
    const storage = this.storages.get(id)!;
    while (node.hasReady()) {
      // The hosts' shortcut, checked as it is taken: messages may leave on their own
      // only if nothing else (to persist first, or to apply) is pending with them.
      const only = node.observer.readyMessagesOnly();
      if (only !== null) {
        if (node.hasReady()) throw new Error('readyMessagesOnly left part of the Ready behind');
        for (const m of only) if (!this.cut.has(`${m.from}-${m.to}`)) this.queue.push(m);
        continue;
      }
      const rd = node.ready();
      if (rd.hardState) storage.setHardState(rd.hardState);
      if (rd.snapshot) {
        storage.applySnapshot(rd.snapshot);
        this.restored.set(id, rd.snapshot);
      }
      storage.append(rd.entries);
      for (const m of rd.messages) {
        if (!this.cut.has(`${m.from}-${m.to}`)) this.queue.push(m);
      }
      this.applied.get(id)!.push(...rd.committedEntries);
      this.readStates.get(id)!.push(...rd.readStates);
      node.advance(rd);
    }
  }

  tick(id: NodeId, times = 1): void {
    for (let i = 0; i < times; i++) {
      this.node(id).tick();
      this.process(id);
    }
  }

  campaign(id: NodeId): void {
    this.node(id).campaign();
    this.process(id);
  }

  propose(id: NodeId, data: string) {
    const result = this.node(id).propose(data);
    this.process(id);
    return result;
  }

  readIndex(id: NodeId, requestId: string) {
    const result = this.node(id).readIndex(requestId);
    this.process(id);
    return result;
  }

  transferLeader(id: NodeId, to: NodeId) {
    const result = this.node(id).transferLeader(to);
    this.process(id);
    return result;
  }

  proposeConfChange(id: NodeId, change: ConfChange) {
    const result = this.node(id).proposeConfChange(change);
    this.process(id);
    return result;
  }

  /** Snapshots `id`'s state at its applied index and drops the log up to there (§7). */
  compact(id: NodeId, data: string): Snapshot {
    const status = this.node(id).status();
    const storage = this.storages.get(id)!;
    const snap = storage.createSnapshot(status.applied, this.node(id).confStateAt(status.applied), data);
    storage.compact(status.applied);
    return snap;
  }

  /** Delivers the queued message at `index` (default: the oldest). */
  deliverOne(index = 0): Message | undefined {
    const [m] = this.queue.splice(index, 1);
    if (!m) return undefined;
    if (this.cut.has(`${m.from}-${m.to}`)) return m;
    this.node(m.to).step(m);
    this.process(m.to);
    return m;
  }

  /** Drops the queued message at `index`. */
  dropOne(index = 0): void {
    this.queue.splice(index, 1);
  }

  /** Delivers messages in FIFO order until the queue is empty (bounded against livelock). */
  deliverAll(limit = 10_000): void {
    for (let i = 0; i < limit && this.queue.length > 0; i++) this.deliverOne();
    if (this.queue.length > 0) throw new Error('deliverAll: message storm');
  }

  /** Drops all traffic between `id` and everyone else. */
  isolate(id: NodeId): void {
    for (const other of this.ids) {
      if (other === id) continue;
      this.cut.add(`${id}-${other}`);
      this.cut.add(`${other}-${id}`);
    }
  }

  /** Drops traffic between the two groups. */
  partition(a: NodeId[], b: NodeId[]): void {
    for (const x of a) {
      for (const y of b) {
        this.cut.add(`${x}-${y}`);
        this.cut.add(`${y}-${x}`);
      }
    }
  }

  heal(): void {
    this.cut.clear();
  }

  /** Whether the link from `from` to `to` is down. */
  isCut(from: NodeId, to: NodeId): boolean {
    return this.cut.has(`${from}-${to}`);
  }

  /** Drops traffic from `from` to `to` only. */
  cutOneWay(from: NodeId, to: NodeId): void {
    this.cut.add(`${from}-${to}`);
  }

  /** Ids of nodes that currently believe they lead. */
  leaders(): NodeId[] {
    return this.ids.filter((id) => this.node(id).status().role === 'leader');
  }

  /** The persisted log of `id`, entries 1..lastIndex. */
  log(id: NodeId): Entry[] {
    const s = this.storages.get(id)!;
    return s.entries(s.firstIndex(), s.lastIndex() + 1);
  }
}
