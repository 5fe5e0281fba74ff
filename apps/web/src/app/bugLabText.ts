/**
 * The Bug lab's words for a switch's catalogue entry (GET /api/bugs): which panel will
 * catch it, and what the cluster is created with for its recipe to work.
 */
import { invariantInfo, type BugInfo, type ClusterOptions } from '@raftlab/protocol';

/** `the Safety panel (Leader Completeness §5.4, …), then the client history's verdict`. */
export function caughtByWords({ caughtBy }: Pick<BugInfo, 'caughtBy'>): string {
  const properties = caughtBy.invariants.map((name) => {
    const { title, section } = invariantInfo(name);
    return `${title} ${section}`;
  });
  const safety = properties.length > 0 ? `the Safety panel (${properties.join(', ')})` : null;
  const history = caughtBy.linearizability ? 'the client history’s verdict (Not linearizable)' : null;
  return safety && history ? `${safety}, then ${history}` : (safety ?? history ?? 'nothing yet');
}

type Setup = NonNullable<BugInfo['setup']>;

/** `one entry per AppendEntries, check-quorum off`; empty for a switch that needs nothing. */
export function setupWords(setup: Setup | undefined): string {
  if (!setup) return '';
  const words: string[] = [];
  const perMessage = setup.maxEntriesPerMessage;
  if (perMessage !== undefined)
    words.push(perMessage === 1 ? 'one entry per AppendEntries' : `${perMessage} entries per AppendEntries`);
  if (setup.checkQuorum === false) words.push('check-quorum off');
  if (setup.checkQuorum === true) words.push('check-quorum on');
  return words.join(', ');
}

/** The options a new cluster with `chosen` gets: the switches, and every setting their recipes need. */
export function buggyClusterOptions(
  bugs: readonly BugInfo[],
  chosen: readonly BugInfo['name'][],
): ClusterOptions {
  const setups = bugs.filter((b) => chosen.includes(b.name)).map((b) => b.setup ?? {});
  return Object.assign({ bugs: [...chosen] }, ...setups) as ClusterOptions;
}
