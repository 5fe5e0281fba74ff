/**
 * A short tour of the dashboard, offered on a first visit (and from the help dialog):
 * one card per part of the page, that part picked out while its card shows. It never
 * blocks the page — the cluster runs on behind it — and `Skip tour` ends it for good.
 */
import { useEffect, useRef, useState } from 'react';
import { TOUR_STEPS } from './tourSteps';
import './tour.css';

/** Set once the tour was finished or skipped, so it is not offered again. */
export const TOUR_SEEN_KEY = 'raftlab.tourSeen';
/** The card's size about (tour.css), to choose the corner it covers least in. */
const CARD_WIDTH = 340;
const CARD_HEIGHT = 280;

export function tourSeen(): boolean {
  try {
    return localStorage.getItem(TOUR_SEEN_KEY) === '1';
  } catch {
    return true; // no storage (a locked-down browser): do not nag on every visit
  }
}

function markSeen(): void {
  try {
    localStorage.setItem(TOUR_SEEN_KEY, '1');
  } catch {
    // nothing to remember it in
  }
}

export interface TourProps {
  onClose: () => void;
}

export function Tour({ onClose }: TourProps) {
  const [k, setK] = useState(0);
  const card = useRef<HTMLDivElement>(null);
  const step = TOUR_STEPS[k];
  useEffect(() => {
    const target = document.querySelector(step.target);
    if (!target) return;
    target.classList.add('tour-target');
    target.scrollIntoView({ block: 'nearest' });
    // The card sits in a bottom corner: the one where it hides less of what it speaks of.
    const box = target.getBoundingClientRect();
    const covered = box.left < CARD_WIDTH + 32 && box.bottom > window.innerHeight - CARD_HEIGHT;
    card.current?.classList.toggle('tour--right', covered);
    return () => target.classList.remove('tour-target');
  }, [step.target]);
  const end = () => {
    markSeen();
    onClose();
  };
  const last = k === TOUR_STEPS.length - 1;
  return (
    <div ref={card} className="tour" role="dialog" aria-labelledby="tour-title" aria-describedby="tour-text">
      <p className="tour__where">
        {k + 1} of {TOUR_STEPS.length}
      </p>
      <h2 id="tour-title">{step.title}</h2>
      <p id="tour-text">{step.text}</p>
      <div className="tour__moves">
        <button type="button" className="small" onClick={end}>
          Skip tour
        </button>
        <button type="button" className="small" disabled={k === 0} onClick={() => setK(k - 1)}>
          Back
        </button>
        {last ? (
          <a className="tour__learn" href="/learn" onClick={markSeen}>
            Start a lesson
          </a>
        ) : null}
        <button type="button" className="small primary" onClick={last ? end : () => setK(k + 1)}>
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </div>
  );
}
