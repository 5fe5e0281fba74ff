import { describe, expect, it } from 'vitest';
import type { Entry } from '@raftlab/protocol';
import { Simulation } from '@raftlab/sim';
import { columnRange, describeEntry, entryAt, termColor } from './logModel';

const e = (index: number, kind: Entry['kind'] = 'command', data = ''): Entry => ({
  index,
  term: 1,
  kind,
  data,
});

describe('columnRange', () => {
  it('shows everything when short', () => {
    expect(columnRange([[e(1), e(2)], [e(1)]])).toEqual([1, 2]);
  });
  it('spans from the lowest first index to the highest last index', () => {
    expect(columnRange([[e(450), e(451)], [e(300)]])).toEqual([300, 451]);
  });
  it('finds an entry by arithmetic, or nothing outside the log', () => {
    const log = [e(5), e(6), e(7)];
    expect(entryAt(log, 6)?.index).toBe(6);
    expect(entryAt(log, 4)).toBeUndefined();
    expect(entryAt(log, 8)).toBeUndefined();
    expect(entryAt([], 1)).toBeUndefined();
  });
  it('is empty without entries', () => {
    const [first, last] = columnRange([[], []]);
    expect(last - first + 1).toBe(0);
  });
});

describe('describeEntry', () => {
  it('reads commands however the KV layer nests the op', () => {
    expect(describeEntry(e(1, 'noop'))).toBe('noop');
    expect(describeEntry(e(1, 'command', JSON.stringify({ type: 'put', key: 'x', value: '1' })))).toBe(
      'put x=1',
    );
    expect(
      describeEntry(
        e(1, 'command', JSON.stringify({ clientId: 1, seq: 2, op: { type: 'delete', key: 'y' } })),
      ),
    ).toBe('del y');
    expect(describeEntry(e(1, 'command', 'not json'))).toBe('not json');
  });
  it('reads a config entry as the change it makes, as the simulator encodes it (thesis §4.1)', () => {
    const sim = new Simulation({ seed: 51, nodes: 3 });
    sim.runUntil(2_000_000);
    expect(sim.addNode().result).toMatchObject({ ok: true });
    sim.runUntil(sim.now + 2_000_000);
    expect(sim.removeNode(2)).toMatchObject({ ok: true });
    sim.runUntil(sim.now + 2_000_000);
    const configs = sim.view().nodes[0].log.filter((entry) => entry.kind === 'config');
    expect(configs.map(describeEntry)).toEqual(['add 4', 'remove 2']);
    expect(describeEntry(e(1, 'config', 'not json'))).toBe('config');
  });
  it('gives each term a stable colour', () => {
    expect(termColor(3)).toBe(termColor(3));
    expect(termColor(3)).not.toBe(termColor(4));
  });
});
