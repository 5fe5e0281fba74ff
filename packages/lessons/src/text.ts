/**
 * A step's words with the cluster filled in: `{$name}` is a bound node, `{leader}` the
 * cluster's leader now (or "none"), `{term}` the highest term any node has reached. A
 * step whose outcome depends on what the learner did says it this way, so it stays true.
 */
import type { Bindings } from './conditions';
import { leaderOf, type World } from './world';

const PLACEHOLDER = /\{(\$[a-zA-Z][\w-]*|leader|term)\}/g;

export function fillText(text: string, world: Pick<World, 'nodes'>, b: Bindings): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'leader') return String(leaderOf(world) || 'none');
    if (name === 'term') return String(Math.max(0, ...world.nodes.map((n) => n.term)));
    const id = b[name.slice(1)];
    return id === undefined ? whole : String(id);
  });
}

/** The placeholders a text uses that no binding provides (a lesson test checks there are none). */
export function unboundPlaceholders(text: string, names: Iterable<string>): string[] {
  const known = new Set(names);
  return [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((name) => name.startsWith('$') && !known.has(name.slice(1)));
}
