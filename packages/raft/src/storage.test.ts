import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './storage';
import type { Entry } from './types';

const e = (index: number, term: number): Entry => ({ index, term, kind: 'command', data: `${index}` });

describe('MemoryStorage', () => {
  it('starts empty with the configured voters', () => {
    const s = new MemoryStorage({ voters: [3, 1, 2] });
    expect(s.firstIndex()).toBe(1);
    expect(s.lastIndex()).toBe(0);
    expect(s.term(0)).toBe(0);
    expect(s.initialState()).toEqual({
      hardState: { term: 0, vote: 0, commit: 0 },
      confState: { voters: [1, 2, 3], learners: [] },
    });
  });

  it('appends, and truncates a conflicting suffix (§5.3)', () => {
    const s = new MemoryStorage();
    s.append([e(1, 1), e(2, 1), e(3, 1)]);
    s.append([e(2, 2)]);
    expect(s.entries(1, 3)).toEqual([e(1, 1), e(2, 2)]);
    expect(s.lastIndex()).toBe(2);
    expect(() => s.append([e(5, 2)])).toThrow(/gap/);
  });

  it('keeps the hard state (the simulated disk survives a crash)', () => {
    const s = new MemoryStorage();
    s.setHardState({ term: 3, vote: 2, commit: 0 });
    expect(s.initialState().hardState).toEqual({ term: 3, vote: 2, commit: 0 });
  });

  it('compacts, keeping the term of the last compacted entry', () => {
    const s = new MemoryStorage();
    s.append([e(1, 1), e(2, 2), e(3, 3)]);
    s.compact(2);
    expect(s.firstIndex()).toBe(3);
    expect(s.term(2)).toBe(2);
    expect(() => s.entries(2, 3)).toThrow(RangeError);
    expect(s.entries(3, 4)).toEqual([e(3, 3)]);
    s.append([e(1, 1), e(2, 2), e(3, 3), e(4, 3)]); // already-compacted prefix is skipped
    expect(s.lastIndex()).toBe(4);
  });

  it('applies a snapshot, replacing the log', () => {
    const s = new MemoryStorage();
    s.append([e(1, 1)]);
    s.applySnapshot({ metadata: { index: 5, term: 2, confState: { voters: [1], learners: [] } }, data: 'x' });
    expect(s.firstIndex()).toBe(6);
    expect(s.term(5)).toBe(2);
    expect(s.snapshot().data).toBe('x');
  });

  it('creates a snapshot at an index it holds, then compacts up to it (§7)', () => {
    const s = new MemoryStorage({ voters: [1] });
    s.append([e(1, 1), e(2, 1), e(3, 2)]);
    const conf = { voters: [1, 2], learners: [] };
    const snap = s.createSnapshot(2, conf, 'image');
    expect(snap).toEqual({ metadata: { index: 2, term: 1, confState: conf }, data: 'image' });
    expect(s.firstIndex()).toBe(1); // entries stay until compact
    s.compact(2);
    expect(s.firstIndex()).toBe(3);
    expect(s.snapshot()).toEqual(snap);
    expect(s.initialState().confState).toEqual(conf);
    expect(() => s.createSnapshot(2, conf, 'again')).toThrow(RangeError);
    expect(() => s.createSnapshot(4, conf, 'future')).toThrow(RangeError);
  });
});
