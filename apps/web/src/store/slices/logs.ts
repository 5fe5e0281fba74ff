/**
 * The logs slice: the newest entries of each node's log, and the suffixes nodes deleted
 * (kept briefly so the log view can flash them out).
 */
import type { Entry } from '@raftlab/protocol';
import type { FrameDraft, Slice } from '../draft';
import { BOUNDS, type Truncation } from '../types';

export interface LogsState {
  /** The newest entries of each node's log, ascending and contiguous. */
  logs: Record<number, Entry[]>;
  /** Recently deleted log suffixes, newest last (bounded). */
  truncations: Truncation[];
  /** The id the next truncation gets. */
  nextTruncationId: number;
}

/**
 * Appends entries, replacing any suffix they overwrite (Log Matching: same index ⇒ replace).
 * Invariant: a log is ascending and contiguous, so an index is found by arithmetic.
 */
export function appendEntries(log: Entry[], entries: Entry[]): Entry[] {
  if (entries.length === 0) return log;
  const first = entries[0].index;
  const kept = log.length > 0 && log[0].index >= first ? [] : truncateLog(log, first);
  const next = kept.concat(entries);
  return next.length > BOUNDS.logEntriesPerNode ? next.slice(-BOUNDS.logEntriesPerNode) : next;
}

/** Removes entries with index >= fromIndex. */
export function truncateLog(log: Entry[], fromIndex: number): Entry[] {
  if (log.length === 0) return log;
  const keep = Math.max(0, Math.min(log.length, fromIndex - log[0].index));
  return keep === log.length ? log : log.slice(0, keep);
}

/** Entries up to `index` are in the node's snapshot now, so its log view starts after it (§7). */
function compacted(d: FrameDraft, node: number, index: number): void {
  const logs = d.edit('logs');
  const log = logs[node] ?? [];
  logs[node] = log.filter((e) => e.index > index);
}

export const logs: Slice<LogsState> = {
  initial: () => ({ logs: {}, truncations: [], nextTruncationId: 1 }),
  snapshot: (_state, frame) => {
    const logs: Record<number, Entry[]> = {};
    for (const node of frame.view.nodes) logs[node.id] = node.log.slice(-BOUNDS.logEntriesPerNode);
    return { logs, truncations: [] };
  },
  events: {
    'log-appended': (d, e) => {
      const logs = d.edit('logs');
      logs[e.node] = appendEntries(logs[e.node] ?? [], e.entries);
    },
    'log-truncated': (d, e) => {
      const logs = d.edit('logs');
      const log = logs[e.node] ?? [];
      const kept = truncateLog(log, e.fromIndex);
      if (kept.length < log.length) {
        const id = d.s.nextTruncationId++;
        d.edit('truncations').push({ id, node: e.node, entries: log.slice(kept.length) });
      }
      logs[e.node] = kept;
    },
    'snapshot-taken': (d, e) => compacted(d, e.node, e.index),
    // A leader's snapshot replaces the whole log (§7): the node holds no entry after it yet.
    'snapshot-installed': (d, e) => {
      d.edit('logs')[e.node] = [];
    },
  },
  endFrame: (d) => {
    if (d.s.truncations.length > BOUNDS.truncations)
      d.s.truncations = d.s.truncations.slice(-BOUNDS.truncations);
  },
};
