import type { Page } from '@playwright/test';
import { docsShot, expect, leaderNode, openCluster, test } from './fixtures';

async function send(page: Page, op: 'Put' | 'Get', key: string, value = ''): Promise<string> {
  // Answers only: the empty list's placeholder item must not count as one.
  const results = page
    .getByRole('log', { name: 'Results' })
    .getByRole('listitem')
    .filter({ hasNotText: 'No requests yet' });
  const before = await results.count();
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Value', { exact: true }).fill(value);
  await page.getByRole('button', { name: op, exact: true }).click();
  await expect(results).toHaveCount(before + 1, { timeout: 30_000 });
  return results.first().innerText();
}

test('the checker’s verdict on the lanes: linearizable, then a stale read from a deposed leader marked red with its prefix', async ({
  page,
}) => {
  // The bug switch answers "linearizable" reads from the leader's local state, and without
  // check-quorum a cut-off leader keeps believing it leads: a recipe for a stale read.
  await openCluster(page, {
    nodes: 3,
    seed: 5,
    options: { speed: 0.5, checkQuorum: false, bugs: ['local-linearizable-reads'] },
  });
  await expect(leaderNode(page)).toHaveCount(1);
  const history = page.getByRole('region', { name: 'Client history' });
  const badge = history.getByRole('status');
  await expect(badge).toHaveText('Not checked yet');

  await send(page, 'Put', 'x', '1');
  await history.getByRole('button', { name: 'Check history', exact: true }).click();
  await expect(badge).toHaveText('Linearizable ✓');
  await expect(history).toContainText('1 operation checked');

  await page.getByRole('button', { name: 'Isolate leader', exact: true }).click();
  // The majority elects a leader of its own; the old one, alone, still thinks it leads.
  await expect(leaderNode(page)).toHaveCount(2);
  await send(page, 'Put', 'x', '2');
  // Each request is a new client, and new clients spread over the nodes: within three
  // reads one reaches the old leader, which answers from its stale state (six, in case a
  // loaded machine lets a request time out before its answer).
  // Looked for in the whole list, not in the answer `send` read: the newest row may
  // belong to an earlier read that answered late.
  const staleAnswer = page
    .getByRole('log', { name: 'Results' })
    .getByRole('listitem')
    .filter({ hasText: 'GET' })
    .filter({ hasText: 'x = 1 —' });
  for (let i = 0; i < 6 && (await staleAnswer.count()) === 0; i++) await send(page, 'Get', 'x');
  expect(await staleAnswer.count(), 'one read reached the deposed leader').toBeGreaterThan(0);

  // Re-checked after the completions, without a click.
  await expect(badge).toHaveText('Not linearizable ✗');
  const lanes = history.getByRole('group', { name: 'Client history' });
  await expect(
    lanes.getByRole('button', { name: /^get x by client \d+: ok at index \d+, cannot be linearized$/ }),
  ).toHaveCount(1);
  await expect(
    lanes.getByRole('button', {
      name: /^put x = 1 by client \d+: ok at index \d+, in the linearizable prefix \(1\)$/,
    }),
  ).toHaveCount(1);
  await expect(
    lanes.getByRole('button', {
      name: /^put x = 2 by client \d+: ok at index \d+, in the linearizable prefix \(2\)$/,
    }),
  ).toHaveCount(1);
  await expect(history).toContainText(
    /key "x": operation #\d+ cannot be placed after a linearizable prefix of \d+/,
  );
  await expect(history.locator('pre')).toContainText('it returned "1", the model returns "2"');
  await history.screenshot({ path: docsShot('history-verdict.png') });
});
