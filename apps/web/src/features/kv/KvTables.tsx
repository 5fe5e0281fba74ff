/**
 * Each node's applied key-value table side by side, so divergence is visible. The tables
 * are the store's copies of the nodes' state machines (store/slices/kv.ts); a column
 * marked `*` is one the page could not follow exactly (it joined too late to see what
 * the node needs), and a crashed node holds no table until it restarts.
 */
import { useMemo } from 'react';
import { useThrottledRaft } from '../../store/useThrottled';
import type { RaftStore } from '../../store/store';
import { kvRows } from './kvRows';
import './tables.css';

const selectInputs = (s: RaftStore) => ({ nodeIds: s.nodeIds, nodes: s.nodes, mirrors: s.kvMirrors });

export function KvTables() {
  const { nodeIds, nodes, mirrors } = useThrottledRaft(selectInputs, 300);
  const rows = useMemo(() => {
    const tables = new Map(nodeIds.map((id) => [id, mirrors[id]?.table ?? new Map<string, string>()]));
    return kvRows(tables, nodeIds, (id) => nodes[id]?.up !== false);
  }, [nodeIds, nodes, mirrors]);
  return (
    <section className="panel kv-tables" aria-labelledby="kv-tables-heading">
      <div className="panel__head">
        <h2 id="kv-tables-heading">Applied state</h2>
        <p className="hint">Each node’s key-value table; a red row differs between nodes.</p>
      </div>
      {/* It scrolls: a tab stop, named, so the arrows can scroll it (WCAG 2.1.1). */}
      <div className="kv-tables__scroll" role="group" aria-labelledby="kv-tables-heading" tabIndex={0}>
        <table aria-label="Applied key-value tables">
          <thead>
            <tr>
              <th scope="col">Key</th>
              {nodeIds.map((id) => (
                <th scope="col" key={id}>
                  Node {id}
                  {nodes[id]?.up === false ? (
                    <span className="kv-tables__state">crashed</span>
                  ) : mirrors[id]?.complete === false ? (
                    '*'
                  ) : null}
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
      {nodeIds.some((id) => nodes[id]?.up !== false && mirrors[id]?.complete === false) && (
        <p className="hint">* The page joined too late to follow this node’s table exactly.</p>
      )}
    </section>
  );
}
