/// <reference types="node" />
/**
 * Throughput of the Raft core in memory, for the shapes others publish (etcd's
 * BenchmarkOneNode, CockroachDB's RawNode benchmark, openraft's bench cluster):
 *   - one voter proposing and committing, in ns per proposal;
 *   - two and three voters in one process, in ns per committed proposal;
 *   - a 3-node cluster with 1, 64 and 256 clients, each with one put outstanding at a
 *     time, in committed puts per second.
 * The driver follows the Ready contract (persist, send, apply, advance) with
 * MemoryStorage and a FIFO inbox per node, and compacts each log every 10,000
 * applied entries as a real deployment would (§7), so memory stays bounded. Each
 * shape runs 5 times; the median is reported, printed as a table and written to
 * bench-results/raft.json.
 *
 * Run: npm run bench -w @raftlab/raft
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStorage, RawNode, type Message, type NodeId } from '../src';

const RUNS = 5;
/** Compact a node's log once this many applied entries are behind the snapshot, keeping a tail. */
const COMPACT_EVERY = 10_000;
const COMPACT_KEEP = 1_000;
/** BENCH_SCALE=0.1 runs a tenth of the operations, for a quick look. */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ops = (n: number) => Math.max(1, Math.round(n * SCALE));

interface Result {
  name: string;
  unit: 'ns/op' | 'puts/s';
  median: number;
  runs: number[];
}

/** An in-memory cluster driven by the Ready loop. */
class Cluster {
  readonly nodes: RawNode[] = [];
  private readonly storages: MemoryStorage[] = [];
  private readonly applied: number[] = [];
  private readonly voters: NodeId[];
  private inbox: Message[] = [];
  /** Called with the index of every entry the leader (node 1) applies. */
  onApply: (index: number) => void = () => {};

  constructor(size: number) {
    const voters = Array.from({ length: size }, (_, i) => i + 1);
    this.voters = voters;
    for (const id of voters) {
      this.applied.push(0);
      const storage = new MemoryStorage({ voters });
      this.storages.push(storage);
      this.nodes.push(
        new RawNode(
          {
            id,
            electionTick: 10,
            heartbeatTick: 1,
            random: () => 0.5,
            maxInflight: 4096,
            maxEntriesPerMessage: 4096,
          },
          storage,
        ),
      );
    }
    this.nodes[0].campaign();
    this.run();
  }

  /** Handles Readies and delivers messages until the cluster is quiet. */
  run(): void {
    for (;;) {
      for (let i = 0; i < this.nodes.length; i++) this.process(i);
      if (this.inbox.length === 0) return;
      const batch = this.inbox;
      this.inbox = [];
      for (const m of batch) this.nodes[m.to - 1].step(m);
    }
  }

  propose(data: string): number {
    const r = this.nodes[0].propose(data);
    if (!r.ok) throw new Error(r.error);
    return r.index;
  }

  private process(i: number): void {
    const node = this.nodes[i];
    const storage = this.storages[i];
    while (node.hasReady()) {
      const rd = node.ready();
      if (rd.hardState) storage.setHardState(rd.hardState);
      if (rd.entries.length > 0) storage.append(rd.entries);
      for (const m of rd.messages) this.inbox.push(m);
      if (i === 0) for (const e of rd.committedEntries) this.onApply(e.index);
      if (rd.committedEntries.length > 0)
        this.applied[i] = rd.committedEntries[rd.committedEntries.length - 1].index;
      node.advance(rd);
    }
    const upTo = this.applied[i] - COMPACT_KEEP;
    if (upTo - storage.firstIndex() >= COMPACT_EVERY) {
      storage.createSnapshot(upTo, { voters: this.voters, learners: [] }, '');
      storage.compact(upTo);
    }
  }
}

/** ns per proposal, each proposed and committed before the next. */
function proposeAndCommit(size: number, ops: number): number {
  const cluster = new Cluster(size);
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    cluster.propose('x');
    cluster.run();
  }
  return ((performance.now() - start) * 1e6) / ops;
}

/** Committed puts per second with `clients` puts outstanding at any time. */
function concurrentClients(clients: number, puts: number): number {
  const cluster = new Cluster(3);
  const waiting = new Map<number, NodeId>();
  let done = 0;
  let ready: NodeId[] = Array.from({ length: clients }, (_, i) => i + 1);
  cluster.onApply = (index) => {
    const client = waiting.get(index);
    if (client === undefined) return;
    waiting.delete(index);
    done++;
    ready.push(client);
  };
  const start = performance.now();
  while (done < puts) {
    const batch = ready;
    ready = [];
    for (const client of batch) waiting.set(cluster.propose(`put k${client} v`), client);
    cluster.run();
  }
  return done / ((performance.now() - start) / 1000);
}

/** BENCH_ONLY=clients runs only the shapes whose name contains it. */
const ONLY = process.env.BENCH_ONLY;

function measure(name: string, unit: Result['unit'], fn: () => number): Result | undefined {
  if (ONLY !== undefined && !name.includes(ONLY)) return undefined;
  fn(); // warm-up
  const runs = Array.from({ length: RUNS }, fn);
  const median = [...runs].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return { name, unit, median, runs };
}

const results = [
  measure('1 voter: propose + commit', 'ns/op', () => proposeAndCommit(1, ops(200_000))),
  measure('2 voters in memory: propose + commit', 'ns/op', () => proposeAndCommit(2, ops(50_000))),
  measure('3 voters in memory: propose + commit', 'ns/op', () => proposeAndCommit(3, ops(50_000))),
  measure('3-node cluster, 1 client', 'puts/s', () => concurrentClients(1, ops(50_000))),
  measure('3-node cluster, 64 clients', 'puts/s', () => concurrentClients(64, ops(500_000))),
  measure('3-node cluster, 256 clients', 'puts/s', () => concurrentClients(256, ops(1_000_000))),
].filter((r) => r !== undefined);

const format = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`${'shape'.padEnd(40)} ${'median'.padStart(12)}  unit     runs`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(40)} ${format(r.median).padStart(12)}  ${r.unit.padEnd(7)}  ${r.runs.map(format).join(' ')}`,
  );
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench-results', 'raft.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2)}\n`);
console.log(`\nwrote ${out}`);
