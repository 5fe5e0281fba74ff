/**
 * What the Results list says about one of this tab's requests. The HTTP answer is only
 * the first word: a request that timed out (504) became an operation that may still end
 * `ok`, `fail` or `unknown`, and the cluster's history has the final word. So when the
 * history holds the operation (`opId`), its status and result are shown, and the list
 * agrees with Operations; otherwise (no operation was made, or it fell out of the
 * page's bounded history) the HTTP answer is all there is.
 */
import type { HistoryOp, KvResult, ReadConsistency } from '@raftlab/protocol';
import type { KvResultRow } from '../../store/types';

export type ResultStatus = 'ok' | 'pending' | 'unknown' | 'fail' | 'error';

export interface ResultView {
  /** The request's own id in this tab (React's key). */
  id: number;
  /** `PUT`, `GET`, `DELETE`, `CAS`. */
  op: string;
  /** A read's level, and the node a stale read asked; null for a write. */
  read: { consistency: ReadConsistency; node: number | null } | null;
  status: ResultStatus;
  text: string;
  /** The HTTP request had timed out, but the history has since settled the operation. */
  late: boolean;
}

/** `x = 1`, `x deleted`, `x swapped, now 2`, with where it was served. */
function success(row: KvResultRow, result: KvResult): string {
  const value = (v: string | null) => (v === null ? '(absent)' : v);
  const what =
    row.op === 'put'
      ? `${row.key} = ${row.value ?? result.value ?? ''}`
      : row.op === 'get'
        ? `${row.key} = ${value(result.value)}`
        : row.op === 'delete'
          ? `${row.key} deleted`
          : `${row.key} ${result.swapped ? 'swapped' : 'not swapped'}, now ${value(result.value)}`;
  const where =
    row.consistency === 'stale'
      ? `node ${result.node}'s copy at index ${result.index} (term ${result.term}): it may be out of date`
      : `index ${result.index} · term ${result.term} · node ${result.node}`;
  return `${what} — ${where}`;
}

/** The HTTP answer's result, when it was a success. */
const answered = (row: KvResultRow): KvResult | null =>
  row.ok && row.index !== undefined && row.term !== undefined && row.node !== undefined
    ? { value: row.value, index: row.index, term: row.term, node: row.node, swapped: row.swapped }
    : null;

/** The view of `row`, settled by `op`, its operation in the history, when the page has it. */
export function resultView(row: KvResultRow, op: HistoryOp | undefined): ResultView {
  const base = {
    id: row.id,
    op: row.op.toUpperCase(),
    read:
      row.op === 'get'
        ? { consistency: row.consistency ?? 'linearizable', node: row.readFrom ?? null }
        : null,
  };
  const late = !row.ok && row.timedOut === true;
  if (!op) {
    const result = answered(row);
    if (result) return { ...base, status: 'ok', text: success(row, result), late: false };
    return { ...base, status: 'error', text: `${row.key}: ${row.error ?? 'failed'}`, late: false };
  }
  switch (op.status) {
    case 'ok': {
      const result = op.result ?? answered(row);
      const text = result ? success(row, result) : `${row.key}: done`;
      return {
        ...base,
        status: 'ok',
        text: late ? `${text} (answered after the request timed out)` : text,
        late,
      };
    }
    case 'pending':
      return {
        ...base,
        status: 'pending',
        text: `${row.key}: the request timed out, but the operation is still pending in the cluster and may yet take effect`,
        late: false,
      };
    case 'unknown':
      return {
        ...base,
        status: 'unknown',
        text: `${row.key}: it timed out and may or may not have taken effect`,
        late: false,
      };
    case 'fail': {
      // A timed-out request's error ("outcome unknown") is what the history has since settled.
      const why = late || !row.error ? 'failed: it did not take effect' : row.error;
      return { ...base, status: 'fail', text: `${row.key}: ${why}`, late };
    }
  }
}
