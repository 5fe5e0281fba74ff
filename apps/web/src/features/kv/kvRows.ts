/** The side-by-side view of the nodes' applied tables. */

export interface KvRow {
  key: string;
  /** Each node's value, in `nodeIds` order (undefined: the node does not hold the key). */
  values: (string | undefined)[];
  /** True when the running nodes hold different values (a crashed node has no table to compare). */
  diverged: boolean;
}

/** Every key any node holds, in sorted order, with the value each holds. */
export function kvRows(
  tables: ReadonlyMap<number, ReadonlyMap<string, string>>,
  nodeIds: readonly number[],
  isUp: (id: number) => boolean = () => true,
): KvRow[] {
  const keys = new Set<string>();
  for (const id of nodeIds) for (const key of tables.get(id)?.keys() ?? []) keys.add(key);
  return [...keys].sort().map((key) => {
    const values = nodeIds.map((id) => tables.get(id)?.get(key));
    const running = new Set(values.filter((_, i) => isUp(nodeIds[i])));
    return { key, values, diverged: running.size > 1 };
  });
}
