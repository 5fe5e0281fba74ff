/**
 * The cluster's family: the cluster it was forked or rewound away from, the branches
 * that left it (each with the moment it left), linked; for one of them, the first event
 * at which the two runs differ (GET /diverge), which the page can show. Below, the
 * run's trace to download, and a trace to upload and open.
 */
import type { Lineage } from '@raftlab/protocol';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { clusterPath } from '../../api/route';
import { useRaft } from '../../store/store';
import { seekTo } from './moves';
import { formatCount } from './timelineModel';
import { TraceFiles } from './TraceFiles';
import './branches.css';

/** The parent and the branches of cluster `id`, fetched again whenever `refresh` changes. */
function useFamily(id: string | null, refresh: unknown): { parent: Lineage | null; branches: Lineage[] } {
  const [family, setFamily] = useState<{ parent: Lineage | null; branches: Lineage[] }>({
    parent: null,
    branches: [],
  });
  useEffect(() => {
    if (!id) return;
    let current = true;
    api.getCluster(id).then(
      (state) => current && setFamily({ parent: state.parent ?? null, branches: state.branches ?? [] }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [id, refresh]);
  return family;
}

type Difference = { with: string; at: number | null } | { with: string; error: string };

function Compare({
  id,
  others,
}: {
  /** This cluster. */ id: string;
  /** Its parent and branches. */ others: string[];
}) {
  const [other, setOther] = useState('');
  const [result, setResult] = useState<Difference | null>(null);
  const chosen = others.includes(other) ? other : (others[0] ?? '');
  useEffect(() => {
    if (!chosen) return;
    let current = true;
    api.diverge(id, chosen).then(
      (reply) => current && setResult({ with: chosen, at: reply.at }),
      (err: unknown) =>
        current &&
        setResult({ with: chosen, error: err instanceof ApiError ? err.message : 'request failed' }),
    );
    return () => {
      current = false;
    };
  }, [id, chosen]);
  if (others.length === 0) return null;
  const shown = result?.with === chosen ? result : null;
  return (
    <div className="branches__compare">
      <label>
        <span>Compare with</span>
        <select value={chosen} onChange={(e) => setOther(e.target.value)}>
          {others.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <p className="branches__difference" role="status">
        {!shown ? (
          'Comparing…'
        ) : 'error' in shown ? (
          `Could not compare: ${shown.error}`
        ) : shown.at === null ? (
          'No difference: one run is the beginning of the other.'
        ) : (
          <>
            First difference at event {formatCount(shown.at)}{' '}
            <button type="button" className="small" onClick={() => seekTo(shown.at ?? 0)}>
              Show event {formatCount(shown.at)}
            </button>
          </>
        )}
      </p>
    </div>
  );
}

export function Branches() {
  const id = useRaft((s) => s.clusterId);
  const kept = useRaft((s) => s.keptBranch);
  const parentSeen = useRaft((s) => s.parent);
  const { parent, branches } = useFamily(id, `${kept?.id}-${parentSeen?.id}`);
  const from = parent ?? parentSeen;
  const others = [...(from ? [from.id] : []), ...branches.map((b) => b.id)];
  return (
    <section className="panel branches" aria-labelledby="branches-heading">
      <h2 id="branches-heading">Branches</h2>
      {from ? (
        <p className="branches__line">
          Forked from{' '}
          <a className="cluster-link" href={clusterPath(from.id)}>
            {from.id}
          </a>{' '}
          at event {formatCount(from.at)}
        </p>
      ) : (
        <p className="hint">An original run: not forked from another.</p>
      )}
      {branches.length > 0 ? (
        <ul className="branches__list" aria-label="Branches of this cluster">
          {branches.map((b) => (
            <li key={b.id}>
              <a className="cluster-link" href={clusterPath(b.id)}>
                {b.id}
              </a>
              <span className="muted"> left at event {formatCount(b.at)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">No branches yet: act in the past, or Fork, to make one.</p>
      )}
      {id && <Compare id={id} others={others} />}
      <TraceFiles />
    </section>
  );
}
