/**
 * The imperative animation loop shared by the message, timer and clock layers: one
 * requestAnimationFrame callback a frame, which gets the virtual time "now" extrapolated
 * from the last clock the server sent and hands it to every mounted layer. React is not
 * involved per frame. One callback rather than one per layer: each callback is a task
 * the browser schedules and a clock extrapolated again (bench:web counted ~60 callbacks
 * a second per layer).
 */
import { useEffect, useRef } from 'react';
import { extrapolate } from './clock/vclock';
import { raftStore } from '../store/store';

export type Draw = (vnow: number, wallNow: number) => void;

const draws = new Set<{ current: Draw }>();
let handle = 0;

function frame(wallNow: number): void {
  const vnow = extrapolate(raftStore.getState().clock, wallNow);
  for (const draw of draws) draw.current(vnow, wallNow);
  handle = draws.size > 0 ? requestAnimationFrame(frame) : 0;
}

/** Calls `draw(vnow, wallNow)` every animation frame while the component is mounted. */
export function useAnimationFrame(draw: Draw): void {
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  }, [draw]);
  useEffect(() => {
    draws.add(drawRef);
    if (handle === 0) handle = requestAnimationFrame(frame);
    return () => {
      draws.delete(drawRef);
      if (draws.size === 0 && handle !== 0) {
        cancelAnimationFrame(handle);
        handle = 0;
      }
    };
  }, []);
}
