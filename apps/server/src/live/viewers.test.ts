import { describe, expect, it } from 'vitest';
import { LIMITS, type ServerFrame, type SnapshotFrame } from '@raftlab/protocol';
import type { SimEvent } from '@raftlab/sim';
import { ViewerSet, type Viewer } from './viewers';

class FakeViewer implements Viewer {
  bufferedAmount = 0;
  frames: ServerFrame[] = [];
  send(data: string) {
    this.frames.push(JSON.parse(data));
  }
  close() {}
}

const snapshot = { type: 'snapshot', clusterId: 'x' } as unknown as SnapshotFrame;
const clock = { now: 1, seq: 0, speed: 1, paused: false };
const event = (seq: number) => ({ type: 'node-crashed', node: 1, t: seq, seq }) as SimEvent;

describe('ViewerSet back-pressure', () => {
  it('sends one batch per flush to a healthy viewer', () => {
    const set = new ViewerSet(() => snapshot);
    const viewer = new FakeViewer();
    set.add(viewer);
    set.enqueue(event(1));
    set.enqueue(event(2));
    set.flush(clock, 10_000);
    expect(viewer.frames.map((f) => f.type)).toEqual(['snapshot', 'events']);
    expect((viewer.frames[1] as { events: unknown[] }).events).toHaveLength(2);
  });

  it('skips a viewer whose buffer is full, then resyncs it with a snapshot once drained', () => {
    const set = new ViewerSet(() => snapshot);
    const slow = new FakeViewer();
    const fast = new FakeViewer();
    set.add(slow);
    set.add(fast);
    slow.bufferedAmount = LIMITS.maxViewerBufferBytes + 1;
    for (let i = 0; i < 100; i++) {
      set.enqueue(event(i));
      set.flush(clock, 10_000 + i);
    }
    expect(slow.frames).toHaveLength(1); // only the first snapshot
    expect(fast.frames).toHaveLength(101);
    slow.bufferedAmount = 0;
    set.enqueue(event(200));
    set.flush(clock, 20_000);
    expect(slow.frames.map((f) => f.type)).toEqual(['snapshot', 'snapshot']);
  });

  it('answers a resync at the next flush even when nothing happened (a paused cluster)', () => {
    const set = new ViewerSet(() => snapshot);
    const back = new FakeViewer();
    const other = new FakeViewer();
    set.add(back);
    set.add(other);
    set.flush(clock, 10_000); // the clock frame of this second
    set.resync(back);
    set.flush(clock, 10_033);
    expect(back.frames.map((f) => f.type)).toEqual(['snapshot', 'events', 'snapshot']);
    expect(other.frames.map((f) => f.type)).toEqual(['snapshot', 'events']);
    set.flush(clock, 10_066);
    expect(back.frames).toHaveLength(3);
  });

  it('does not queue events while nobody watches', () => {
    const set = new ViewerSet(() => snapshot);
    for (let i = 0; i < 10; i++) set.enqueue(event(i));
    const viewer = new FakeViewer();
    set.add(viewer);
    set.flush(clock, 10_000);
    const frame = viewer.frames[1] as { events: unknown[] };
    expect(frame.events).toHaveLength(0);
  });

  it('sends a heartbeat round trip that began and ended between two flushes as a tally', () => {
    const set = new ViewerSet(() => snapshot);
    const viewer = new FakeViewer();
    set.add(viewer);
    const heartbeat = {
      type: 'AppendEntries',
      from: 1,
      to: 2,
      term: 1,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [],
      leaderCommit: 0,
    };
    const answer = { type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 0 };
    const events = [
      { type: 'message-sent', t: 1, seq: 1, message: { id: 7, sentAt: 1, deliverAt: 2, msg: heartbeat } },
      { type: 'message-delivered', t: 2, seq: 2, id: 7 },
      { type: 'message-sent', t: 2, seq: 3, message: { id: 8, sentAt: 2, deliverAt: 3, msg: answer } },
      { type: 'message-delivered', t: 3, seq: 4, id: 8 },
      event(5),
    ] as SimEvent[];
    for (const e of events) set.enqueue(e);
    set.flush(clock, 10_000);
    expect(viewer.frames[1]).toMatchObject({
      events: [{ type: 'node-crashed', seq: 5 }],
      heartbeats: [{ leader: 1, follower: 2, count: 1, lastAt: 3 }],
    });
  });
});
