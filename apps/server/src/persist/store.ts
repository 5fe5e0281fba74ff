/**
 * The clusters on disk: one SQLite file (better-sqlite3, synchronous) holding what a
 * cluster is a pure function of — its config (with the seed) and its inputs at their
 * recorded points — plus where its clock stood and how it was set, and its owner (the
 * SHA-256 digest of the owner's token, never the token: live/access.ts). Nothing else is
 * stored: a restart replays each cluster (persistence.ts).
 *
 * Durability: WAL journal with `synchronous = NORMAL`. A committed transaction is in the
 * WAL file before the call returns, so it survives the process being killed (SIGKILL,
 * an out-of-memory kill, a crash); a power cut may lose the last transactions (SQLite's
 * documented trade-off for WAL + NORMAL). Backing up is copying the file while the
 * server is stopped, or `sqlite3 raftlab.db ".backup copy.db"` while it runs.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A cluster's row: everything about it but its inputs. */
export interface ClusterRecord {
  id: string;
  /** The SimConfig it started with, as JSON (the trace's `config`). */
  config: string;
  /** Events processed: a restart replays to here. */
  events: number;
  /** Virtual µs: the clock may stand past the last event (every event up to it processed). */
  now: number;
  speed: number;
  paused: boolean;
  pauseOnTrouble: boolean;
  /** The owner's token's digest (hex), and whether control is open to everyone. */
  owner: string;
  open: boolean;
  /** Lineage (protocol's Lineage), as JSON: the parent, and the branches. */
  parent: string | null;
  branches: string;
}

/** What changes of a cluster as it runs. */
export type ClockRecord = Omit<ClusterRecord, 'config' | 'parent' | 'owner'>;

/** A cluster as stored: its row and its inputs (JSON, in recorded order). */
export interface StoredCluster {
  record: ClusterRecord;
  inputs: string[];
}

/** Bumped when the tables change; an older file is refused rather than misread. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    config TEXT NOT NULL,
    events INTEGER NOT NULL,
    now INTEGER NOT NULL,
    speed REAL NOT NULL,
    paused INTEGER NOT NULL,
    pause_on_trouble INTEGER NOT NULL,
    parent TEXT,
    branches TEXT NOT NULL,
    owner TEXT NOT NULL,
    open INTEGER NOT NULL,
    created INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS inputs (
    cluster TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (cluster, seq)
  ) WITHOUT ROWID;
`;

interface ClusterRow {
  id: string;
  config: string;
  events: number;
  now: number;
  speed: number;
  paused: number;
  pause_on_trouble: number;
  parent: string | null;
  branches: string;
  owner: string;
  open: number;
}

export class ClusterStore {
  private readonly db: Database.Database;
  private readonly statements;
  /** Orders clusters by creation, so a restart brings parents back before their branches. */
  private created = 0;

  /** Opens (or creates) the file at `path`; `:memory:` keeps nothing (tests). */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version !== 0 && version !== SCHEMA_VERSION)
      throw new Error(`${path} holds clusters in format ${version}; this server reads ${SCHEMA_VERSION}`);
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.statements = {
      insert: this.db.prepare(
        `INSERT OR REPLACE INTO clusters (id, config, events, now, speed, paused, pause_on_trouble, parent, branches, owner, open, created)
         VALUES (@id, @config, @events, @now, @speed, @paused, @pauseOnTrouble, @parent, @branches, @owner, @open, @created)`,
      ),
      update: this.db.prepare(
        `UPDATE clusters SET events = @events, now = @now, speed = @speed, paused = @paused,
         pause_on_trouble = @pauseOnTrouble, branches = @branches, open = @open WHERE id = @id`,
      ),
      append: this.db.prepare('INSERT INTO inputs (cluster, seq, body) VALUES (?, ?, ?)'),
      truncate: this.db.prepare('DELETE FROM inputs WHERE cluster = ? AND seq >= ?'),
      remove: this.db.prepare('DELETE FROM clusters WHERE id = ?'),
      clusters: this.db.prepare('SELECT * FROM clusters ORDER BY created'),
      inputs: this.db.prepare('SELECT body FROM inputs WHERE cluster = ? ORDER BY seq').pluck(),
      lastCreated: this.db.prepare('SELECT coalesce(max(created), 0) FROM clusters').pluck(),
    };
    this.created = this.statements.lastCreated.get() as number;
  }

  /** Runs `work` as one transaction: all of its writes land, or none. */
  transaction(work: () => void): void {
    this.db.transaction(work)();
  }

  /** Stores a new cluster (or replaces one of the same id) with its inputs so far. */
  add(record: ClusterRecord, inputs: readonly string[]): void {
    this.transaction(() => {
      this.statements.insert.run(row(record, ++this.created));
      this.statements.truncate.run(record.id, 0);
      this.appendInputs(record.id, 0, inputs);
    });
  }

  /** Stores inputs `from`, `from + 1`, … of cluster `id`. */
  appendInputs(id: string, from: number, inputs: readonly string[]): void {
    inputs.forEach((body, i) => this.statements.append.run(id, from + i, body));
  }

  /** Forgets the inputs of cluster `id` from number `from` on (a rewind cut them). */
  truncateInputs(id: string, from: number): void {
    this.statements.truncate.run(id, from);
  }

  /** Stores where the cluster's clock stands and how it is set. */
  update(record: ClockRecord): void {
    this.statements.update.run({
      id: record.id,
      events: record.events,
      now: record.now,
      speed: record.speed,
      paused: record.paused ? 1 : 0,
      pauseOnTrouble: record.pauseOnTrouble ? 1 : 0,
      branches: record.branches,
      open: record.open ? 1 : 0,
    });
  }

  remove(id: string): void {
    this.statements.remove.run(id);
  }

  /** Every stored cluster, oldest first. */
  *all(): Generator<StoredCluster> {
    for (const stored of this.statements.clusters.all() as ClusterRow[]) {
      yield {
        record: {
          id: stored.id,
          config: stored.config,
          events: stored.events,
          now: stored.now,
          speed: stored.speed,
          paused: stored.paused === 1,
          pauseOnTrouble: stored.pause_on_trouble === 1,
          parent: stored.parent,
          branches: stored.branches,
          owner: stored.owner,
          open: stored.open === 1,
        },
        inputs: this.statements.inputs.all(stored.id) as string[],
      };
    }
  }

  close(): void {
    this.db.close();
  }
}

function row(record: ClusterRecord, created: number) {
  return {
    ...record,
    paused: record.paused ? 1 : 0,
    pauseOnTrouble: record.pauseOnTrouble ? 1 : 0,
    open: record.open ? 1 : 0,
    created,
  };
}
