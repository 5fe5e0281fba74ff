import { clusterNodes, docsShot, expect, leaderNode, openCluster, test } from './fixtures';

test('put replicates to every log and commits; get returns it; delete removes it', async ({ page }) => {
  const id = await openCluster(page, { seed: 8, options: { speed: 0.3 } });
  await expect(leaderNode(page)).toHaveCount(1);
  const results = page.getByRole('log', { name: 'Results' });

  await page.getByLabel('Key', { exact: true }).fill('color');
  await page.getByLabel('Value', { exact: true }).fill('blue');
  await page.getByRole('button', { name: 'Put', exact: true }).click();
  await expect(results.getByRole('listitem').first()).toContainText('blue');
  await expect(results.getByRole('listitem').first()).toContainText(/index \d+/);

  // The entry is in all five logs, and every node commits and applies it.
  await expect(page.getByText('put color=blue')).toHaveCount(5);
  await expect
    .poll(async () => (await clusterNodes(page.request, id)).every((n) => n.kv.color === 'blue'))
    .toBe(true);

  await page.getByRole('button', { name: 'Get', exact: true }).click();
  await expect(results.getByRole('listitem')).toHaveCount(2);
  await expect(results.getByRole('listitem').first()).toContainText(/get/i);
  await expect(results.getByRole('listitem').first()).toContainText('blue');

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(results.getByRole('listitem')).toHaveCount(3);
  await expect
    .poll(async () => (await clusterNodes(page.request, id)).every((n) => n.kv.color === undefined))
    .toBe(true);
  await page.getByRole('button', { name: 'Get', exact: true }).click();
  await expect(results.getByRole('listitem')).toHaveCount(4);
  await expect(results.getByRole('listitem').first()).toContainText(/not found/i);
});

test('dashboard screenshot for the README', async ({ page }) => {
  await openCluster(page, { seed: 4, options: { speed: 0.25 } });
  await expect(leaderNode(page)).toHaveCount(1);
  for (const [key, value] of [
    ['x', '1'],
    ['y', '2'],
  ]) {
    await page.getByLabel('Key', { exact: true }).fill(key);
    await page.getByLabel('Value', { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Put', exact: true }).click();
    await expect(page.getByText(`put ${key}=${value}`)).toHaveCount(5);
  }
  await page
    .getByRole('button', { name: /^Node \d+, follower/ })
    .first()
    .click();
  await page.getByLabel('Key', { exact: true }).fill('z');
  await page.getByLabel('Value', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Put', exact: true }).click();
  await expect(page.locator('[data-message-type="AppendEntries"]').first()).toBeAttached();
  await page.screenshot({ path: docsShot('dashboard.png') });
});

test('reads at each consistency level: linearizable, lease and stale', async ({ page }) => {
  const id = await openCluster(page, { seed: 12, options: { speed: 0.3 } });
  await expect(leaderNode(page)).toHaveCount(1);
  const results = page.getByRole('log', { name: 'Results' });
  await page.getByLabel('Key', { exact: true }).fill('level');
  await page.getByLabel('Value', { exact: true }).fill('v1');
  await page.getByRole('button', { name: 'Put', exact: true }).click();
  await expect(results.getByRole('listitem').first()).toContainText('v1');
  // Every node has applied the write, so even a stale read finds it.
  await expect
    .poll(async () => (await clusterNodes(page.request, id)).every((n) => n.kv.level === 'v1'))
    .toBe(true);
  for (const level of ['lease', 'stale'] as const) {
    await page.getByLabel('Read consistency').selectOption(level);
    await page.getByRole('button', { name: 'Get', exact: true }).click();
    await expect(results.getByRole('listitem').first()).toContainText(`(${level})`);
    await expect(results.getByRole('listitem').first()).toContainText('v1');
  }
  await expect(results.getByRole('listitem')).toHaveCount(3);
});
