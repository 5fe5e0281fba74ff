/**
 * The key-value state machine's rules, once, as pure functions: how a command is written
 * into a log entry, what one committed command does to the store, and the format of the
 * store's snapshot image. The simulated nodes apply entries with them (kv.ts), and the
 * dashboard replays a node's log with them to show its table, so the page and the node
 * cannot disagree — not even under the `no-session-dedupe` bug switch.
 *
 * Part of `@raftlab/sim/kv` (kv_public.ts): nothing here depends on the rest of the simulator.
 */
import type { Entry } from '@raftlab/raft';
import type { KvOp } from './types';

/** What a log entry of kind 'command' carries, as JSON. */
export interface Command {
  clientId: number;
  /** Per-client sequence number; the same across retries of one operation. */
  seq: number;
  op: KvOp;
}

/** The answer of an executed command. */
export interface Executed {
  /** put: the value written; get: the value read (null if absent); delete: null; cas: the value after. */
  value: string | null;
  /** cas only: whether the swap happened. */
  swapped?: boolean;
}

/** A change to the store: `value` null deletes the key. */
export interface KvWrite {
  key: string;
  value: string | null;
}

/** What applying one command does. */
export type CommandEffect =
  /** A retry (or an abandoned older attempt) of a command the client's session has seen: nothing changes. */
  { executes: false } | { executes: true; result: Executed; write: KvWrite | null };

export function encodeCommand(command: Command): string {
  return JSON.stringify(command);
}

/** The command an entry's data holds; null for data that is not a well-formed command. */
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

/** The command a log entry carries, if it is a command entry ('noop' and 'config' entries carry none). */
export function commandOf(
  entry: Entry,
  decode: (data: string) => Command | null = decodeCommand,
): Command | null {
  return entry.kind === 'command' ? decode(entry.data) : null;
}

/**
 * The state machine's rule for one committed command. `lastSeq` is the client's session
 * (the seq of its last executed command; undefined: none yet), `current` the value the
 * command's key holds (null: absent). A client has one operation outstanding at a time,
 * so a seq not above its session's is a retry or an abandoned older attempt: it is
 * answered from the session and never executed twice (thesis §6.3) — unless `dedupe` is
 * off, which is the `no-session-dedupe` bug switch.
 */
export function applyCommand(
  command: Command,
  lastSeq: number | undefined,
  current: string | null,
  dedupe: boolean,
): CommandEffect {
  if (dedupe && lastSeq !== undefined && command.seq <= lastSeq) return { executes: false };
  const op = command.op;
  switch (op.type) {
    case 'put':
      return { executes: true, result: { value: op.value }, write: { key: op.key, value: op.value } };
    case 'get':
      return { executes: true, result: { value: current }, write: null };
    case 'delete':
      return { executes: true, result: { value: null }, write: { key: op.key, value: null } };
    case 'cas': {
      const swapped = current === op.expected;
      return {
        executes: true,
        result: { value: swapped ? op.value : current, swapped },
        write: swapped ? { key: op.key, value: op.value } : null,
      };
    }
  }
}

/** Whether a cluster with these bug switches deduplicates retried commands. */
export function dedupesRetries(bugs: readonly string[]): boolean {
  return !bugs.includes('no-session-dedupe');
}

/** A client's session in the state machine: its last executed command and that command's answer. */
export interface Session {
  lastSeq: number;
  lastResult: Executed;
}

/**
 * The state machine's snapshot image (§7), as JSON: the store and the session table, so
 * a retry that arrives after a restore is still recognised (thesis §6.3). Keys and client
 * ids are in ascending order, so equal states have equal images.
 */
export interface SnapshotImage {
  data: Array<[string, string]>;
  sessions: Array<[number, Session]>;
}

export function encodeImage(
  data: ReadonlyMap<string, string>,
  sessions: ReadonlyMap<number, Session>,
): string {
  const image: SnapshotImage = {
    data: [...data.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    sessions: [...sessions.entries()].sort((a, b) => a[0] - b[0]),
  };
  return JSON.stringify(image);
}

/** The store and sessions of an `encodeImage` image; an empty image is the empty store. */
export function decodeImage(image: string): { data: Map<string, string>; sessions: Map<number, Session> } {
  if (image === '') return { data: new Map(), sessions: new Map() };
  const parsed = JSON.parse(image) as SnapshotImage;
  return { data: new Map(parsed.data), sessions: new Map(parsed.sessions) };
}

/**
 * A table as a plain record, keys in ascending order. The record has no prototype, so a
 * key like `__proto__` or `constructor` is an own property like any other (issue 16: a
 * plain `{}` silently dropped `__proto__`). Read it with `Object.hasOwn`, never `in`.
 */
export function recordOf(table: ReadonlyMap<string, string>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const key of [...table.keys()].sort()) out[key] = table.get(key)!;
  return out;
}
