/** App name, cluster id with its Share panel, the glossary's link, connection status and virtual clock. */
import { BugLab } from './BugLab';
import { useEffect, useState } from 'react';
import { applyTheme, initialTheme, type Theme } from './theme';
import { useRaft } from '../store/store';
import { selectLeaderId, selectMaxTerm, selectMayControl } from '../store/selectors';
import type { ConnectionStatus } from '../store/types';
import { GLOSSARY_PATH, momentPath } from '../api/route';
import { VirtualClock } from '../features/clock/VirtualClock';
import { SharePanel } from '../features/access/SharePanel';
import { togglePresenter, usePresenter } from './presenter';
import './header.css';

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  idle: 'Starting',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
};

function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => initialTheme());
  useEffect(() => applyTheme(theme), [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  const name = next === 'dark' ? 'Dark theme' : 'Light theme';
  // A glyph, named in words: the header must fit 1280 px on one row with the clock paused.
  return (
    <button
      type="button"
      className="small header__icon"
      onClick={() => setTheme(next)}
      aria-label={name}
      title={name}
    >
      <span aria-hidden="true">{next === 'dark' ? '☾' : '☀'}</span>
    </button>
  );
}

/**
 * Presenter mode's switch: a toggle button with a glyph of a screen, named in words (the
 * header must fit 1280 px on one row, paused and with bugs on).
 */
function PresenterToggle() {
  const on = usePresenter();
  return (
    <button
      type="button"
      className="small header__icon header__present"
      aria-pressed={on}
      aria-label="Presenter mode"
      aria-keyshortcuts="p"
      title="Presenter mode: the ring large, for a projector (p)"
      onClick={togglePresenter}
    >
      <svg width="16" height="14" viewBox="0 0 16 14" aria-hidden="true">
        <rect x="1" y="1" width="14" height="9" rx="1" />
        <path d="M8 10v3M5 13h6" />
      </svg>
    </button>
  );
}

export interface HeaderProps {
  /** Opens the keyboard-shortcut help. */
  onHelp: () => void;
}

export function Header({ onHelp }: HeaderProps) {
  const clusterId = useRaft((s) => s.clusterId);
  const connection = useRaft((s) => s.connection);
  const paused = useRaft((s) => s.clock.paused);
  const leader = useRaft(selectLeaderId);
  const term = useRaft(selectMaxTerm);
  const bugs = useRaft((s) => s.config?.bugs ?? null);
  const at = useRaft((s) => s.moment?.at ?? null);
  const control = useRaft(selectMayControl);
  const controlOpen = useRaft((s) => s.controlOpen);
  // The moment shown: a past one is part of the link ("look at event 1,234").
  const link = clusterId ? `${window.location.origin}${momentPath(clusterId, at)}` : '';

  return (
    <header className="header">
      <div className="brand">
        <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true">
          <circle className="brand__ring" cx="14" cy="14" r="12" strokeWidth="3" />
          <circle className="brand__leader" cx="14" cy="5" r="3.5" />
          <circle className="brand__follower" cx="6" cy="19" r="3" />
          <circle className="brand__follower" cx="22" cy="19" r="3" />
        </svg>
        <h1>RaftLab</h1>
      </div>
      <div className="header__cluster">
        {clusterId ? (
          <>
            {/* The id alone, no "Cluster" label before it: the header keeps one row at 1280 px. */}
            <a
              href={momentPath(clusterId, at)}
              className="cluster-link"
              aria-label={`Share link: ${link}`}
              title="This cluster's link"
            >
              {clusterId}
            </a>
            {/* Beside the link it shares: the header must fit 1280 px on one row. */}
            <SharePanel clusterId={clusterId} />
          </>
        ) : (
          <span className="muted">…</span>
        )}
        <a href="/" className="header__link">
          New cluster
        </a>
        <a href="/learn" className="header__link">
          Learn
        </a>
        <BugLab />
        <a href={GLOSSARY_PATH} className="header__link">
          Glossary
        </a>
      </div>
      <div className="header__stats">
        <span>
          <span className="muted">term</span> {term}
        </span>
        <span>
          <span className="muted">leader</span> {leader ?? 'none'}
        </span>
        <VirtualClock />
        {paused && connection === 'live' && at === null && (
          <span className="badge badge--paused">paused</span>
        )}
        {/* The switches' names are in the note's name and title: spelled out, they wrapped the header. */}
        {bugs && bugs.length > 0 && (
          <span
            className="badge badge--bad"
            role="note"
            aria-label={`Warning: bug switches on: ${bugs.join(', ')}`}
            title={`This cluster runs with deliberate bugs: ${bugs.join(', ')}`}
          >
            ⚠ {bugs.length === 1 ? '1 bug' : `${bugs.length} bugs`}
          </span>
        )}
        {clusterId && !control && (
          <span
            className="badge badge--view"
            role="note"
            aria-label="View only: only the owner can change this cluster"
            title="Only the owner can change this cluster; Fork gives you a copy of your own"
          >
            view only
          </span>
        )}
        {clusterId && control && controlOpen && (
          <span
            className="badge badge--view"
            role="note"
            aria-label="Control open: everyone with the link can act"
            title="The owner opened control to everyone with the link"
          >
            open
          </span>
        )}
        <span
          className={`badge badge--${connection}`}
          role="status"
          aria-label={`Connection: ${STATUS_TEXT[connection]}`}
        >
          <span className="dot" aria-hidden="true" />
          {STATUS_TEXT[connection]}
        </span>
        <PresenterToggle />
        <button
          type="button"
          className="small header__icon"
          onClick={onHelp}
          aria-keyshortcuts="?"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          <span aria-hidden="true">?</span>
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
