/** Renders a checker explanation as text, for logs, the fuzzer and the API. */
import type { CheckKvOp, CheckOp, Explanation, KvOutput } from './types';

/** One line per step of the prefix, then the operation that cannot be placed. */
export function formatExplanation(explanation: Explanation): string {
  const { key, prefix, stateBefore, failed, returned, expected } = explanation;
  const lines = [`key ${JSON.stringify(key)} is not linearizable.`];
  if (prefix.length === 0) {
    lines.push('No operation can go first.');
  } else {
    lines.push(`Longest linearizable prefix (${prefix.length} ops):`);
    for (const step of prefix) lines.push(`  ${describe(step.op)}  → ${show(step.stateAfter)}`);
  }
  lines.push(
    `Cannot place ${describe(failed)} from state ${show(stateBefore)}:` +
      ` it returned ${show(returned)}, the model returns ${show(expected)}.`,
  );
  return lines.join('\n');
}

function describe(record: CheckOp): string {
  const interval = `[${record.call}, ${record.ret === Infinity ? '∞' : record.ret}]`;
  const outcome = record.status === 'unknown' ? ' (unknown)' : '';
  return `#${record.id} client ${record.clientId} ${operation(record.op)} ${interval}${outcome}`;
}

function operation(op: CheckKvOp): string {
  switch (op.type) {
    case 'put':
      return `put(${show(op.value)})`;
    case 'get':
      return 'get()';
    case 'delete':
      return 'delete()';
    case 'cas':
      return `cas(${show(op.expected)} → ${show(op.value)})`;
  }
}

function show(value: KvOutput): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'absent';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
