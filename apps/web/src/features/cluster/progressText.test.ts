import { describe, expect, it } from 'vitest';
import type { Progress } from '@raftlab/protocol';
import { badgeText, progressSentence } from './progressText';

const progress = (over: Partial<Progress> = {}): Progress => ({
  matchIndex: 3,
  nextIndex: 4,
  state: 'replicate',
  paused: false,
  recentActive: true,
  ...over,
});

describe('a leader’s progress in words', () => {
  it('keeps the badge short', () => {
    expect(badgeText(progress())).toBe('3/4 R');
    expect(badgeText(progress({ matchIndex: 0, nextIndex: 1, state: 'probe' }))).toBe('0/1 P');
  });
  it('names match index, next index and the state in words', () => {
    expect(progressSentence(2, progress())).toBe(
      "Leader's progress for node 2: match index 3, next index 4, Replicate (sending entries without waiting for answers)",
    );
    expect(progressSentence(5, progress({ state: 'probe', paused: true, recentActive: false }))).toBe(
      "Leader's progress for node 5: match index 3, next index 4, Probe (one AppendEntries at a time until the logs match), paused, not heard from lately",
    );
    expect(progressSentence(1, progress({ state: 'snapshot' }))).toMatch(/Snapshot \(sending a snapshot/);
  });
});
