/**
 * The checker's verdict as the lanes draw it: a badge, a line of detail, and a mark per
 * operation on failure (the operation that cannot be placed, and the longest
 * linearizable prefix before it, both on the one key the checker explains).
 */
import type { Verdict } from '@raftlab/protocol';
import type { HistoryCheck } from '../../store/types';

export type OpMark = 'offending' | 'prefix' | 'other-key' | null;

/** How the verdict marks one operation; `key` is the operation's key. */
export function opMark(verdict: Verdict | null, opId: number, key: string): OpMark {
  if (!verdict || verdict.status !== 'not-linearizable') return null;
  if (opId === verdict.failedOpId) return 'offending';
  if (verdict.prefixOpIds?.includes(opId)) return 'prefix';
  return verdict.key !== undefined && key !== verdict.key ? 'other-key' : null;
}

/** Words added to an operation's accessible name for its mark. */
export const MARK_WORDS: Record<Exclude<OpMark, null>, string> = {
  offending: 'cannot be linearized',
  prefix: 'in the linearizable prefix',
  'other-key': 'another key',
};

export interface VerdictSummary {
  tone: 'none' | 'ok' | 'bad' | 'unknown';
  badge: string;
  detail: string;
}

/** The badge and its detail line, given how many completed operations the check has not seen. */
export function verdictSummary(check: HistoryCheck, unchecked: number): VerdictSummary {
  const v = check.verdict;
  const newer = unchecked;
  const freshness = check.checking
    ? ' · checking…'
    : newer > 0 && v
      ? ` · ${newer} newer ${newer === 1 ? 'completion' : 'completions'} not checked yet`
      : '';
  const failed = check.error ? ` · the last check failed: ${check.error}` : '';
  if (!v) {
    return {
      tone: 'none',
      badge: check.checking ? 'Checking…' : 'Not checked yet',
      detail: check.error
        ? `The last check failed: ${check.error}`
        : unchecked === 0
          ? 'No completed operations yet.'
          : '',
    };
  }
  const checked = `${v.checkedOps} ${v.checkedOps === 1 ? 'operation' : 'operations'} checked`;
  switch (v.status) {
    case 'linearizable':
      return { tone: 'ok', badge: 'Linearizable ✓', detail: `${checked}${freshness}${failed}` };
    case 'not-linearizable':
      return {
        tone: 'bad',
        badge: 'Not linearizable ✗',
        detail: `key ${JSON.stringify(v.key ?? '')}: operation #${v.failedOpId} cannot be placed after a linearizable prefix of ${v.prefixOpIds?.length ?? 0} (numbered in order on the lanes)${freshness}${failed}`,
      };
    case 'unknown':
      return { tone: 'unknown', badge: 'Verdict unknown', detail: `${v.message}${freshness}${failed}` };
  }
}
