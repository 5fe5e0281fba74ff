/**
 * "Bug lab": creates a fresh cluster with known Raft mistakes switched on, so a person
 * can watch how each one breaks safety or linearizability (the Safety panel and the
 * history verdict catch them). The new cluster opens in this tab.
 */
import { useEffect, useState } from 'react';
import type { BugInfo, BugName } from '@raftlab/protocol';
import { api } from '../api/client';

export function BugLab() {
  const [open, setOpen] = useState(false);
  const [bugs, setBugs] = useState<BugInfo[]>([]);
  const [chosen, setChosen] = useState<BugName[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open || bugs.length > 0) return;
    api.bugs().then(
      (reply) => setBugs(reply.bugs),
      (e: Error) => setError(e.message),
    );
  }, [open, bugs.length]);

  const toggle = (name: BugName) =>
    setChosen((list) => (list.includes(name) ? list.filter((b) => b !== name) : [...list, name]));

  const create = async () => {
    try {
      const cluster = await api.createCluster({ options: { bugs: chosen } });
      window.location.assign(`/c/${cluster.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <details className="bug-lab" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Bug lab</summary>
      <div className="bug-lab__panel" role="group" aria-label="Bug switches">
        <p className="muted">A new cluster with real Raft mistakes switched on:</p>
        {bugs.map((bug) => (
          <label key={bug.name} className="bug-lab__bug">
            <input type="checkbox" checked={chosen.includes(bug.name)} onChange={() => toggle(bug.name)} />
            <span>
              <code>{bug.name}</code> — {bug.description}
            </span>
          </label>
        ))}
        {error && <p role="alert">{error}</p>}
        <button type="button" onClick={() => void create()} disabled={chosen.length === 0}>
          Create buggy cluster
        </button>
      </div>
    </details>
  );
}
