import { lessonById } from '@raftlab/lessons';
import { describe, expect, it } from 'vitest';
import { initialLessonState } from './lessonStore';
import type { MessageInFlight } from '@raftlab/protocol';
import { messageSpotlight, spotlitLogCell, spotlitNodes } from './spotlight';

describe('spotlitNodes', () => {
  const lesson = lessonById('cast')!;
  const step = lesson.steps.findIndex((s) => s.highlight?.nodes?.length === 1);

  it('names the nodes of the step shown, and none outside a lesson or once it is finished', () => {
    expect(spotlitNodes(initialLessonState())).toEqual([]);
    const state = { ...initialLessonState(), lesson, step };
    expect(spotlitNodes(state)).toEqual(lesson.steps[step].highlight!.nodes);
    expect(spotlitNodes({ ...state, finished: true })).toEqual([]);
  });

  it('resolves bound names, and picks out nothing while a name is not bound yet', () => {
    const named = {
      ...lesson,
      steps: [{ title: 't', text: 't', highlight: { nodes: ['$old' as const, 2] } }],
    };
    const state = { ...initialLessonState(), lesson: named, step: 0 };
    expect(spotlitNodes(state)).toEqual([]);
    expect(spotlitNodes({ ...state, bindings: { old: 4 } })).toEqual([4, 2]);
  });
});

describe('spotlitLogCell', () => {
  it('names the node (resolved) and index of the step shown', () => {
    const lesson = lessonById('cast')!;
    const named = {
      ...lesson,
      steps: [{ title: 't', text: 't', highlight: { log: { node: '$leader' as const, index: 2 } } }],
    };
    const state = { ...initialLessonState(), lesson: named, step: 0 };
    expect(spotlitLogCell(state)).toBeNull();
    expect(spotlitLogCell({ ...state, bindings: { leader: 3 } })).toEqual({ node: 3, index: 2 });
    expect(spotlitLogCell({ ...state, bindings: { leader: 3 }, finished: true })).toBeNull();
  });
});

describe('messageSpotlight', () => {
  const flight = (msg: Record<string, unknown>) =>
    ({ id: 1, sentAt: 0, deliverAt: 1, msg }) as unknown as MessageInFlight;
  const vote = flight({ type: 'RequestVote', from: 2, to: 1, term: 3 });
  const beat = flight({ type: 'AppendEntries', from: 1, to: 2, term: 3, entries: [] });

  it('is null without a match, and tests each message against the step’s match', () => {
    expect(messageSpotlight(undefined, {})).toBeNull();
    const votes = messageSpotlight({ type: ['RequestVote', 'RequestVoteResponse'] }, {})!;
    expect(votes(vote)).toBe(true);
    expect(votes(beat)).toBe(false);
  });

  it('resolves names, and matches nothing while a name is unbound', () => {
    const fromLeader = (b: Record<string, number>) => messageSpotlight({ from: '$leader' }, b)!;
    expect(fromLeader({})(beat)).toBe(false);
    expect(fromLeader({ leader: 1 })(beat)).toBe(true);
    expect(fromLeader({ leader: 1 })(vote)).toBe(false);
  });
});
