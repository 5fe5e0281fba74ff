/**
 * The legend explains everything the ring draws, in four tabs: nodes (roles, crown,
 * non-voters, caption, halo, violation ring), timers, messages, links and the progress badges —
 * whose names say match index, next index and state in words.
 */
import { expect, openElected, test } from './fixtures';

/** Each tab, its list's name and words it must hold (as shown: a closed tooltip's text is not). */
const TABS = [
  {
    tab: 'Nodes',
    list: 'Node legend',
    words: [
      'follower',
      'pre-candidate',
      'candidate',
      'leader',
      'crown',
      'crashed',
      'non-voter',
      'term',
      'vote',
      'halo',
      'safety violation',
    ],
  },
  {
    tab: 'Timers',
    list: 'Timer legend',
    words: ['election timeout running down', 'under a quarter left', 'no election timer'],
  },
  {
    tab: 'Messages',
    list: 'Message legend',
    words: [
      'RequestVote',
      'PreVote',
      'AppendEntries',
      'Heartbeat',
      'InstallSnapshot',
      'TimeoutNow',
      'ReadIndex',
      'lost',
    ],
  },
  {
    tab: 'Links',
    list: 'Link and progress legend',
    words: [
      'cut both ways',
      'cut one way',
      'match index 3',
      'next index 4',
      'Replicate',
      'Probe',
      'Snapshot',
    ],
  },
];

test('the legend covers nodes, timers, messages, links and progress badges, tab by tab', async ({ page }) => {
  await openElected(page, { nodes: 5, seed: 7, options: { speed: 0.3 } });
  const tabs = page.getByRole('tablist', { name: 'Legend' });
  await expect(tabs.getByRole('tab')).toHaveText(TABS.map((t) => t.tab));
  await expect(tabs.getByRole('tab', { name: 'Nodes' })).toHaveAttribute('aria-selected', 'true');
  await tabs.getByRole('tab', { name: 'Nodes' }).focus();
  for (const [i, { tab, list, words }] of TABS.entries()) {
    // Arrow keys move along the tabs, as the ARIA tabs pattern has it.
    if (i > 0) await page.keyboard.press('ArrowRight');
    await expect(tabs.getByRole('tab', { name: tab })).toBeFocused();
    await expect(tabs.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    const key = page.getByRole('tabpanel').getByRole('list', { name: list });
    for (const word of words) await expect(key).toContainText(word, { useInnerText: true });
    await page.locator('.ring-panel').screenshot({ path: test.info().outputPath(`legend-${tab}.png`) });
  }
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { name: 'Nodes' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(tabs.getByRole('tab', { name: 'Links' })).toBeFocused();

  // The words are defined where they stand, and the badges on the ring say it in words too.
  await page.keyboard.press('Home');
  const nodes = page.getByRole('list', { name: 'Node legend' });
  await expect(nodes.getByRole('button', { name: 'pre-candidate' })).toHaveAccessibleDescription(/pre-vote/);
  await expect(
    page.getByRole('img', {
      name: /^Leader's progress for node \d+: match index \d+, next index \d+, Replicate \(sending entries/,
    }),
  ).toHaveCount(4);
});
