import { clusterNodes, docsShot, expect, openElected, putFromForm, test } from './fixtures';

test('put replicates to every log and commits; get returns it; delete removes it', async ({ page }) => {
  const id = await openElected(page, { seed: 8, options: { speed: 0.3 } });
  const results = page.getByRole('log', { name: 'Results' });

  await putFromForm(page, 'color', 'blue');
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
  // A 404 to the request, and to the history a read that found the key absent.
  await expect(results.getByRole('listitem').first()).toContainText('color = (absent)');
});

test('dashboard screenshot for the README', async ({ page }) => {
  await openElected(page, { seed: 4, options: { speed: 0.25 } });
  for (const [key, value] of [
    ['x', '1'],
    ['y', '2'],
  ]) {
    await putFromForm(page, key, value);
    await expect(page.getByText(`put ${key}=${value}`)).toHaveCount(5);
  }
  await page
    .getByRole('button', { name: /^Node \d+, follower/ })
    .first()
    .click();
  await putFromForm(page, 'z', '3');
  await expect(page.locator('[data-message-type="AppendEntries"]').first()).toBeAttached();
  await page.screenshot({ path: docsShot('dashboard.png') });
});

test('reads at each consistency level: linearizable, lease and stale', async ({ page }) => {
  const id = await openElected(page, { seed: 12, options: { speed: 0.3 } });
  const results = page.getByRole('log', { name: 'Results' });
  await putFromForm(page, 'level', 'v1');
  await expect(results.getByRole('listitem').first()).toContainText('v1');
  // Every node has applied the write, so even a stale read finds it.
  await expect
    .poll(async () => (await clusterNodes(page.request, id)).every((n) => n.kv.level === 'v1'))
    .toBe(true);
  for (const level of ['lease', 'stale'] as const) {
    await page.getByLabel('Read consistency').selectOption(level);
    await page.getByRole('button', { name: 'Get', exact: true }).click();
    await expect(results.getByRole('listitem').first()).toContainText(`(${level} read)`, {
      useInnerText: true,
    });
    await expect(results.getByRole('listitem').first()).toContainText('v1');
  }
  await expect(results.getByRole('listitem')).toHaveCount(3);
});
