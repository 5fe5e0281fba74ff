/** The virtual clock readout, updated imperatively (about 10 times a second). */
import { useCallback, useRef } from 'react';
import { raftStore } from '../../store/store';
import { useAnimationFrame } from '../animation';
import { formatVirtualTime } from './vclock';

/** The readout changes at most this often, wall ms: faster, its digits only blur. */
const REDRAW_MS = 100;

export function VirtualClock() {
  const ref = useRef<HTMLSpanElement>(null);
  const lastDrawn = useRef(0);
  const draw = useCallback((vnow: number, wallNow: number) => {
    if (!ref.current) return Number.POSITIVE_INFINITY;
    const since = wallNow - lastDrawn.current;
    if (since < REDRAW_MS) return REDRAW_MS - since;
    lastDrawn.current = wallNow;
    const text = formatVirtualTime(vnow);
    if (ref.current.textContent !== text) ref.current.textContent = text;
    const { paused, speed } = raftStore.getState().clock;
    return paused || speed === 0 ? Number.POSITIVE_INFINITY : REDRAW_MS;
  }, []);
  useAnimationFrame(draw);
  return (
    <span className="vclock" title="Virtual time">
      <span className="vclock__label">virtual time</span>
      <span className="vclock__value" ref={ref}>
        {formatVirtualTime(0)}
      </span>
    </span>
  );
}
