import { describe, expect, it } from 'vitest';
import type { InvariantName } from './invariant_catalogue';
import { InvariantChecker } from './invariants';
import { Simulation } from './simulation';
import type { NodeState, SimEvent, SimEventBody } from './types';

/** Feeds hand-made events to a checker and collects the names of what it reports. */
function run(bodies: SimEventBody[]): InvariantName[] {
  const checker = new InvariantChecker();
  return bodies.flatMap((body, seq) =>
    checker.observe({ ...body, t: seq, seq } as SimEvent).map((v) => v.invariant),
  );
}

function state(id: number, patch: Partial<NodeState>): SimEventBody {
  const node: NodeState = {
    id,
    up: true,
    role: 'follower',
    term: 1,
    vote: 0,
    leader: 0,
    commit: 0,
    applied: 0,
    lastIndex: 0,
    snapshotIndex: 0,
    voter: true,
    timerStart: null,
    timerEnd: null,
    progress: null,
    ...patch,
  };
  return { type: 'node-state', node };
}

const append = (
  node: number,
  ...entries: Array<[index: number, term: number, data: string]>
): SimEventBody => ({
  type: 'log-appended',
  node,
  entries: entries.map(([index, term, data]) => ({ index, term, kind: 'command' as const, data })),
});

describe('InvariantChecker on hand-made histories', () => {
  it('accepts a normal election, replication and commit', () => {
    expect(
      run([
        state(1, { role: 'leader', term: 1 }),
        append(1, [1, 1, 'a']),
        append(2, [1, 1, 'a']),
        state(1, { role: 'leader', term: 1, commit: 1, applied: 1, lastIndex: 1 }),
        state(2, { term: 1, commit: 1, applied: 1, lastIndex: 1 }),
        state(2, { role: 'leader', term: 2, commit: 1, lastIndex: 1 }),
      ]),
    ).toEqual([]);
  });

  it('catches two leaders in one term (Election Safety)', () => {
    expect(run([state(1, { role: 'leader', term: 3 }), state(2, { role: 'leader', term: 3 })])).toEqual([
      'election-safety',
    ]);
  });

  it('catches a leader truncating its own log (Leader Append-Only)', () => {
    expect(
      run([
        state(1, { role: 'leader', term: 2 }),
        append(1, [1, 2, 'a']),
        { type: 'log-truncated', node: 1, fromIndex: 1, term: 2 },
      ]),
    ).toEqual(['leader-append-only']);
    // Stepping down on a newer leader's AppendEntries and then truncating is allowed.
    expect(
      run([
        state(1, { role: 'leader', term: 2 }),
        append(1, [1, 2, 'a']),
        { type: 'log-truncated', node: 1, fromIndex: 1, term: 3 },
      ]),
    ).toEqual([]);
  });

  it('catches the same (index, term) with different commands, or after different histories (Log Matching)', () => {
    expect(run([append(1, [1, 1, 'a']), append(2, [1, 1, 'b'])])).toEqual(['log-matching']);
    expect(run([append(1, [1, 1, 'a'], [2, 2, 'x']), append(2, [1, 2, 'b'], [2, 2, 'x'])])).toEqual([
      'log-matching',
    ]);
  });

  it('catches a committed entry that changes (State Machine Safety)', () => {
    expect(
      run([
        append(1, [1, 1, 'a']),
        state(1, { commit: 1, lastIndex: 1 }),
        append(2, [1, 2, 'b']),
        state(2, { term: 2, commit: 1, lastIndex: 1 }),
      ]),
    ).toEqual(['state-machine-safety']);
    expect(
      run([
        append(1, [1, 1, 'a']),
        state(1, { commit: 1, lastIndex: 1 }),
        { type: 'log-truncated', node: 1, fromIndex: 1, term: 1 },
      ]),
    ).toEqual(['state-machine-safety']);
  });

  it('catches a leader elected without a committed entry (Leader Completeness)', () => {
    expect(
      run([
        append(1, [1, 1, 'a']),
        state(1, { commit: 1, lastIndex: 1 }),
        state(2, { role: 'leader', term: 2 }),
      ]),
    ).toEqual(['leader-completeness']);
  });

  it('catches a leader committing an entry of an older term by counting (Figure 8 rule)', () => {
    expect(
      run([
        append(1, [1, 1, 'a'], [2, 3, 'noop']),
        state(1, { role: 'leader', term: 3, lastIndex: 2 }),
        state(1, { role: 'leader', term: 3, commit: 1, lastIndex: 2 }),
      ]),
    ).toEqual(['leader-commit-rule']);
    expect(
      run([
        append(1, [1, 1, 'a'], [2, 3, 'noop']),
        state(1, { role: 'leader', term: 3, lastIndex: 2 }),
        state(1, { role: 'leader', term: 3, commit: 2, lastIndex: 2 }),
      ]),
    ).toEqual([]);
  });

  it('catches terms and commit indexes going back, and applied > commit', () => {
    expect(run([state(1, { term: 3 }), state(1, { term: 2 })])).toEqual(['monotonic-term']);
    expect(
      run([append(1, [1, 1, 'a']), state(1, { commit: 1, lastIndex: 1 }), state(1, { lastIndex: 1 })]),
    ).toEqual(['monotonic-commit']);
    expect(run([state(1, { applied: 2, commit: 1, lastIndex: 2 })])).toEqual(['index-order']);
  });

  it('reports a broken index order when it appears, not again while the indexes stay', () => {
    const broken = state(1, { applied: 2, commit: 1, lastIndex: 2 });
    expect(run([broken, broken, state(1, { applied: 3, commit: 1, lastIndex: 3 })])).toEqual([
      'index-order',
      'index-order',
    ]);
  });
});

describe('InvariantChecker inside the simulator', () => {
  it('finds nothing in runs with crashes, partitions and client load', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const sim = new Simulation({ nodes: 5, seed });
      const violations: SimEvent[] = [];
      sim.onEvent((e) => e.type === 'invariant-violated' && violations.push(e));
      let clientId = 1;
      for (let round = 0; round < 8; round++) {
        sim.runUntil(sim.now + 300_000);
        const leader = sim.leader();
        sim.invoke(clientId++, { type: 'put', key: `k${round % 3}`, value: `v${round}` });
        if (round % 3 === 0 && leader) sim.input({ kind: 'crash', node: leader });
        if (round % 3 === 1)
          sim.input({
            kind: 'partition',
            groups: [
              [1, 2],
              [3, 4, 5],
            ],
          });
        if (round % 3 === 2) {
          sim.input({ kind: 'heal' });
          for (let n = 1; n <= 5; n++) sim.input({ kind: 'restart', node: n });
        }
      }
      sim.runUntil(sim.now + 2_000_000);
      expect(violations, `seed ${seed}`).toEqual([]);
      expect(sim.violations).toBe(0);
    }
  });
});
