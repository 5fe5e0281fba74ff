/**
 * "Bug lab": creates a fresh cluster with known Raft mistakes switched on, so a person
 * can watch how each one breaks safety or linearizability. For each switch it says how
 * to see it go wrong and which panel catches it (the catalogue's words, GET /api/bugs),
 * and creates the cluster with the settings the recipes need. It opens in this tab.
 */
import { useEffect, useState } from 'react';
import type { BugInfo, BugName } from '@raftlab/protocol';
import { api } from '../api/client';
import { buggyClusterOptions, caughtByWords, setupWords } from './bugLabText';

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
      const cluster = await api.createCluster({ options: buggyClusterOptions(bugs, chosen) });
      window.location.assign(`/c/${cluster.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <details className="bug-lab" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Bug lab</summary>
      <div className="bug-lab__panel" role="group" aria-label="Bug switches">
        <p className="muted">
          A new cluster with real Raft mistakes switched on. Each says how to see it go wrong and which panel
          catches it.
        </p>
        {bugs.map((bug) => {
          const setup = setupWords(bug.setup);
          return (
            <div key={bug.name} className="bug-lab__bug">
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(bug.name)}
                  onChange={() => toggle(bug.name)}
                  aria-describedby={`bug-${bug.name}-how`}
                />
                <span>
                  <code>{bug.name}</code> — {bug.description}
                </span>
              </label>
              <dl className="bug-lab__how" id={`bug-${bug.name}-how`}>
                <dt>To see it</dt>
                <dd>{bug.trigger}</dd>
                <dt>Caught by</dt>
                <dd>{caughtByWords(bug)}</dd>
                {setup && (
                  <>
                    <dt>Runs with</dt>
                    <dd>{setup}</dd>
                  </>
                )}
              </dl>
            </div>
          );
        })}
        {error && <p role="alert">{error}</p>}
        <button type="button" onClick={() => void create()} disabled={chosen.length === 0}>
          Create buggy cluster
        </button>
      </div>
    </details>
  );
}
