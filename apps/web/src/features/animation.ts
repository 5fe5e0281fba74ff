/**
 * The imperative animation loop shared by the message and timer layers: a
 * requestAnimationFrame callback that gets the virtual time "now", extrapolated from
 * the last clock the server sent. React is not involved per frame.
 */
import { useEffect, useRef } from 'react';
import { extrapolate } from './clock/vclock';
import { raftStore } from '../store/store';

/** Calls `draw(vnow, wallNow)` every animation frame while the component is mounted. */
export function useAnimationFrame(draw: (vnow: number, wallNow: number) => void): void {
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  }, [draw]);
  useEffect(() => {
    let handle = 0;
    const frame = (wallNow: number) => {
      drawRef.current(extrapolate(raftStore.getState().clock, wallNow), wallNow);
      handle = requestAnimationFrame(frame);
    };
    handle = requestAnimationFrame(frame);
    return () => cancelAnimationFrame(handle);
  }, []);
}
