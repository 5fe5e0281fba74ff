import { describe, expect, it } from 'vitest';
import { finishedLesson, forgetProgress, reachedStep, readProgress } from './progress';

/** localStorage's three calls over a Map, as a browser keeps them. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('lesson progress', () => {
  it('keeps the furthest step reached and whether a lesson was finished', () => {
    const storage = memoryStorage();
    expect(readProgress(storage)).toEqual({});
    reachedStep('election', 3, storage);
    reachedStep('election', 2, storage); // Back: the furthest step stays
    reachedStep('cast', 1, storage);
    expect(readProgress(storage)).toEqual({
      election: { step: 3, done: false },
      cast: { step: 1, done: false },
    });
    finishedLesson('cast', storage);
    reachedStep('cast', 1, storage); // played again: still done
    expect(readProgress(storage).cast).toEqual({ step: 1, done: true });
    forgetProgress(storage);
    expect(readProgress(storage)).toEqual({});
  });

  it('reads nothing it does not understand, and never throws', () => {
    const storage = memoryStorage();
    for (const junk of ['not json', '[1,2]', 'null', '{"a":{"step":0,"done":false},"b":{"step":2}}']) {
      storage.items.set('raftlab.lessonProgress', junk);
      expect(readProgress(storage)).toEqual({});
    }
    storage.items.set('raftlab.lessonProgress', '{"a":{"step":2,"done":true},"b":"x"}');
    expect(readProgress(storage)).toEqual({ a: { step: 2, done: true } });
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => reachedStep('cast', 1, refusing)).not.toThrow();
    expect(() => forgetProgress(refusing)).not.toThrow();
    expect(readProgress(null)).toEqual({});
  });
});
