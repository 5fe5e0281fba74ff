/**
 * The safety invariants as a live checklist: green while they hold; a violation turns
 * its line red, says what broke, and selects the nodes involved when clicked.
 */
import { useMemo } from 'react';
import { useRaft } from '../../store/store';
import { invariantChecklist } from './safetyModel';
import './safety.css';

export function SafetyPanel() {
  const violations = useRaft((s) => s.violations);
  const highlightNodes = useRaft((s) => s.highlightNodes);
  const list = useMemo(() => invariantChecklist(violations), [violations]);
  const broken = list.filter((i) => i.violations.length > 0).length;
  return (
    <section className="panel safety" aria-label="Safety">
      <div className="panel__head">
        <h2>Safety</h2>
        <span className={broken ? 'badge badge--bad' : 'badge badge--good'}>
          {broken ? `${broken} violated` : 'all hold'}
        </span>
      </div>
      <ul className="safety__list">
        {list.map((inv) => {
          const ok = inv.violations.length === 0;
          return (
            <li
              key={inv.id}
              className={ok ? 'safety__item safety__item--ok' : 'safety__item safety__item--bad'}
            >
              <span className="safety__mark" aria-hidden="true">
                {ok ? '✓' : '✗'}
              </span>
              <span className="safety__name">
                {inv.name} <span className="muted">{inv.rule}</span>
                <span className="sr-only">{ok ? ': holds' : ': violated'}</span>
              </span>
              {inv.violations.slice(-3).map((v, i) => (
                <button
                  type="button"
                  key={i}
                  className="safety__violation"
                  onClick={() => highlightNodes(v.nodes)}
                  aria-label={`${inv.name} violated: ${v.message}. Select nodes ${v.nodes.join(', ')}`}
                >
                  {v.message}
                  {v.nodes.length > 0 && <span className="muted"> — nodes {v.nodes.join(', ')}</span>}
                </button>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
