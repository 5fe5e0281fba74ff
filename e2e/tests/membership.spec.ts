import { clusterNodes, expect, leaderNode, leaderOf, openCluster, test } from './fixtures';

test('Transfer leadership moves the leader to the selected node (§3.10)', async ({ page }) => {
  await openCluster(page, { seed: 21, options: { speed: 0.5 } });
  await expect(leaderNode(page)).toHaveCount(1);
  const old = await leaderOf(page);
  const target = old.id === 1 ? 2 : 1;
  await page.getByRole('button', { name: new RegExp(`^Node ${target}, follower`) }).click();
  await page.getByRole('button', { name: 'Transfer leadership', exact: true }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${target}, leader`) })).toBeVisible({
    timeout: 10_000,
  });
});

test('Add node grows the ring with node n+1 (thesis §4.1)', async ({ page }) => {
  const id = await openCluster(page, { nodes: 3, seed: 21, options: { speed: 0.5 } });
  await expect(leaderNode(page)).toHaveCount(1);
  // A new leader first commits its no-op (thesis §4.1), so the first click may be refused: retry.
  await expect(async () => {
    await page.getByRole('button', { name: 'Add node', exact: true }).click();
    await expect(page.getByRole('button', { name: /^Node 4, / })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect.poll(async () => (await clusterNodes(page.request, id)).length).toBe(4);
});
