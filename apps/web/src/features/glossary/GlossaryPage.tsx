/**
 * `/glossary`: every Raft word the dashboard defines, with its definition and a link to
 * its section, each at its own anchor (`/glossary#commit-index`). It needs no cluster.
 */
import { useEffect, useState } from 'react';
import { GLOSSARY, RAFT_PAPER, RAFT_THESIS } from './glossary';
import './glossary.css';

const anchor = () => decodeURIComponent(window.location.hash.slice(1));

export function GlossaryPage() {
  // The entry the address names, picked out. (CSS :target missed entries drawn after load.)
  const [target, setTarget] = useState(anchor);
  useEffect(() => {
    document.title = 'Glossary — RaftLab';
    // The entries are drawn after the page loaded, too late for the browser's own jump.
    if (target) document.getElementById(target)?.scrollIntoView();
    const onHash = () => setTarget(anchor());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
    // Only the first address is jumped to by hand; later ones the browser handles.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="glossary-page">
      <nav className="glossary-page__nav" aria-label="Site">
        <a href="/" className="glossary-page__brand">
          RaftLab
        </a>
        {window.history.length > 1 && (
          <button type="button" className="small" onClick={() => window.history.back()}>
            Back
          </button>
        )}
      </nav>
      <main className="glossary-page__main">
        <h1>Glossary</h1>
        <p className="glossary-page__intro">
          The words of Raft that the dashboard shows, each with the section that defines it: § alone is a
          section of the <a href={RAFT_PAPER}>Raft paper</a> (Ongaro and Ousterhout, extended version),
          “thesis §” one of <a href={RAFT_THESIS}>Diego Ongaro’s thesis</a>. On the dashboard, hover or focus
          an underlined word to see its entry.
        </p>
        <dl className="glossary">
          {GLOSSARY.map((entry) => (
            <div
              key={entry.id}
              id={entry.id}
              className={`glossary__entry${entry.id === target ? ' glossary__entry--target' : ''}`}
            >
              <dt>
                <a href={`#${entry.id}`} className="glossary__anchor">
                  {entry.term}
                </a>
              </dt>
              <dd>
                {entry.definition}{' '}
                <a href={entry.link} className="glossary__cite">
                  {entry.cite}
                </a>
              </dd>
            </div>
          ))}
        </dl>
      </main>
    </div>
  );
}
