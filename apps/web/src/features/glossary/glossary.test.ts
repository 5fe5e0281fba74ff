import { describe, expect, it } from 'vitest';
import { GLOSSARY, RAFT_PAPER, RAFT_THESIS, glossaryEntry, glossaryHref } from './glossary';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('glossary', () => {
  it('defines every word the brief names', () => {
    const ids = new Set<string>(GLOSSARY.map((e) => e.id));
    for (const id of [
      'term',
      'vote',
      'candidate',
      'pre-candidate',
      'commit-index',
      'applied-index',
      'match-index',
      'next-index',
      'heartbeat',
      'quorum',
      'lease',
    ])
      expect(ids.has(id), id).toBe(true);
  });

  it('gives each entry a unique anchor usable in a URL fragment', () => {
    const ids = GLOSSARY.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(glossaryHref('commit-index')).toBe('/glossary#commit-index');
  });

  it('keeps definitions short: a tooltip, not an essay', () => {
    const long = GLOSSARY.filter((e) => words(e.definition) > 40).map(
      (e) => `${e.id}: ${words(e.definition)}`,
    );
    expect(long).toEqual([]);
  });

  it('cites a section of the paper or of the thesis, linked to that source', () => {
    for (const e of GLOSSARY) {
      if (e.section.startsWith('thesis ')) {
        expect(e.section, e.id).toMatch(/^thesis §\d+(\.\d+)*$/);
        expect(e.link, e.id).toBe(RAFT_THESIS);
        expect(e.cite, e.id).toBe(`Ongaro's thesis ${e.section.slice('thesis '.length)}`);
      } else {
        expect(e.section, e.id).toMatch(/^§\d+(\.\d+)*$/);
        expect(e.link, e.id).toBe(RAFT_PAPER);
        expect(e.cite, e.id).toBe(`Raft paper ${e.section}`);
      }
    }
  });

  it('looks entries up by id', () => {
    expect(glossaryEntry('lease').section).toBe('thesis §6.4.1');
  });
});
