import { describe, expect, it } from 'vitest';
import type { BugInfo } from '@raftlab/protocol';
import { buggyClusterOptions, caughtByWords, setupWords } from './bugLabText';

const bug = (over: Partial<BugInfo>): BugInfo => ({
  name: 'figure8-commit',
  layer: 'raft',
  description: 'd',
  trigger: 't',
  caughtBy: { invariants: [], linearizability: false },
  ...over,
});

describe('the Bug lab’s words', () => {
  it('names the panel that catches a switch, with the properties’ names and sections', () => {
    expect(
      caughtByWords(bug({ caughtBy: { invariants: ['leader-commit-rule'], linearizability: false } })),
    ).toBe('the Safety panel (Leader commit rule §5.4.2)');
    expect(caughtByWords(bug({ caughtBy: { invariants: [], linearizability: true } }))).toBe(
      'the client history’s verdict (Not linearizable)',
    );
    expect(
      caughtByWords(
        bug({
          caughtBy: { invariants: ['leader-completeness', 'state-machine-safety'], linearizability: true },
        }),
      ),
    ).toBe(
      'the Safety panel (Leader Completeness §5.4, State Machine Safety §5.4.3), then the client history’s verdict (Not linearizable)',
    );
  });

  it('says what a recipe needs the cluster to run with, and creates it so', () => {
    expect(setupWords({ maxEntriesPerMessage: 1 })).toBe('one entry per AppendEntries');
    expect(setupWords({ checkQuorum: false, maxEntriesPerMessage: 3 })).toBe(
      '3 entries per AppendEntries, check-quorum off',
    );
    expect(setupWords(undefined)).toBe('');
    const bugs = [
      bug({ name: 'figure8-commit', setup: { maxEntriesPerMessage: 1 } }),
      bug({ name: 'local-linearizable-reads', setup: { checkQuorum: false } }),
      bug({ name: 'no-session-dedupe' }),
    ];
    expect(buggyClusterOptions(bugs, ['no-session-dedupe'])).toEqual({ bugs: ['no-session-dedupe'] });
    expect(buggyClusterOptions(bugs, ['figure8-commit', 'local-linearizable-reads'])).toEqual({
      bugs: ['figure8-commit', 'local-linearizable-reads'],
      maxEntriesPerMessage: 1,
      checkQuorum: false,
    });
  });
});
