import { LIMITS, type ServerFrame } from '@raftlab/protocol';
import { describe, expect, it } from 'vitest';
import { FrameGuard } from './frame_guard';
import type { Viewer } from './viewers';

/** A socket whose unsent bytes the test sets, as `ws` reports them in `bufferedAmount`. */
class Socket implements Viewer {
  bufferedAmount = 0;
  sent: ServerFrame[] = [];
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {}
}

describe('FrameGuard', () => {
  it('sends no pong or error frame to a socket over the buffer limit, and sends again once it drains', () => {
    const socket = new Socket();
    const guard = new FrameGuard(socket, 0);
    expect(guard.reply({ type: 'pong', id: 1 })).toBe(true);
    socket.bufferedAmount = LIMITS.maxViewerBufferBytes + 1;
    for (let i = 0; i < 1000; i++) guard.reply({ type: 'pong', id: i });
    guard.reply({ type: 'error', error: 'RAFTLAB_ERR_BAD_FRAME', message: 'junk' });
    expect(socket.sent).toEqual([{ type: 'pong', id: 1 }]);
    expect(guard.dropped).toBe(1001);
    socket.bufferedAmount = LIMITS.maxViewerBufferBytes;
    expect(guard.reply({ type: 'pong', id: 2 })).toBe(true);
    expect(socket.sent).toHaveLength(2);
  });

  it('admits a burst of twice the rate, then the rate', () => {
    const rate = LIMITS.maxClientFramesPerSecond;
    const guard = new FrameGuard(new Socket(), 0);
    let admitted = 0;
    while (guard.admit(0)) admitted++;
    expect(admitted).toBe(2 * rate);
    // One second later, one second's worth again.
    admitted = 0;
    while (guard.admit(1000)) admitted++;
    expect(admitted).toBe(rate);
    // A client that keeps to the rate is never refused.
    for (let i = 1; i <= 10 * rate; i++) expect(guard.admit(2000 + (i * 1000) / rate)).toBe(true);
  });
});
