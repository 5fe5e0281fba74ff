/**
 * What the log grid shows: which indices are columns, how an entry reads (`put x=1`),
 * and each term's colour.
 */
import type { Entry } from '@raftlab/protocol';
import { scaleOrdinal } from 'd3-scale';

/**
 * The first and last index of the grid: from the lowest index any node still holds to
 * the highest. Every index in between is a column (the view virtualises them).
 */
export function columnRange(logs: readonly (readonly Entry[])[]): [number, number] {
  let first = Infinity;
  let last = 0;
  for (const log of logs) {
    if (log.length === 0) continue;
    first = Math.min(first, log[0].index);
    last = Math.max(last, log[log.length - 1].index);
  }
  if (last === 0) return [1, 0];
  return [first, last];
}

/** The entry at `index` of a contiguous ascending log, found by arithmetic. */
export function entryAt(log: readonly Entry[] | undefined, index: number): Entry | undefined {
  if (!log || log.length === 0) return undefined;
  const e = log[index - log[0].index];
  return e?.index === index ? e : undefined;
}

/** A short human reading of an entry: `noop`, `put x=1`, `del x`, `get x`, `add 4`, `remove 2`. */
export function describeEntry(entry: Entry): string {
  if (entry.kind === 'noop') return 'noop';
  if (entry.kind === 'config') return describeConfig(entry.data);
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry.data);
  } catch {
    return entry.data.slice(0, 24) || 'command';
  }
  const op = findOp(parsed);
  if (!op) return 'command';
  switch (op.type) {
    case 'put':
      return `put ${op.key}=${op.value ?? ''}`;
    case 'delete':
      return `del ${op.key}`;
    case 'get':
      return `get ${op.key}`;
    case 'cas':
      return `cas ${op.key}=${op.value ?? ''}`;
    default:
      return String(op.type);
  }
}

/** The words for each kind of membership change (thesis §4.1) a config entry holds. */
const CONFIG_WORDS: Record<string, string> = { addVoter: 'add', removeNode: 'remove', addLearner: 'learner' };

/**
 * A config entry's change, from the core's encoding (`{type, node, voters, learners}`:
 * the change and the configuration after it): `add 4`, `remove 2`, `learner 5`.
 */
function describeConfig(data: string): string {
  try {
    const change = JSON.parse(data) as { type?: unknown; node?: unknown };
    const word = typeof change.type === 'string' ? CONFIG_WORDS[change.type] : undefined;
    if (word !== undefined && typeof change.node === 'number') return `${word} ${change.node}`;
  } catch {
    // Not the encoding this page knows: say only what kind of entry it is.
  }
  return 'config';
}

interface OpLike {
  type: string;
  key: string;
  value?: string | null;
}

/** The KV op inside a command, wherever the KV layer nests it (`{op: {...}}` or flat). */
function findOp(value: unknown, depth = 0): OpLike | null {
  if (!value || typeof value !== 'object' || depth > 3) return null;
  const v = value as Record<string, unknown>;
  const type = v.type ?? v.kind ?? v.op;
  if (typeof type === 'string' && typeof v.key === 'string') {
    return { type, key: v.key, value: typeof v.value === 'string' ? v.value : null };
  }
  for (const child of Object.values(v)) {
    const found = findOp(child, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The term fills, --term-0 … --term-9 (theme/tokens.css): light, each dark-text legible. */
const TERM_COLORS = Array.from({ length: 10 }, (_, i) => `var(--term-${i})`);

const termScale = scaleOrdinal<number, string>().range(TERM_COLORS);

/** The colour of a term; stable because the domain is the term number modulo the palette. */
export const termColor = (term: number): string => termScale(term % TERM_COLORS.length);
