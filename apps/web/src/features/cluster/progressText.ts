/**
 * A leader's progress for one follower (§5.3; the states are etcd's flow control) in
 * words: the badge's short text on the ring, and the sentence that names it and that
 * the legend and its tooltip use.
 */
import type { Progress } from '@raftlab/protocol';

type ProgressState = Progress['state'];

/** The badge's letter for each state. */
export const STATE_LETTER: Record<ProgressState, string> = { probe: 'P', replicate: 'R', snapshot: 'S' };

/** Each state's name and what the leader is doing in it. */
export const STATE_WORDS: Record<ProgressState, { name: string; doing: string }> = {
  probe: { name: 'Probe', doing: 'one AppendEntries at a time until the logs match' },
  replicate: { name: 'Replicate', doing: 'sending entries without waiting for answers' },
  snapshot: { name: 'Snapshot', doing: 'sending a snapshot: the entries it needs were compacted' },
};

/** `3/4 R`: match index / next index, then the state's letter. */
export const badgeText = (p: Progress): string => `${p.matchIndex}/${p.nextIndex} ${STATE_LETTER[p.state]}`;

/**
 * `Leader's progress for node 3: match index 3, next index 4, Replicate (sending entries
 * without waiting for answers)`, with `, paused` (no more appends until an answer) and
 * `, not heard from lately` (not recently active) when they hold.
 */
export function progressSentence(peer: number, p: Progress): string {
  const { name, doing } = STATE_WORDS[p.state];
  const notes = `${p.paused ? ', paused' : ''}${p.recentActive ? '' : ', not heard from lately'}`;
  return `Leader's progress for node ${peer}: match index ${p.matchIndex}, next index ${p.nextIndex}, ${name} (${doing})${notes}`;
}
