/** Client history lanes: one lane per client, each operation a bar from invocation to completion. */
import type { HistoryOp } from '@raftlab/protocol';
import { describeKvOp } from '../kv/opText';

export interface OpBar {
  op: HistoryOp;
  lane: number;
  start: number;
  /** Completion time, or `now` while pending. */
  end: number;
  label: string;
}

export function describeHistoryOp(h: HistoryOp): string {
  const what = describeKvOp(h.op);
  const status =
    h.status === 'pending'
      ? 'pending'
      : h.status === 'ok'
        ? `ok${h.result ? ` at index ${h.result.index}` : ''}`
        : h.status === 'fail'
          ? 'failed'
          : 'unknown outcome';
  return `${what} by client ${h.clientId}: ${status}`;
}

/**
 * The newest `limit` operations as bars, with a lane per client (lanes in client order),
 * going back no further than the newest `maxLanes` clients: every HTTP request is a
 * client of its own, so a run driven by curl would otherwise draw a lane per operation.
 */
export function historyBars(
  history: readonly HistoryOp[],
  now: number,
  limit: number,
  maxLanes = Number.POSITIVE_INFINITY,
): { bars: OpBar[]; clients: number[]; from: number; to: number } {
  const seen = new Set<number>();
  let first = history.length;
  while (first > 0 && history.length - first < limit) {
    const client = history[first - 1].clientId;
    if (!seen.has(client) && seen.size >= maxLanes) break;
    seen.add(client);
    first--;
  }
  const shown = history.slice(first);
  const clients = [...seen].sort((a, b) => a - b);
  const lane = new Map(clients.map((c, i) => [c, i]));
  const bars = shown.map((op) => ({
    op,
    lane: lane.get(op.clientId)!,
    start: op.invokedAt,
    end: op.completedAt ?? Math.max(now, op.invokedAt),
    label: describeHistoryOp(op),
  }));
  const from = bars.reduce((m, b) => Math.min(m, b.start), Infinity);
  const to = bars.reduce((m, b) => Math.max(m, b.end), -Infinity);
  return { bars, clients, from: Number.isFinite(from) ? from : 0, to: Number.isFinite(to) ? to : 1 };
}
