/** Words the narration's sentences share: lists of nodes, ranges of entries, client operations. */
import type { KvOp } from '@raftlab/protocol';

/** `1`, `1 and 2`, `1, 2 and 3`: ascending. */
export const list = (ids: Iterable<number>): string => {
  const sorted = [...ids].sort((a, b) => a - b);
  if (sorted.length <= 1) return sorted.join('');
  return `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
};

export const range = (from: number, to: number): string =>
  from === to ? `entry ${from}` : `entries ${from}–${to}`;

export const nodeWord = (ids: readonly number[]): string => (ids.length === 1 ? 'node' : 'nodes');

export function describeOp(op: KvOp): string {
  switch (op.type) {
    case 'put':
      return `put ${op.key} = ${op.value}`;
    case 'get':
      return `get ${op.key} (${op.consistency})`;
    case 'delete':
      return `delete ${op.key}`;
    case 'cas':
      return `cas ${op.key} = ${op.value} if ${op.expected === null ? 'absent' : op.expected}`;
  }
}
