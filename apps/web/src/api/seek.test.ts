import { describe, expect, it } from 'vitest';
import type { ClientFrame } from '@raftlab/protocol';
import { SEEK_TIMEOUT_MS, SeekThrottle } from './seek';

function throttle() {
  const sent: ClientFrame[] = [];
  return { sent, seeks: new SeekThrottle((f) => sent.push(f)) };
}

describe('SeekThrottle', () => {
  it('keeps one seek in flight and sends only the latest position asked for meanwhile', () => {
    const { sent, seeks } = throttle();
    seeks.seek(10, 0);
    for (let at = 11; at <= 40; at++) seeks.seek(at, 1);
    expect(sent).toEqual([{ type: 'seek', at: 10 }]);
    expect(seeks.answered(5)).toBe(false);
    expect(sent).toEqual([
      { type: 'seek', at: 10 },
      { type: 'seek', at: 40 },
    ]);
    expect(seeks.answered(9)).toBe(true);
    expect(sent).toHaveLength(2);
  });
  it('does not ask again for the moment just answered', () => {
    const { sent, seeks } = throttle();
    seeks.seek(10, 0);
    seeks.seek(12, 1);
    seeks.seek(10, 2);
    expect(seeks.answered(3)).toBe(true);
    expect(sent).toEqual([{ type: 'seek', at: 10 }]);
  });
  it('going live drops what was queued, and sends at once', () => {
    const { sent, seeks } = throttle();
    seeks.seek(10, 0);
    seeks.seek(20, 1);
    seeks.live();
    expect(sent).toEqual([{ type: 'seek', at: 10 }, { type: 'live' }]);
    expect(seeks.answered(2)).toBe(true);
    expect(sent).toHaveLength(2);
  });
  it('going live gives up the seek in flight: its late answer is stale, and the next seek goes at once', () => {
    const { sent, seeks } = throttle();
    seeks.seek(10, 0);
    expect(seeks.answers(10)).toBe(true);
    seeks.live();
    expect(seeks.answers(10)).toBe(false);
    expect(seeks.busy(1)).toBe(false);
    seeks.seek(20, 1);
    expect(sent.at(-1)).toEqual({ type: 'seek', at: 20 });
    expect(seeks.answers(20)).toBe(true);
  });
  it('gives up on an unanswered seek after the timeout', () => {
    const { sent, seeks } = throttle();
    seeks.seek(10, 0);
    seeks.seek(20, SEEK_TIMEOUT_MS - 1);
    expect(sent).toHaveLength(1);
    seeks.seek(30, SEEK_TIMEOUT_MS);
    expect(sent.at(-1)).toEqual({ type: 'seek', at: 30 });
  });
  it('forgets everything when the socket closes', () => {
    const { sent, seeks } = throttle();
    seeks.seek(10, 0);
    seeks.seek(20, 1);
    seeks.reset();
    expect(seeks.busy(2)).toBe(false);
    seeks.seek(30, 3);
    expect(sent.map((f) => (f.type === 'seek' ? f.at : f.type))).toEqual([10, 30]);
  });
});
