/**
 * A viewer's copy of one node's key-value state machine, rebuilt from the event stream
 * and kept as immutable data: what the dashboard shows as the node's applied table.
 *
 * It follows the node's own life (node.ts) step by step, with the same apply rule
 * (kv_rules.ts `applyCommand`):
 *   - committed entries are applied in index order as the node reports its applied index;
 *   - under the `apply-uncommitted` bug, entries are applied as they are appended, and a
 *     later commit of an index already applied that way is skipped (as the node does);
 *   - a snapshot the node takes is its state at that moment (§7); one it installs comes
 *     with the leader's InstallSnapshot message, whose image replaces the state;
 *   - a crash loses the state machine; a restart restores the node's last snapshot and
 *     re-applies the committed entries after it.
 * The session table holds only each client's last executed seq, all a later command's
 * fate depends on. Where the viewer lacks what it needs (entries older than the view's
 * window, an InstallSnapshot it did not see), the copy says `complete: false` rather
 * than guess. Tested against the nodes themselves (kv_mirror.test.ts).
 */
import type { Entry } from '@raftlab/raft';
import { applyCommand, decodeCommand, decodeImage, type Command } from './kv_rules';

/** The bug switches that change how a node applies entries. */
export interface ApplyRules {
  /** False under `no-session-dedupe`: a retried command executes again. */
  dedupe: boolean;
  /** True under `apply-uncommitted`: entries are applied when appended. */
  applyOnAppend: boolean;
}

export function applyRulesOf(bugs: readonly string[]): ApplyRules {
  return { dedupe: !bugs.includes('no-session-dedupe'), applyOnAppend: bugs.includes('apply-uncommitted') };
}

interface KvState {
  readonly table: ReadonlyMap<string, string>;
  /** Client id → seq of its last executed command. */
  readonly sessions: ReadonlyMap<number, number>;
}

export interface KvMirror extends KvState {
  /** The node's applied index as last reported. */
  readonly applied: number;
  /** apply-uncommitted only: the last index applied when appended (0: none). */
  readonly appliedEarly: number;
  /** The index the node's last snapshot covers (0: none; a restart then re-applies from the start). */
  readonly storedIndex: number;
  /** The state that snapshot holds (what a restart loads), if the viewer saw it taken or installed. */
  readonly stored: KvState | null;
  /** False once the viewer missed something it needs to follow the node exactly. */
  readonly complete: boolean;
}

const EMPTY: KvState = { table: new Map(), sessions: new Map() };

/**
 * The copy of a node as a view shows it: its table, the sessions the view carries (all
 * that can still matter, node_views.ts), its applied index, and its latest snapshot's
 * state. Under apply-uncommitted the node has applied its whole log already.
 */
export function mirrorFromView(node: ViewedNode, rules: ApplyRules): KvMirror {
  return {
    ...stateOf(node),
    applied: node.applied,
    appliedEarly: rules.applyOnAppend && node.up ? node.lastIndex : 0,
    storedIndex: node.snapshotIndex,
    stored: stateOf(node.snapshotState),
    complete: true,
  };
}

/** What `mirrorFromView` reads of a node in a view. */
export interface ViewedNode extends ViewedKv {
  up: boolean;
  applied: number;
  lastIndex: number;
  snapshotIndex: number;
  snapshotState: ViewedKv;
}

interface ViewedKv {
  kv: Record<string, string>;
  sessions: Array<[number, number]>;
}

function stateOf(viewed: ViewedKv): KvState {
  return { table: new Map(Object.entries(viewed.kv)), sessions: new Map(viewed.sessions) };
}

/** A new, empty node (a membership change adds it with empty storage). */
export function emptyMirror(): KvMirror {
  return { ...EMPTY, applied: 0, appliedEarly: 0, storedIndex: 0, stored: EMPTY, complete: true };
}

/** Entries appended to the node's log: applied now under apply-uncommitted, otherwise nothing yet. */
export function mirrorAppended(mirror: KvMirror, entries: readonly Entry[], rules: ApplyRules): KvMirror {
  if (!rules.applyOnAppend || entries.length === 0) return mirror;
  const state = applyEntries(mirror, entries, rules);
  return { ...mirror, ...state, appliedEarly: entries[entries.length - 1].index };
}

/**
 * The node reported applied index `applied`: applies the committed entries after the
 * last one, which `log` (the node's log as the viewer holds it, ascending) must contain.
 */
export function mirrorApplied(
  mirror: KvMirror,
  log: readonly Entry[],
  applied: number,
  rules: ApplyRules,
): KvMirror {
  if (applied === mirror.applied) return mirror;
  if (applied < mirror.applied) return { ...mirror, applied, complete: false };
  const from = Math.max(mirror.applied, mirror.appliedEarly) + 1;
  const entries = slice(log, from, applied);
  if (entries === null) return { ...mirror, applied, complete: false };
  return { ...mirror, ...applyEntries(mirror, entries, rules), applied };
}

/**
 * The node snapshotted its state machine with entries up to `index` applied (§7): that
 * state is what a restart will load. The node snapshots as it applies, before it reports
 * the applied index, so the entries up to `index` are applied here first, from `log`
 * (before the node's compaction drops them from it).
 */
export function mirrorSnapshotTaken(
  mirror: KvMirror,
  index: number,
  log: readonly Entry[],
  rules: ApplyRules,
): KvMirror {
  const caughtUp = mirrorApplied(mirror, log, Math.max(index, mirror.applied), rules);
  const stored = caughtUp.complete ? { table: caughtUp.table, sessions: caughtUp.sessions } : null;
  return { ...caughtUp, storedIndex: index, stored };
}

/**
 * The node installed a leader's snapshot up to `index` (InstallSnapshot, §7): `image`
 * is the snapshot's data, from the message that carried it; null if the viewer did not
 * see that message.
 */
export function mirrorInstalled(mirror: KvMirror, index: number, image: string | null): KvMirror {
  if (image === null)
    return { ...mirror, applied: index, appliedEarly: 0, storedIndex: index, stored: null, complete: false };
  const { data, sessions } = decodeImage(image);
  const state: KvState = {
    table: data,
    sessions: new Map([...sessions].map(([client, session]) => [client, session.lastSeq])),
  };
  return { ...state, applied: index, appliedEarly: 0, storedIndex: index, stored: state, complete: true };
}

/** A crash loses the state machine (a crashed node reports nothing applied); storage, with the last snapshot, survives. */
export function mirrorCrashed(mirror: KvMirror): KvMirror {
  return { ...mirror, ...EMPTY, applied: 0, appliedEarly: 0 };
}

/** A restart loads the last snapshot; the committed entries after it follow as the node reports them. */
export function mirrorRestarted(mirror: KvMirror): KvMirror {
  const { stored, storedIndex } = mirror;
  const restart = { applied: storedIndex, appliedEarly: 0 };
  if (stored === null) return { ...mirror, ...EMPTY, ...restart, complete: false };
  return { ...mirror, ...stored, ...restart, complete: true };
}

/** The entries of `log` with indexes from..to, or null when the log lacks any of them. */
function slice(log: readonly Entry[], from: number, to: number): readonly Entry[] | null {
  if (from > to) return [];
  if (log.length === 0) return null;
  const first = log[0].index;
  if (from < first || to > log[log.length - 1].index) return null;
  return log.slice(from - first, to - first + 1);
}

/** The state after applying `entries` in order: copy-on-write, so earlier states stay valid. */
function applyEntries(state: KvState, entries: readonly Entry[], rules: ApplyRules): KvState {
  let table: Map<string, string> | null = null;
  let sessions: Map<number, number> | null = null;
  for (const entry of entries) {
    const command: Command | null = entry.kind === 'command' ? decodeCommand(entry.data) : null;
    if (command === null) continue;
    const current = (table ?? state.table).get(command.op.key) ?? null;
    const effect = applyCommand(
      command,
      (sessions ?? state.sessions).get(command.clientId),
      current,
      rules.dedupe,
    );
    if (!effect.executes) continue;
    sessions ??= new Map(state.sessions);
    sessions.set(command.clientId, command.seq);
    const write = effect.write;
    if (write === null) continue;
    table ??= new Map(state.table);
    if (write.value === null) table.delete(write.key);
    else table.set(write.key, write.value);
  }
  return { table: table ?? state.table, sessions: sessions ?? state.sessions };
}
