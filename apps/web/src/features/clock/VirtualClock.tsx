/** The virtual clock readout, updated imperatively (about 10 times a second, with the store: see Pacer). */
import { useCallback, useRef } from 'react';
import { raftStore } from '../../store/store';
import { useAnimationFrame } from '../animation';
import { Pacer } from '../pace';
import { formatVirtualTime } from './vclock';
import './clock.css';

export function VirtualClock() {
  const ref = useRef<HTMLSpanElement>(null);
  // The readout changes at most every PACE_MIN_MS: faster, its digits only blur.
  const pacer = useRef(new Pacer());
  const draw = useCallback((vnow: number, wallNow: number, storeChanged: boolean) => {
    if (!ref.current) return Number.POSITIVE_INFINITY;
    const { paused, speed } = raftStore.getState().clock;
    if (!pacer.current.due(wallNow, speed, storeChanged)) return pacer.current.wait(wallNow, speed);
    const text = formatVirtualTime(vnow);
    if (ref.current.textContent !== text) ref.current.textContent = text;
    return paused || speed === 0 ? Number.POSITIVE_INFINITY : pacer.current.wait(wallNow, speed);
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
