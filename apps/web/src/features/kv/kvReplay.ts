/**
 * Each node's applied key-value table, derived rather than fetched: the table the last
 * snapshot carried, plus the committed `command` entries applied since, replayed in
 * index order. A command's data is JSON `{clientId, seq, op}`; a retried write (same
 * client, seq not newer) is applied once (thesis §6.3).
 */
import type { Entry, KvOp } from '@raftlab/protocol';
import type { KvBase } from '../../store/types';

interface Command {
  clientId: number;
  seq: number;
  op: KvOp;
}

function parseCommand(entry: Entry): Command | null {
  if (entry.kind !== 'command') return null;
  try {
    const v = JSON.parse(entry.data) as Partial<Command>;
    if (!v || typeof v !== 'object' || !v.op || typeof v.op.type !== 'string') return null;
    return { clientId: Number(v.clientId ?? 0), seq: Number(v.seq ?? 0), op: v.op };
  } catch {
    return null;
  }
}

export interface KvTable {
  kv: Record<string, string>;
  /** False when entries between the snapshot and the log the view holds are missing. */
  complete: boolean;
}

/** The table after applying `log` entries in (base.applied, applied]. */
export function replayKv(base: KvBase | undefined, log: readonly Entry[], applied: number): KvTable {
  const kv: Record<string, string> = { ...(base?.kv ?? {}) };
  const from = (base?.applied ?? 0) + 1;
  const sessions = new Map<number, number>();
  let complete = true;
  if (from <= applied && (log.length === 0 || log[0].index > from)) complete = false;
  for (const entry of log) {
    if (entry.index < from) continue;
    if (entry.index > applied) break;
    const cmd = parseCommand(entry);
    if (!cmd) continue;
    const last = sessions.get(cmd.clientId);
    if (last !== undefined && cmd.seq <= last) continue;
    sessions.set(cmd.clientId, cmd.seq);
    const op = cmd.op;
    if (op.type === 'put') kv[op.key] = op.value;
    else if (op.type === 'delete') delete kv[op.key];
    else if (op.type === 'cas' && (kv[op.key] ?? null) === op.expected) kv[op.key] = op.value;
  }
  return { kv, complete };
}

/** Rows of the side-by-side view: every key any node holds, and the value each holds. */
export function kvRows(
  tables: Record<number, KvTable>,
  nodeIds: readonly number[],
): { key: string; values: (string | undefined)[]; diverged: boolean }[] {
  const keys = new Set<string>();
  for (const id of nodeIds) for (const k of Object.keys(tables[id]?.kv ?? {})) keys.add(k);
  return [...keys].sort().map((key) => {
    const values = nodeIds.map((id) => tables[id]?.kv[key]);
    return { key, values, diverged: new Set(values).size > 1 };
  });
}
