/**
 * The rows of the client panel's operation list: every client's operations (the form's,
 * curl's, another tab's), newest first, each with its derived progress.
 */
import type { HistoryOp } from '@raftlab/protocol';
import { selectOpProgress, type OpProgress } from '../../store/selectors';
import type { RaftState } from '../../store/types';

export interface OperationRow {
  op: HistoryOp;
  progress: OpProgress;
}

/**
 * The newest `recent` operations, plus any older one still pending (up to `maxRows` in
 * all), so a stuck operation never scrolls out of sight behind newer ones that finished.
 */
export function selectOperationRows(
  s: Pick<RaftState, 'history' | 'stages' | 'nodes' | 'logs'>,
  recent = 6,
  maxRows = 12,
): OperationRow[] {
  const rows: OperationRow[] = [];
  for (let i = s.history.length - 1; i >= 0 && rows.length < maxRows; i--) {
    const op = s.history[i];
    if (s.history.length - i > recent && op.status !== 'pending') continue;
    rows.push({ op, progress: selectOpProgress(s, op) });
  }
  return rows;
}
