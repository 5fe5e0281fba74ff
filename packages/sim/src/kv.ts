/**
 * The replicated key-value state machine. Log entries of kind 'command' carry a JSON
 * `Command`; the client session table (clientId → last applied seq and its result)
 * makes a retried command take effect once (thesis §6.3). 'noop' and 'config' entries
 * leave the store unchanged.
 */
import type { Entry } from '@raftlab/raft';
import type { KvOp } from './types';

export interface Command {
  clientId: number;
  /** Per-client sequence number; the same across retries of one operation. */
  seq: number;
  op: KvOp;
}

export interface ApplyOutcome {
  command: Command;
  /** put: the value written; get: the value read (null if absent); delete: null; cas: the value after. */
  value: string | null;
  /** cas only: whether the swap happened. */
  swapped?: boolean;
  /** True when the session table recognised a retry and did not execute it again. */
  duplicate: boolean;
}

interface Session {
  lastSeq: number;
  lastResult: Executed;
}

interface Executed {
  value: string | null;
  swapped?: boolean;
}

export function encodeCommand(command: Command): string {
  return JSON.stringify(command);
}

export function decodeCommand(data: string): Command | null {
  try {
    const parsed = JSON.parse(data) as Command;
    if (typeof parsed?.clientId !== 'number' || typeof parsed.seq !== 'number') return null;
    if (typeof parsed.op?.type !== 'string') return null;
    return parsed;
  } catch {
    return null;
  }
}

/**
 * Decoded commands by their text, shared by one cluster's state machines: every node
 * applies the same entries, so a command is parsed once rather than once per node.
 * Decoding is pure, so sharing changes nothing but the work; the decoded commands are
 * only read. Bounded: when full it starts over.
 *
 * The client that encodes a command hands it in too (`encode`), so in the common case
 * no node parses at all: a JSON.parse per put was a few per cent of a busy run.
 */
export class CommandCache {
  private readonly decoded = new Map<string, Command | null>();

  /**
   * `command` as entry data, remembered as its own decoding. `command` must be plain
   * JSON data (the simulator's inputs are `clone`d), so it is what parsing the text
   * gives back; it is kept, so the caller must not change it afterwards.
   */
  encode(command: Command): string {
    const data = encodeCommand(command);
    this.remember(data, command);
    return data;
  }

  decode(data: string): Command | null {
    let command = this.decoded.get(data);
    if (command === undefined) {
      command = decodeCommand(data);
      this.remember(data, command);
    }
    return command;
  }

  private remember(data: string, command: Command | null): void {
    if (this.decoded.size >= MAX_CACHED_COMMANDS) this.decoded.clear();
    this.decoded.set(data, command);
  }
}

const MAX_CACHED_COMMANDS = 1024;

export class KvStateMachine {
  private data = new Map<string, string>();
  private sessions = new Map<number, Session>();

  /** `dedupe: false` is the no-session-dedupe bug: a retried command executes again. */
  constructor(
    private readonly dedupe = true,
    private readonly commands = new CommandCache(),
  ) {}

  get(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  /** Applies one committed entry; null for entries that are not (valid) commands. */
  apply(entry: Entry): ApplyOutcome | null {
    if (entry.kind !== 'command') return null;
    const command = this.commands.decode(entry.data);
    if (command === null) return null;
    const session = this.sessions.get(command.clientId);
    // A client has one operation outstanding at a time, so seq <= lastSeq is a retry
    // (or an abandoned older attempt): answer from the session, never execute twice.
    if (this.dedupe && session !== undefined && command.seq <= session.lastSeq) {
      const result = command.seq === session.lastSeq ? session.lastResult : { value: null };
      return { command, ...result, duplicate: true };
    }
    const result = this.execute(command.op);
    this.sessions.set(command.clientId, { lastSeq: command.seq, lastResult: result });
    return { command, ...result, duplicate: false };
  }

  private execute(op: KvOp): Executed {
    switch (op.type) {
      case 'put':
        this.data.set(op.key, op.value);
        return { value: op.value };
      case 'get':
        return { value: this.get(op.key) };
      case 'delete':
        this.data.delete(op.key);
        return { value: null };
      case 'cas': {
        const swapped = this.get(op.key) === op.expected;
        if (swapped) this.data.set(op.key, op.value);
        return { value: this.get(op.key), swapped };
      }
    }
  }

  /**
   * The state machine's image for a snapshot (§7): the store and the session table, so
   * a retry that arrives after a restore is still recognised (thesis §6.3).
   */
  snapshot(): string {
    const sessions = [...this.sessions.entries()].sort((a, b) => a[0] - b[0]);
    return JSON.stringify({ data: Object.entries(this.toRecord()), sessions });
  }

  /** Replaces the whole state by a `snapshot()` image; an empty image is the empty store. */
  restore(image: string): void {
    this.data = new Map();
    this.sessions = new Map();
    if (image === '') return;
    const parsed = JSON.parse(image) as { data: Array<[string, string]>; sessions: Array<[number, Session]> };
    this.data = new Map(parsed.data);
    this.sessions = new Map(parsed.sessions);
  }

  /** A plain copy of the store with keys in sorted order. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of [...this.data.keys()].sort()) out[key] = this.data.get(key)!;
    return out;
  }
}
