/**
 * The partition editor's model: each node is assigned to group A, B or C, and the
 * non-empty groups become the `partitions` of PUT /network (links between groups go
 * down, links within a group come up). Pure functions, no DOM.
 */
export const GROUPS = ['A', 'B', 'C'] as const;
export type Group = (typeof GROUPS)[number];

/** Each node's group; a node not in the record is in group A. */
export type Assignment = Record<number, Group>;

export const groupOf = (assignment: Assignment, id: number): Group => assignment[id] ?? 'A';

/** The non-empty groups in A, B, C order, each with its node ids ascending. */
export function partitionGroups(
  assignment: Assignment,
  ids: readonly number[],
): { group: Group; nodes: number[] }[] {
  const sorted = [...ids].sort((a, b) => a - b);
  return GROUPS.map((group) => ({
    group,
    nodes: sorted.filter((id) => groupOf(assignment, id) === group),
  })).filter((g) => g.nodes.length > 0);
}

/** A partition splits something only with two or more non-empty groups. */
export const splits = (groups: readonly { nodes: number[] }[]): boolean => groups.length >= 2;

/** The group that holds a majority of the voters (it alone can elect a leader and commit), if any. */
export function majorityGroup(
  groups: readonly { group: Group; nodes: number[] }[],
  voters: number,
): Group | null {
  return groups.find((g) => g.nodes.length > voters / 2)?.group ?? null;
}
