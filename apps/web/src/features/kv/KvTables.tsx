/** Each node's applied key-value table side by side, so divergence is visible. */
import { useMemo } from 'react';
import { useThrottledRaft } from '../../store/useThrottled';
import type { RaftStore } from '../../store/store';
import { kvRows, replayKv, type KvTable } from './kvReplay';
import './tables.css';

const selectInputs = (s: RaftStore) => ({
  nodeIds: s.nodeIds,
  logs: s.logs,
  nodes: s.nodes,
  kvBase: s.kvBase,
});

/** Tables are memoised per node on (log, applied, base), so a replay runs only on change. */
const cache = new WeakMap<object, Map<number, KvTable>>();
function tableFor(log: object, applied: number, compute: () => KvTable): KvTable {
  let byApplied = cache.get(log);
  if (!byApplied) cache.set(log, (byApplied = new Map()));
  let t = byApplied.get(applied);
  if (!t) byApplied.set(applied, (t = compute()));
  return t;
}

export function KvTables() {
  const { nodeIds, logs, nodes, kvBase } = useThrottledRaft(selectInputs, 300);
  const tables = useMemo(() => {
    const out: Record<number, KvTable> = {};
    for (const id of nodeIds) {
      const log = logs[id] ?? [];
      const applied = nodes[id]?.applied ?? 0;
      out[id] = tableFor(log, applied, () => replayKv(kvBase[id], log, applied));
    }
    return out;
  }, [nodeIds, logs, nodes, kvBase]);
  const rows = kvRows(tables, nodeIds);
  return (
    <section className="panel kv-tables" aria-labelledby="kv-tables-heading">
      <div className="panel__head">
        <h2 id="kv-tables-heading">Applied state</h2>
        <p className="hint">Each node’s key-value table; a red row differs between nodes.</p>
      </div>
      <div className="kv-tables__scroll">
        <table aria-label="Applied key-value tables">
          <thead>
            <tr>
              <th scope="col">Key</th>
              {nodeIds.map((id) => (
                <th scope="col" key={id}>
                  Node {id}
                  {tables[id]?.complete === false ? '*' : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={nodeIds.length + 1} className="hint">
                  No keys yet.
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.key} className={row.diverged ? 'kv-row--diverged' : undefined}>
                <th scope="row">{row.key}</th>
                {row.values.map((v, i) => (
                  <td key={nodeIds[i]}>{v ?? <span className="muted">—</span>}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
