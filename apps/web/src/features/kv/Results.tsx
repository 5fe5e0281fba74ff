/** The answers to KV requests, newest first. */
import { useRaft } from '../../store/store';
import type { KvResultRow } from '../../store/types';
import './requests.css';

function describe(r: KvResultRow): string {
  if (!r.ok) return `${r.key}: ${r.error ?? 'failed'}`;
  const where = `index ${r.index} · term ${r.term} · node ${r.node}`;
  switch (r.op) {
    case 'put':
      return `${r.key} = ${r.value ?? ''} — ${where}`;
    case 'get':
      return `${r.key} = ${r.value === null ? '(absent)' : r.value} — ${where}`;
    case 'delete':
      return `${r.key} deleted — ${where}`;
    case 'cas':
      return `${r.key} ${r.swapped ? 'swapped' : 'not swapped'}, now ${r.value === null ? '(absent)' : r.value} — ${where}`;
  }
}

export function Results() {
  const results = useRaft((s) => s.results);
  return (
    <div className="results">
      <h3 id="results-heading">Results</h3>
      <ol className="results__list" role="log" aria-label="Results">
        {results.length === 0 && <li className="hint">No requests yet.</li>}
        {results.map((r) => (
          <li key={r.id} className={r.ok ? 'result result--ok' : 'result result--error'}>
            <span className="result__op">
              {r.op.toUpperCase()}
              {r.consistency && r.consistency !== 'linearizable' && (
                <span className="result__consistency"> ({r.consistency})</span>
              )}
            </span>
            <span className="result__text">{describe(r)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
