/** The `?` overlay: every keyboard shortcut, and the tour again. Esc or the Close button closes it. */
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';
import './help.css';

export interface HelpDialogProps {
  onClose: () => void;
  /** Starts the dashboard's tour again. */
  onTour: () => void;
}

export function HelpDialog({ onClose, onTour }: HelpDialogProps) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="overlay" onClick={onClose}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-heading"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="panel__head">
          <h2 id="help-heading">Keyboard shortcuts</h2>
          <button ref={close} type="button" className="small" onClick={onClose}>
            Close
          </button>
        </div>
        <dl className="help__list">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <p className="help__more">
          New here?{' '}
          <button type="button" className="small" onClick={onTour}>
            Take the tour
          </button>{' '}
          or <a href="/learn">learn Raft step by step</a>.
        </p>
      </div>
    </div>
  );
}
