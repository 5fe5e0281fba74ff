import { describe, expect, it } from 'vitest';
import type { Marker, MarkerKind } from '@raftlab/protocol';
import {
  adjacentMarker,
  groupTitle,
  markersAt,
  momentText,
  nextTrouble,
  thinMarkers,
  thinningEnd,
} from './timelineModel';

const marker = (at: number, kind: MarkerKind = 'write'): Marker => ({
  at,
  t: at * 1000,
  kind,
  label: `${kind} ${at}`,
});

describe('thinMarkers', () => {
  it('keeps markers far enough apart as groups of one', () => {
    const markers = [marker(0), marker(50), marker(100)];
    const groups = thinMarkers(markers, 100, 100, 8);
    expect(groups.map((g) => [g.lead.at, g.count, g.x])).toEqual([
      [0, 1, 0],
      [50, 1, 0.5],
      [100, 1, 1],
    ]);
  });
  it('joins markers closer than the gap, and shows the most important of them', () => {
    const markers = [
      marker(10),
      marker(11, 'leader'),
      marker(12, 'violation'),
      marker(13, 'crash'),
      marker(60),
    ];
    const groups = thinMarkers(markers, 100, 100, 8);
    expect(groups.map((g) => [g.lead.kind, g.count, g.from, g.to])).toEqual([
      ['violation', 4, 0, 4],
      ['write', 1, 4, 5],
    ]);
    expect(groups[0].x).toBeCloseTo(0.12);
  });
  it('puts every marker in exactly one group, however dense', () => {
    const markers = Array.from({ length: 5000 }, (_, i) => marker(i * 3, i % 97 === 0 ? 'crash' : 'write'));
    const groups = thinMarkers(markers, 15_000, 800, 9);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(5000);
    expect(groups.length).toBeLessThanOrEqual(800 / 9 + 1);
    for (let i = 1; i < groups.length; i++) expect(groups[i].from).toBe(groups[i - 1].to);
    // A crash inside a group of writes is what the group shows.
    expect(groups.filter((g) => g.lead.kind === 'crash')).toHaveLength(52);
  });
  it('draws everything at the start of an empty timeline', () => {
    expect(thinMarkers([marker(0), marker(0, 'leader')], 0, 500).map((g) => [g.x, g.count])).toEqual([
      [0, 2],
    ]);
    expect(thinMarkers([], 100, 500)).toEqual([]);
  });
});

describe('thinningEnd', () => {
  it('rounds a growing end up in steps of at most 9%, so the groups stay put for a while', () => {
    let steps = 0;
    for (let end = 2; end < 100_000; end++) {
      const scale = thinningEnd(end);
      expect(scale).toBeGreaterThanOrEqual(end);
      expect(scale).toBeLessThanOrEqual(Math.ceil(end * 1.091));
      if (scale !== thinningEnd(end - 1)) steps++;
    }
    expect(steps).toBeLessThan(8 * 17 + 1); // eight a doubling
    expect([0, 1].map(thinningEnd)).toEqual([0, 1]);
  });
});

describe('marker navigation', () => {
  const markers = [marker(5), marker(10, 'leader'), marker(10, 'write'), marker(20, 'crash')];
  it('finds the nearest marker strictly after or before a moment', () => {
    expect(adjacentMarker(markers, 0, 1)?.at).toBe(5);
    expect(adjacentMarker(markers, 5, 1)?.at).toBe(10);
    expect(adjacentMarker(markers, 10, 1)?.at).toBe(20);
    expect(adjacentMarker(markers, 20, 1)).toBeNull();
    expect(adjacentMarker(markers, 20, -1)?.at).toBe(10);
    expect(adjacentMarker(markers, 10, -1)?.at).toBe(5);
    expect(adjacentMarker(markers, 5, -1)).toBeNull();
    expect(adjacentMarker(markers, 15, -1)?.at).toBe(10);
  });
  it('lists the markers at a moment', () => {
    expect(markersAt(markers, 10).map((m) => m.kind)).toEqual(['leader', 'write']);
    expect(markersAt(markers, 11)).toEqual([]);
  });
  it('goes to the next trouble, and round to the first after the last', () => {
    const trouble = [marker(1), marker(4, 'violation'), marker(6), marker(9, 'nonlinearizable')];
    expect(nextTrouble(trouble, null)?.at).toBe(4);
    expect(nextTrouble(trouble, 4)?.at).toBe(9);
    expect(nextTrouble(trouble, 9)?.at).toBe(4);
    expect(nextTrouble([marker(1)], null)).toBeNull();
  });
});

describe('words for a moment', () => {
  it('reads the slider as event n of end, the time, and what happened there', () => {
    expect(momentText(1234, 5678, 12_345_678)).toBe('event 1,234 of 5,678 — 12.3 s');
    expect(momentText(7, 9, 0, [marker(7, 'leader')])).toBe('event 7 of 9 — 0.0 s: leader 7');
  });
  it('lists a group’s first markers in its tooltip and counts the rest', () => {
    const markers = Array.from({ length: 6 }, (_, i) => marker(i));
    const [group] = thinMarkers(markers, 100, 100);
    expect(groupTitle(markers, group, 2).split('\n')).toEqual([
      'write 0 (event 0)',
      'write 1 (event 1)',
      'and 4 more',
    ]);
  });
});
