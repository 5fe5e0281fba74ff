/** The virtual clock readout, updated imperatively (about 10 times a second). */
import { useCallback, useRef } from 'react';
import { useAnimationFrame } from '../animation';
import { formatVirtualTime } from './vclock';

export function VirtualClock() {
  const ref = useRef<HTMLSpanElement>(null);
  const lastDrawn = useRef(0);
  const draw = useCallback((vnow: number, wallNow: number) => {
    if (!ref.current || wallNow - lastDrawn.current < 100) return;
    lastDrawn.current = wallNow;
    const text = formatVirtualTime(vnow);
    if (ref.current.textContent !== text) ref.current.textContent = text;
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
