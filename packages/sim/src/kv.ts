/**
 * The replicated key-value state machine of a simulated node: a store and a client
 * session table, changed only by committed entries, through the rules of kv_rules.ts
 * (thesis §6.3: a retried command takes effect once). 'noop' and 'config' entries leave
 * the store unchanged.
 */
import type { Entry } from '@raftlab/raft';
import {
  applyCommand,
  decodeCommand,
  decodeImage,
  encodeCommand,
  encodeImage,
  recordOf,
  type Command,
  type Executed,
  type Session,
} from './kv_rules';

export interface ApplyOutcome {
  command: Command;
  /** put: the value written; get: the value read (null if absent); delete: null; cas: the value after. */
  value: string | null;
  /** cas only: whether the swap happened. */
  swapped?: boolean;
  /** True when the session table recognised a retry and did not execute it again. */
  duplicate: boolean;
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
  /** The keys' and values' lengths summed (UTF-16 code units), kept as the data changes. */
  private dataLength = 0;

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
    const command = entry.kind === 'command' ? this.commands.decode(entry.data) : null;
    if (command === null) return null;
    const session = this.sessions.get(command.clientId);
    const effect = applyCommand(command, session?.lastSeq, this.get(command.op.key), this.dedupe);
    if (!effect.executes) {
      // Answered from the session: the retried command's own answer, or nothing for an older one.
      const result: Executed = command.seq === session!.lastSeq ? session!.lastResult : { value: null };
      return { command, ...result, duplicate: true };
    }
    const { result, write } = effect;
    if (write !== null) this.write(write.key, write.value);
    this.sessions.set(command.clientId, { lastSeq: command.seq, lastResult: result });
    return { command, ...result, duplicate: false };
  }

  /** How much the store holds: its keys, and its keys' and values' lengths summed. */
  get size(): { keys: number; length: number } {
    return { keys: this.data.size, length: this.dataLength };
  }

  private write(key: string, value: string | null): void {
    const old = this.data.get(key);
    if (old !== undefined) this.dataLength -= key.length + old.length;
    if (value === null) this.data.delete(key);
    else {
      this.data.set(key, value);
      this.dataLength += key.length + value.length;
    }
  }

  /** The state machine's image for a snapshot (§7; format in kv_rules.ts). */
  snapshot(): string {
    return encodeImage(this.data, this.sessions);
  }

  /** Replaces the whole state by a `snapshot()` image; an empty image is the empty store. */
  restore(image: string): void {
    ({ data: this.data, sessions: this.sessions } = decodeImage(image));
    this.dataLength = 0;
    for (const [key, value] of this.data) this.dataLength += key.length + value.length;
  }

  /** The last executed seq of each of `clients` that has a session, by client id in ascending order. */
  sessionsOf(clients: Iterable<number>): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const client of clients) {
      const session = this.sessions.get(client);
      if (session !== undefined) out.push([client, session.lastSeq]);
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  /** A plain copy of the store with keys in sorted order (null prototype: any key is data). */
  toRecord(): Record<string, string> {
    return recordOf(this.data);
  }
}
