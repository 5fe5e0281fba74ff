import { expect, test } from 'vitest';
import type { NodeObserver, ProgressStatus } from '@raftlab/raft';
import { ProgressCopier } from './node_state';

/** A leader's progress as `NodeObserver.withProgress` would visit it: peer id → match index. */
function leaderWith(matches: Record<number, number>): NodeObserver {
  const withProgress = (visit: (id: number, pr: Readonly<ProgressStatus>) => void) => {
    for (const [id, match] of Object.entries(matches)) {
      visit(Number(id), {
        matchIndex: match,
        nextIndex: match + 1,
        state: 'replicate',
        paused: false,
        recentActive: true,
      });
    }
  };
  return { withProgress } as unknown as NodeObserver;
}

test('ProgressCopier lists exactly the current peers, also when they change, and never edits an earlier copy', () => {
  const copier = new ProgressCopier();
  const copies: Array<[Record<number, number>, Record<number, ProgressStatus>]> = [];
  const rounds: Array<Record<number, number>> = [
    { 1: 5, 2: 5, 3: 4 },
    { 1: 6, 2: 5, 3: 6 }, // same peers
    { 1: 6, 2: 6, 4: 0 }, // as many peers, one replaced
    { 1: 7, 2: 7 }, // one fewer
    { 1: 7, 2: 7, 4: 3, 5: 0 }, // more
  ];
  for (const matches of rounds) {
    const copy = copier.copyFrom(leaderWith(matches));
    expect(copier.peers).toBe(Object.keys(matches).length);
    copies.push([matches, copy]);
  }
  for (const [matches, copy] of copies) {
    expect(Object.keys(copy)).toEqual(Object.keys(matches));
    for (const [id, match] of Object.entries(matches)) expect(copy[Number(id)].matchIndex).toBe(match);
  }
});
