import { describe, expect, it } from 'vitest';
import type { Entry, KvOp } from '@raftlab/protocol';
import { kvRows, replayKv } from './kvReplay';

const cmd = (index: number, clientId: number, seq: number, op: KvOp): Entry => ({
  index,
  term: 1,
  kind: 'command',
  data: JSON.stringify({ clientId, seq, op }),
});

describe('replayKv', () => {
  const log: Entry[] = [
    { index: 1, term: 1, kind: 'noop', data: '' },
    cmd(2, 1, 1, { type: 'put', key: 'x', value: '1' }),
    cmd(3, 1, 1, { type: 'put', key: 'x', value: '1' }),
    cmd(4, 2, 1, { type: 'put', key: 'y', value: '2' }),
    cmd(5, 1, 2, { type: 'delete', key: 'x' }),
  ];
  it('applies committed puts and deletes up to the applied index only', () => {
    expect(replayKv(undefined, log, 4)).toEqual({ kv: { x: '1', y: '2' }, complete: true });
    expect(replayKv(undefined, log, 5).kv).toEqual({ y: '2' });
  });
  it('starts from the snapshot’s table and skips what it already holds', () => {
    expect(replayKv({ kv: { z: '9' }, applied: 4 }, log, 5).kv).toEqual({ z: '9' });
  });
  it('says so when entries between the snapshot and the log are missing', () => {
    expect(replayKv(undefined, log.slice(2), 5).complete).toBe(false);
  });
  it('applies a retried write once', () => {
    const retried = [
      cmd(1, 1, 1, { type: 'put', key: 'x', value: 'a' }),
      cmd(2, 2, 1, { type: 'put', key: 'x', value: 'b' }),
      cmd(3, 1, 1, { type: 'put', key: 'x', value: 'a' }),
    ];
    expect(replayKv(undefined, retried, 3).kv).toEqual({ x: 'b' });
  });
});

describe('kvRows', () => {
  it('lines up every key across nodes and marks divergence', () => {
    const rows = kvRows(
      { 1: { kv: { x: '1' }, complete: true }, 2: { kv: { x: '2', y: '3' }, complete: true } },
      [1, 2],
    );
    expect(rows).toEqual([
      { key: 'x', values: ['1', '2'], diverged: true },
      { key: 'y', values: [undefined, '3'], diverged: true },
    ]);
  });
});
