import { describe, expect, it } from 'vitest';
import { RaftLog } from './log';
import { MemoryStorage } from './storage';
import type { Entry } from './types';

const e = (index: number, term: number): Entry => ({ index, term, kind: 'command', data: '' });
const terms = (ts: number[]) => ts.map((t, i) => e(i + 1, t));

function logWith(ts: number[]): RaftLog {
  const s = new MemoryStorage();
  s.append(terms(ts));
  return new RaftLog(s);
}

describe('RaftLog', () => {
  it('reads across stable and unstable entries', () => {
    const log = logWith([1, 1]);
    log.append([e(3, 2), e(4, 2)]);
    expect(log.lastIndex()).toBe(4);
    expect(log.term(2)).toBe(1);
    expect(log.term(4)).toBe(2);
    expect(log.term(5)).toBeUndefined();
    expect(log.slice(2, 5).map((x) => x.index)).toEqual([2, 3, 4]);
    expect(log.unstableEntries().map((x) => x.index)).toEqual([3, 4]);
    log.stableTo(4, 2);
    expect(log.unstableEntries()).toEqual([]);
  });

  it('§5.4.1 isUpToDate compares last term, then length', () => {
    const log = logWith([1, 2, 2]);
    expect(log.isUpToDate(1, 3)).toBe(true);
    expect(log.isUpToDate(3, 2)).toBe(true);
    expect(log.isUpToDate(2, 2)).toBe(false);
    expect(log.isUpToDate(9, 1)).toBe(false);
  });

  it('Figure 2 AppendEntries: rejects on prevLog mismatch', () => {
    const log = logWith([1, 1, 2]);
    expect(log.maybeAppend(3, 1, 0, [])).toBeUndefined();
    expect(log.maybeAppend(4, 2, 0, [])).toBeUndefined();
    expect(log.maybeAppend(3, 2, 0, [])).toBe(3);
  });

  it('Figure 2 AppendEntries: deletes a conflicting suffix and appends', () => {
    const log = logWith([1, 1, 2, 2]);
    expect(log.maybeAppend(2, 1, 0, [e(3, 3)])).toBe(3);
    expect(log.lastIndex()).toBe(3);
    expect(log.term(3)).toBe(3);
  });

  it('Figure 2 AppendEntries: ignores entries it already has (no truncation by a stale message)', () => {
    const log = logWith([1, 1, 2, 2]);
    expect(log.maybeAppend(1, 1, 0, [e(2, 1)])).toBe(2);
    expect(log.lastIndex()).toBe(4);
  });

  it('Figure 2 step 5: commit = min(leaderCommit, index of last new entry)', () => {
    const log = logWith([1, 1, 1, 1]);
    log.maybeAppend(1, 1, 4, [e(2, 1)]);
    expect(log.committed).toBe(2);
    log.maybeAppend(2, 1, 3, []);
    expect(log.committed).toBe(2);
    log.maybeAppend(4, 1, 3, []);
    expect(log.committed).toBe(3);
  });

  it('never truncates committed entries', () => {
    const log = logWith([1, 1]);
    log.commitTo(2);
    expect(() => log.maybeAppend(1, 1, 0, [e(2, 2)])).toThrow(/committed/);
  });

  it('§5.4.2 maybeCommit only commits entries of the given term', () => {
    const log = logWith([1, 2]);
    expect(log.maybeCommit(2, 3)).toBe(false);
    expect(log.maybeCommit(2, 2)).toBe(true);
    expect(log.committed).toBe(2);
  });

  it('findConflict and findConflictByTerm', () => {
    const log = logWith([1, 1, 2, 2, 3]);
    expect(log.findConflict([e(2, 1), e(3, 2)])).toBe(0);
    expect(log.findConflict([e(3, 2), e(4, 3)])).toBe(4);
    expect(log.findConflict([e(5, 3), e(6, 3)])).toBe(6);
    expect(log.findConflictByTerm(5, 2)).toBe(4);
    expect(log.findConflictByTerm(5, 1)).toBe(2);
    expect(log.findConflictByTerm(9, 5)).toBe(5);
    expect(log.findConflictByTerm(5, 0)).toBe(0);
  });

  it('Invariant: applied <= committed; nextCommittedEntries hands out the gap', () => {
    const log = logWith([1, 1, 1]);
    log.commitTo(2);
    expect(log.nextCommittedEntries().map((x) => x.index)).toEqual([1, 2]);
    log.appliedTo(2);
    expect(log.hasNextCommittedEntries()).toBe(false);
    expect(() => log.appliedTo(3)).toThrow();
  });
});
