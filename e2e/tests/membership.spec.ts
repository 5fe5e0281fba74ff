import { clusterNodes, expect, leaderOf, openElected, test } from './fixtures';

test('Transfer leadership moves the leader to the selected node (§3.10)', async ({ page }) => {
  await openElected(page, { seed: 21, options: { speed: 0.5 } });
  const old = await leaderOf(page);
  const target = old.id === 1 ? 2 : 1;
  await page.getByRole('button', { name: new RegExp(`^Node ${target}, follower`) }).click();
  await page.getByRole('button', { name: 'Transfer leadership', exact: true }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${target}, leader`) })).toBeVisible({
    timeout: 10_000,
  });
});

test('Add node grows the ring with node n+1 (thesis §4.1)', async ({ page }) => {
  const id = await openElected(page, { nodes: 3, seed: 21, options: { speed: 0.5 } });
  // A new leader first commits its no-op (thesis §4.1), so the first click may be refused: retry.
  await expect(async () => {
    await page.getByRole('button', { name: 'Add node', exact: true }).click();
    await expect(page.getByRole('button', { name: /^Node 4, / })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect.poll(async () => (await clusterNodes(page.request, id)).length).toBe(4);
});

test('Remove node takes the selected follower out of the leader’s replication (thesis §4.1)', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 21, options: { speed: 0.5 } });
  const leader = await leaderOf(page);
  const progress = (node: number) =>
    page.getByRole('img', { name: new RegExp(`^Leader's progress for node ${node}: `) });
  const victim = leader.id === 1 ? 2 : 1;
  await expect(progress(victim)).toHaveCount(1);
  // A new leader first commits an entry of its own term (thesis §4.1): wait for that, so
  // the change is not refused.
  await expect
    .poll(async () => {
      const l = (await clusterNodes(page.request, id)).find((n) => n.id === leader.id)!;
      return l.commit > 0 && l.commit === l.lastIndex;
    })
    .toBe(true);
  await page.getByRole('button', { name: new RegExp(`^Node ${victim}, follower`) }).click();
  await page.getByRole('button', { name: 'Remove node', exact: true }).click();
  // The removed server reads as a non-voter, on the ring, in its log and in the feed.
  const removed = page.getByRole('button', {
    name: new RegExp(`^Node ${victim}, follower, term \\d+, not a voter$`),
  });
  await expect(removed).toBeVisible();
  await expect(removed).toContainText('non-voter');
  await expect(page.getByText('no: outside its configuration')).toBeVisible();
  await expect(page.locator('.log-cell', { hasText: `remove ${victim}` }).first()).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Event feed' }).getByText(`Node ${victim} is no longer a voter`),
  ).toBeVisible();
  // Once the change commits, the leader tracks only the four members left.
  await expect(progress(victim)).toHaveCount(0);
  await expect(page.getByRole('img', { name: /^Leader's progress for node \d+: / })).toHaveCount(3);
  await expect
    .poll(async () => {
      const l = (await clusterNodes(page.request, id)).find((n) => n.role === 'leader');
      return l?.progress ? Object.keys(l.progress).sort() : null;
    })
    .toEqual(['1', '2', '3', '4', '5'].filter((n) => n !== String(victim)));
});
