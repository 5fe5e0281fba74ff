/** The virtual clock readout, updated imperatively (about 10 times a second). */
import { useCallback, useRef } from 'react';
import { raftStore } from '../../store/store';
import { msToNextPace, paceSlot, useAnimationFrame } from '../animation';
import { formatVirtualTime } from './vclock';

export function VirtualClock() {
  const ref = useRef<HTMLSpanElement>(null);
  // The readout changes at most every PACE_MS: faster, its digits only blur.
  const lastSlot = useRef(-1);
  const draw = useCallback((vnow: number, wallNow: number) => {
    if (!ref.current) return Number.POSITIVE_INFINITY;
    if (paceSlot(wallNow) === lastSlot.current) return msToNextPace(wallNow);
    lastSlot.current = paceSlot(wallNow);
    const text = formatVirtualTime(vnow);
    if (ref.current.textContent !== text) ref.current.textContent = text;
    const { paused, speed } = raftStore.getState().clock;
    return paused || speed === 0 ? Number.POSITIVE_INFINITY : msToNextPace(wallNow);
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
