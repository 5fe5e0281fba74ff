import { lessonById } from '@raftlab/lessons';
import { describe, expect, it } from 'vitest';
import { initialLessonState } from './lessonStore';
import { spotlitNodes } from './spotlight';

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
