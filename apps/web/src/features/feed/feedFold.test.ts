import { describe, expect, it } from 'vitest';
import type { FeedBurst, FeedItem } from '../../store/narration/feedItem';
import { BURST_GAP_US, foldBursts } from './feedFold';

let nextId = 1;
/** A line at virtual time `t` µs, of `burst` if given; ids grow with each call. */
const line = (t: number, burst?: FeedBurst, text = `line ${nextId}`): FeedItem => ({
  id: nextId++,
  t,
  category: burst ? 'network' : 'election',
  text,
  rule: '§5.1',
  nodes: [],
  ...(burst ? { burst } : {}),
});
const restored: FeedBurst = { kind: 'link', up: true };
const cut: FeedBurst = { kind: 'link', up: false };
const lost: FeedBurst = { kind: 'dropped', reason: 'link-down' };
/** Newest first, as the feed shows them. */
const newestFirst = (items: FeedItem[]) => [...items].reverse();
const shape = (items: FeedItem[]) =>
  foldBursts(newestFirst(items)).map((l) =>
    l.kind === 'burst' ? `${l.text} [${l.items.length}]` : l.item.text,
  );

describe('foldBursts', () => {
  it('folds a heal restoring twelve links into one line that keeps the twelve', () => {
    const heal = Array.from({ length: 12 }, () => line(5_000_000, restored));
    const before = line(4_000_000, undefined, 'Node 2 became leader');
    const folded = foldBursts(newestFirst([before, ...heal]));
    expect(folded).toHaveLength(2);
    const [burst] = folded;
    expect(burst).toMatchObject({ kind: 'burst', text: '12 links restored', id: heal[0].id });
    if (burst.kind === 'burst')
      expect(burst.items.map((i) => i.id)).toEqual(newestFirst(heal).map((i) => i.id));
    expect(folded[1]).toEqual({ kind: 'item', item: before });
  });

  it('folds a flood of dropped messages, a line every few milliseconds, into one', () => {
    const flood = Array.from({ length: 37 }, (_, i) => line(1_000_000 + i * 20_000, lost));
    expect(shape(flood)).toEqual(['37 messages dropped (link down) [37]']);
  });

  it('leaves two lines as they are: they read as easily as a summary', () => {
    expect(shape([line(1, cut, 'a'), line(2, cut, 'b')])).toEqual(['b', 'a']);
  });

  it('keeps bursts of different kinds, and any line between, apart', () => {
    const items = [
      ...Array.from({ length: 3 }, (_, i) => line(i, cut)),
      ...Array.from({ length: 4 }, (_, i) => line(10 + i, restored)),
      line(20, undefined, 'Node 3 timed out'),
      ...Array.from({ length: 3 }, (_, i) => line(30 + i, restored)),
      ...Array.from({ length: 3 }, (_, i) => line(40 + i, { kind: 'dropped', reason: 'loss' })),
    ];
    expect(shape(items)).toEqual([
      '3 messages dropped (lost by the link) [3]',
      '3 links restored [3]',
      'Node 3 timed out',
      '4 links restored [4]',
      '3 links cut [3]',
    ]);
  });

  it('does not join lines of one kind that are far apart in time', () => {
    const early = Array.from({ length: 3 }, (_, i) => line(i * 1000, lost));
    const late = Array.from({ length: 3 }, (_, i) => line(BURST_GAP_US * 5 + i * 1000, lost));
    expect(shape([...early, ...late])).toEqual([
      '3 messages dropped (link down) [3]',
      '3 messages dropped (link down) [3]',
    ]);
  });

  it('keeps a growing burst’s id, so an opened burst stays open', () => {
    const burst = Array.from({ length: 3 }, () => line(7, restored));
    const [first] = foldBursts(newestFirst(burst));
    const [grown] = foldBursts(newestFirst([...burst, line(7, restored)]));
    expect(grown.kind === 'burst' && first.kind === 'burst' && grown.id === first.id).toBe(true);
  });
});
