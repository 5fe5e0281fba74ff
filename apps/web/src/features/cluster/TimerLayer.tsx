/**
 * Election-timer arcs, drawn imperatively every frame: each node's arc runs down from
 * timerStart to timerEnd against the extrapolated virtual clock. This layer owns the
 * children of its `<g>`; React renders only the empty group.
 */
import { useCallback, useRef } from 'react';
import { raftStore } from '../../store/store';
import { msUntilNextStep, timerRemaining } from '../clock/vclock';
import { Pacer, useAnimationFrame } from '../animation';
import { FAST_SPEED } from '../../store/useThrottled';
import { timerArcPath, type RingLayout } from './layout';

const SVG_NS = 'http://www.w3.org/2000/svg';

/*
 * Above FAST_SPEED the arcs are paced (see Pacer). A follower's timer is reset by every
 * heartbeat (every 50 ms of virtual time, §5.2): at 2× that is every 25 ms, under two
 * frames, so redrawing each frame shows only flicker, yet repainting nine arcs every
 * frame was a quarter of the page's main-thread time at 10× (bench:web, 9 nodes).
 */
/** Arcs are drawn in steps of 1/100 of a turn: finer steps are under a pixel. */
const STEPS = 100;

export interface TimerLayerProps {
  /** Ring geometry: node positions and radius. */
  layout: RingLayout;
}

export function TimerLayer({ layout }: TimerLayerProps) {
  const groupRef = useRef<SVGGElement>(null);
  const arcs = useRef(new Map<number, SVGPathElement>());
  const pacer = useRef(new Pacer());

  const draw = useCallback(
    (vnow: number, wallNow: number, storeChanged: boolean) => {
      const group = groupRef.current;
      if (!group) return Number.POSITIVE_INFINITY;
      const { nodes, nodeIds, clock } = raftStore.getState();
      const paced = clock.speed > FAST_SPEED;
      if (paced && !pacer.current.due(wallNow, clock.speed, storeChanged))
        return pacer.current.wait(wallNow, clock.speed);
      const speed = clock.paused ? 0 : clock.speed;
      let next = Number.POSITIVE_INFINITY;
      const inner = layout.nodeRadius + 4;
      const outer = layout.nodeRadius + 10;
      for (const id of nodeIds) {
        const node = nodes[id];
        const at = layout.positions.get(id);
        let path = arcs.current.get(id);
        if (!path) {
          path = document.createElementNS(SVG_NS, 'path');
          path.setAttribute('class', 'timer-arc');
          group.appendChild(path);
          arcs.current.set(id, path);
        }
        const remaining = node?.up ? timerRemaining(node.timerStart, node.timerEnd, vnow) : null;
        if (!at || remaining === null) {
          if (path.getAttribute('d')) path.setAttribute('d', '');
          continue;
        }
        // Quantised to 1/100 of a turn and written only when it changes: an unchanged
        // attribute costs no style, layout or paint.
        const q = Math.round(remaining * STEPS) / STEPS;
        next = Math.min(next, msUntilNextStep(remaining, node.timerEnd! - node.timerStart!, speed, STEPS));
        const d = timerArcPath(q, inner, outer);
        if (path.getAttribute('d') !== d) {
          path.setAttribute('transform', `translate(${at.x},${at.y})`);
          path.setAttribute('d', d);
          path.classList.toggle('timer-arc--low', q < 0.25);
        }
      }
      for (const [id, path] of arcs.current) {
        if (!nodes[id]) {
          path.remove();
          arcs.current.delete(id);
        }
      }
      return paced && next < Number.POSITIVE_INFINITY ? pacer.current.wait(wallNow, clock.speed) : next;
    },
    [layout],
  );
  useAnimationFrame(draw);
  return <g ref={groupRef} className="timer-layer" aria-hidden="true" />;
}
