/**
 * Whether a condition holds of the cluster (model.ts says what each means). Pure: the
 * server evaluates `until` after every event to pause exactly there, the page evaluates
 * tasks' checks on its store, and the lesson tests evaluate claims on the simulation —
 * one reading of a lesson's words for all three.
 */
import type { Binding, Condition, MessageMatch, NodeMatch, NodeRef, NumberMatch, OpMatch } from './model';
import type { HistoryOp, NodeState } from './sim_types';
import { leaderOf, type WireMessage, type World } from './world';

/** Names bound by steps so far (`$old` → 3). */
export type Bindings = Readonly<Record<string, number>>;

export class UnboundName extends Error {
  constructor(readonly ref: string) {
    super(`${ref} is not bound by an earlier step`);
  }
}

/** The node id `ref` names. */
export function resolveNode(ref: NodeRef, bindings: Bindings): number {
  if (typeof ref === 'number') return ref;
  const id = bindings[ref.slice(1)];
  if (id === undefined) throw new UnboundName(ref);
  return id;
}

export function numberMatches(value: number, match: NumberMatch): boolean {
  if (typeof match === 'number') return value === match;
  return (
    (match.atLeast === undefined || value >= match.atLeast) &&
    (match.atMost === undefined || value <= match.atMost)
  );
}

function nodeMatches(world: World, node: NodeState, match: NodeMatch, b: Bindings): boolean {
  if (match.id !== undefined && node.id !== resolveNode(match.id, b)) return false;
  if (
    match.role !== undefined &&
    !(Array.isArray(match.role) ? match.role : [match.role]).includes(node.role)
  )
    return false;
  if (match.term !== undefined && !numberMatches(node.term, match.term)) return false;
  if (match.up !== undefined && node.up !== match.up) return false;
  if (match.voter !== undefined && node.voter !== match.voter) return false;
  if (match.vote !== undefined && node.vote !== resolveNode(match.vote, b)) return false;
  if (match.leader !== undefined && node.leader !== resolveNode(match.leader, b)) return false;
  if (match.commit !== undefined && !numberMatches(node.commit, match.commit)) return false;
  if (match.applied !== undefined && !numberMatches(node.applied, match.applied)) return false;
  if (match.lastIndex !== undefined && !numberMatches(node.lastIndex, match.lastIndex)) return false;
  if (match.snapshotIndex !== undefined && !numberMatches(node.snapshotIndex, match.snapshotIndex))
    return false;
  if (match.kv !== undefined && (world.kv(node.id)[match.kv.key] ?? null) !== match.kv.value) return false;
  if (match.progress !== undefined) {
    const p = node.progress?.[resolveNode(match.progress.of, b)];
    if (!p) return false;
    if (match.progress.match !== undefined && !numberMatches(p.matchIndex, match.progress.match))
      return false;
    if (match.progress.next !== undefined && !numberMatches(p.nextIndex, match.progress.next)) return false;
    if (match.progress.state !== undefined && p.state !== match.progress.state) return false;
  }
  return true;
}

export function messageMatches(m: WireMessage, match: MessageMatch, b: Bindings): boolean {
  if (match.type !== undefined && !(Array.isArray(match.type) ? match.type : [match.type]).includes(m.type))
    return false;
  if (match.from !== undefined && m.from !== resolveNode(match.from, b)) return false;
  if (match.to !== undefined && m.to !== resolveNode(match.to, b)) return false;
  if (match.ok !== undefined && m.ok !== match.ok) return false;
  if (match.withEntries !== undefined && (m.entries === undefined || m.entries > 0 !== match.withEntries))
    return false;
  return true;
}

function opMatches(op: HistoryOp, match: OpMatch): boolean {
  if (match.type !== undefined && op.op.type !== match.type) return false;
  if (match.key !== undefined && op.op.key !== match.key) return false;
  if (match.status !== undefined) {
    if (match.status === 'completed' ? op.status === 'pending' : op.status !== match.status) return false;
  }
  if (match.value !== undefined && (op.op.type !== 'get' || (op.result?.value ?? null) !== match.value))
    return false;
  if (match.consistency !== undefined && (op.op.type !== 'get' || op.op.consistency !== match.consistency))
    return false;
  if (match.swapped !== undefined && (op.op.type !== 'cas' || op.result?.swapped !== match.swapped))
    return false;
  return true;
}

const counted = (n: number, count: NumberMatch | undefined) => numberMatches(n, count ?? { atLeast: 1 });

/** Whether `condition` holds of `world`; throws UnboundName for a name no step bound. */
export function holds(condition: Condition, world: World, b: Bindings = {}): boolean {
  if ('all' in condition) return condition.all.every((c) => holds(c, world, b));
  if ('any' in condition) return condition.any.some((c) => holds(c, world, b));
  if ('not' in condition) return !holds(condition.not, world, b);
  if ('nodes' in condition) {
    const n = world.nodes.filter((node) => nodeMatches(world, node, condition.nodes, b)).length;
    return condition.count === 'all' ? n === world.nodes.length : counted(n, condition.count);
  }
  if ('leader' in condition) {
    const id = leaderOf(world);
    const want = condition.leader;
    const who =
      want === 'any'
        ? id !== 0
        : want === 'none'
          ? id === 0
          : typeof want === 'object'
            ? id !== 0 && id !== resolveNode(want.not, b)
            : id === resolveNode(want, b);
    if (!who) return false;
    if (condition.term === undefined) return true;
    const leader = world.nodes.find((node) => node.id === id);
    return leader !== undefined && numberMatches(leader.term, condition.term);
  }
  if ('messages' in condition)
    return counted(
      world.messages.filter((m) => messageMatches(m, condition.messages, b)).length,
      condition.count,
    );
  if ('ops' in condition)
    return counted(world.history.filter((op) => opMatches(op, condition.ops)).length, condition.count);
  if ('violation' in condition)
    return condition.violation === 'any'
      ? world.violations.length > 0
      : world.violations.includes(condition.violation);
  if ('linearizable' in condition) return world.linearizable() === condition.linearizable;
  if ('link' in condition) {
    const [from, to] = condition.link.map((ref) => resolveNode(ref, b));
    const down = world.linksDown.some(([f, t]) => f === from && t === to);
    return down === condition.down;
  }
  return numberMatches(world.nodes.length, condition.nodeCount);
}

/** The node a binding names now; 0 when none does (no leader, no node matching). */
export function bindingValue(binding: Binding, world: World, b: Bindings): number {
  if (binding === 'leader') return leaderOf(world);
  return world.nodes.find((node) => nodeMatches(world, node, binding.nodes, b))?.id ?? 0;
}

/**
 * `bindings` with a step's names added: each read from the cluster as the step starts,
 * with only the names bound before the step (so a step's names do not depend on their order).
 */
export function bindNames(
  bind: Readonly<Record<string, Binding>>,
  world: World,
  b: Bindings,
): Record<string, number> {
  const out: Record<string, number> = { ...b };
  for (const [name, binding] of Object.entries(bind)) out[name] = bindingValue(binding, world, b);
  return out;
}
