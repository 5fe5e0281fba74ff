import { LIMITS } from '@raftlab/protocol';
import { describe, expect, it } from 'vitest';
import { SEEK_BURST_MS, SEEK_CPU_SHARE, SeekPacer, type PacerTime } from './seek_pacer';

/** Virtual milliseconds: deferred work runs when the test moves time on. */
class FakeTime implements PacerTime {
  t = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  now = () => this.t;
  defer = (fn: () => void, ms: number) => {
    const timer = { at: this.t + Math.max(0, ms), fn, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  };
  /** Runs every timer due up to `until`, in order, moving the clock to each. */
  runUntil(until: number): void {
    for (;;) {
      const due = this.timers.filter((x) => x.live && x.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.live = false;
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = Math.max(this.t, until);
  }
}

/** A pacer whose seeks each take `cost` virtual ms, recording what it computed. */
function pacer(cost: number, socket = { bufferedAmount: 0 }) {
  const time = new FakeTime();
  const ran: number[] = [];
  const p = new SeekPacer(
    socket,
    (at) => {
      ran.push(at);
      time.t += cost;
    },
    time,
  );
  return { p, time, ran, socket };
}

describe('SeekPacer', () => {
  it('computes only the latest of the seeks that arrive together, on the next turn', () => {
    const { p, time, ran } = pacer(5);
    for (let at = 1; at <= 50; at++) p.request(at);
    expect(ran).toEqual([]);
    time.runUntil(0);
    expect(ran).toEqual([50]);
    expect(p.waiting).toBe(false);
  });

  it('answers a drag of a few seconds without delay: one seek in flight at a time, within the burst', () => {
    const { p, time, ran } = pacer(40);
    // A page that asks again 20 ms after each answer: 60 ms a seek, 40 of them CPU.
    for (let i = 0; i < 25; i++) {
      const asked = time.t;
      p.request(i);
      time.runUntil(time.t);
      expect(ran.at(-1)).toBe(i);
      expect(time.t - asked).toBe(40); // computed at once
      time.runUntil(time.t + 20);
    }
  });

  it('holds a client that never waits to its share of a core, delaying rather than refusing it', () => {
    const { p, time, ran } = pacer(50);
    const seconds = 20;
    // Asks again the moment each answer is computed, for 20 virtual seconds.
    let asked = 0;
    p.request(asked);
    while (time.t < seconds * 1000) {
      const before = ran.length;
      time.runUntil(time.t + 1);
      if (ran.length > before) p.request(++asked);
    }
    const cpu = ran.length * 50;
    expect(cpu).toBeLessThanOrEqual(SEEK_BURST_MS + seconds * 1000 * SEEK_CPU_SHARE + 50);
    expect(cpu).toBeGreaterThan(seconds * 1000 * SEEK_CPU_SHARE * 0.9);
  });

  it('computes nothing for a socket over its buffer limit, and the waiting seek once it drains', () => {
    const { p, time, ran, socket } = pacer(5);
    socket.bufferedAmount = LIMITS.maxViewerBufferBytes + 1;
    p.request(7);
    time.runUntil(1_000);
    expect(ran).toEqual([]);
    expect(p.waiting).toBe(true);
    socket.bufferedAmount = 0;
    time.runUntil(1_100);
    expect(ran).toEqual([7]);
  });

  it('forgets a waiting seek when the viewer goes live', () => {
    const { p, time, ran } = pacer(5);
    p.request(3);
    p.cancel();
    time.runUntil(100);
    expect(ran).toEqual([]);
    p.request(4);
    time.runUntil(200);
    expect(ran).toEqual([4]);
  });
});
