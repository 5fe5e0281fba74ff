/**
 * For tests of the stream (not part of the contract): a simulated run cut into the
 * frames a viewer gets at 10×, with the faults that make rejections, elections, losses
 * and duplicates — what `LevelOfDetail` must thin without changing what a viewer sees.
 */
import { Simulation } from '@raftlab/sim';
import type { SimEvent } from './cluster';
import type { SnapshotFrame } from './ws';

/** A frame at 10×: the server sends 30 a second, so each spans a third of a virtual second. */
export const FRAME_US = 333_333;

export interface RecordedRun {
  /** The snapshot a viewer gets before the first frame. */
  snapshot: SnapshotFrame;
  /** Each frame's events, whole. */
  frames: SimEvent[][];
}

/**
 * `seconds` of a 9-node cluster with a put every virtual second: the leader crashes at
 * 4 s, every node restarts at 7 s, a 4/5 partition from 9 s heals at 12 s, and from 13 s
 * the link 1 → 2 loses and duplicates 30% of its messages.
 */
export function recordFrames(seed: number, seconds: number): RecordedRun {
  const sim = new Simulation({ nodes: 9, seed });
  const snapshot: SnapshotFrame = {
    type: 'snapshot',
    clusterId: 'lod',
    clock: { now: 0, seq: 0, speed: 10, paused: false },
    view: sim.view(),
    history: [],
  };
  let current: SimEvent[] = [];
  sim.onEvent((e) => current.push(e as SimEvent));
  const frames: SimEvent[][] = [];
  let op = 0;
  while (sim.now < seconds * 1e6) {
    const t = sim.now + FRAME_US;
    sim.runUntil(t);
    const second = Math.floor(t / 1e6);
    const firstOfSecond = t % 1e6 < FRAME_US;
    if (firstOfSecond) sim.invoke(1 + (op % 3), { type: 'put', key: `k${op % 4}`, value: String(op++) });
    const leader = sim.leader();
    if (second === 4 && firstOfSecond && leader) sim.input({ kind: 'crash', node: leader });
    if (second === 7 && firstOfSecond) for (let n = 1; n <= 9; n++) sim.input({ kind: 'restart', node: n });
    if (second === 9 && firstOfSecond) {
      sim.input({
        kind: 'partition',
        groups: [
          [1, 2, 3, 4],
          [5, 6, 7, 8, 9],
        ],
      });
    }
    if (second === 12 && firstOfSecond) sim.input({ kind: 'heal' });
    if (second === 13 && firstOfSecond) {
      sim.input({
        kind: 'link-quality',
        from: 1,
        to: 2,
        quality: { loss: 0.3, duplicate: 0.3, latency: null },
      });
    }
    frames.push(current);
    current = [];
  }
  return { snapshot, frames };
}
