import { describe, expect, it } from 'vitest';
import { pageOf } from './pages';

describe('pageOf', () => {
  it('tells the library, a lesson (step and speed from the query) and the dashboard apart', () => {
    expect(pageOf('/learn', '')).toEqual({ kind: 'learn' });
    expect(pageOf('/learn/', '')).toEqual({ kind: 'learn' });
    expect(pageOf('/glossary', '')).toEqual({ kind: 'glossary' });
    expect(pageOf('/learn/figure-8', '?step=3&speed=0.5')).toEqual({
      kind: 'lesson',
      id: 'figure-8',
      step: 3,
      speed: 0.5,
    });
    expect(pageOf('/learn/cast', '')).toEqual({ kind: 'lesson', id: 'cast', step: 1, speed: null });
    expect(pageOf('/c/abc123', '')).toEqual({ kind: 'dashboard' });
    expect(pageOf('/', '')).toEqual({ kind: 'dashboard' });
  });

  it('ignores a step or a speed that makes no sense', () => {
    expect(pageOf('/learn/cast', '?step=0&speed=99')).toMatchObject({ step: 1, speed: null });
    expect(pageOf('/learn/cast', '?step=2.5&speed=-1')).toMatchObject({ step: 1, speed: null });
    expect(pageOf('/learn/Cast!', '')).toEqual({ kind: 'dashboard' });
  });
});
