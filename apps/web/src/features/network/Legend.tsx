/**
 * The key to everything the ring draws, in four tabs so it fits beside the ring: the
 * nodes (roles, crown, caption, halo), their timers, the messages in flight, and the
 * links with the leader's progress badges. Tabs follow the ARIA tabs pattern: arrow
 * keys, Home and End move between them.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { LegendLinks } from './LegendLinks';
import { LegendMessages } from './LegendMessages';
import { LegendNodes, LegendTimers } from './LegendNodes';
import './legend.css';

const TABS = [
  { name: 'Nodes', Key: LegendNodes },
  { name: 'Timers', Key: LegendTimers },
  { name: 'Messages', Key: LegendMessages },
  { name: 'Links', Key: LegendLinks },
] as const;

export function Legend() {
  const [shown, setShown] = useState(0);
  const id = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const move = (to: number) => {
    const next = (to + TABS.length) % TABS.length;
    setShown(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const to =
      e.key === 'ArrowRight'
        ? shown + 1
        : e.key === 'ArrowLeft'
          ? shown - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    move(to);
  };
  const { Key } = TABS[shown];
  return (
    <div className="legend">
      <div className="legend__tabs" role="tablist" aria-label="Legend" onKeyDown={onKeyDown}>
        {TABS.map((tab, i) => (
          <button
            key={tab.name}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${i}`}
            aria-selected={i === shown}
            aria-controls={`${id}-panel`}
            tabIndex={i === shown ? 0 : -1}
            className="legend__tab"
            onClick={() => setShown(i)}
          >
            {tab.name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${shown}`}>
        <Key />
      </div>
    </div>
  );
}
