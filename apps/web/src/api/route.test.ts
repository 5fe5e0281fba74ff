import { describe, expect, it } from 'vitest';
import { clusterIdFromPath, isGlossaryPath, momentFromSearch, momentPath, searchWithMoment } from './route';

describe('the address of a moment', () => {
  it('reads ?at= as an event number, or the first violation', () => {
    expect(momentFromSearch('?at=1234')).toBe(1234);
    expect(momentFromSearch('?at=0')).toBe(0);
    expect(momentFromSearch('?x=1&at=7')).toBe(7);
    expect(momentFromSearch('?at=violation')).toBe('violation');
    expect(momentFromSearch('')).toBeNull();
    for (const bad of ['?at=', '?at=-1', '?at=01', '?at=1.5', '?at=abc', '?at=1234567890123456'])
      expect(momentFromSearch(bad), bad).toBeNull();
  });
  it('writes the live page without a moment and a past one with it', () => {
    expect(momentPath('abc', null)).toBe('/c/abc');
    expect(momentPath('abc', 1234)).toBe('/c/abc?at=1234');
    expect(clusterIdFromPath(momentPath('abc', 5).split('?')[0])).toBe('abc');
  });
  it('sets or removes `at` and keeps the other parameters', () => {
    expect(searchWithMoment('?debug=1', 5)).toBe('?debug=1&at=5');
    expect(searchWithMoment('?at=5&debug=1', null)).toBe('?debug=1');
    expect(searchWithMoment('?at=violation', 12)).toBe('?at=12');
    expect(searchWithMoment('?at=5', null)).toBe('');
  });
});

describe('pages without a cluster', () => {
  it('knows the glossary by its path alone', () => {
    expect(isGlossaryPath('/glossary')).toBe(true);
    expect(isGlossaryPath('/glossary/')).toBe(true);
    for (const other of ['/', '/c/glossary', '/glossaryx', '/glossary/term'])
      expect(isGlossaryPath(other), other).toBe(false);
  });
});
