import { clusterNodes, expect, openCluster, openElected, test } from './fixtures';

test('CAS swaps only when the key holds Expected; an empty Expected means absent', async ({ page }) => {
  const id = await openElected(page, { seed: 8, options: { speed: 0.3 } });
  const results = page.getByRole('log', { name: 'Results' });
  await page.getByLabel('Key', { exact: true }).fill('k');
  await page.getByLabel('Value', { exact: true }).fill('1');
  await page.getByLabel('Expected', { exact: true }).fill('');
  await page.getByRole('button', { name: 'CAS', exact: true }).click();
  await expect(results.getByRole('listitem').first()).toContainText('k swapped, now 1');
  await page.getByLabel('Value', { exact: true }).fill('2');
  await page.getByLabel('Expected', { exact: true }).fill('nope');
  await page.getByRole('button', { name: 'CAS', exact: true }).click();
  await expect(results.getByRole('listitem').first()).toContainText('k not swapped, now 1');
  await page.getByLabel('Expected', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'CAS', exact: true }).click();
  await expect(results.getByRole('listitem').first()).toContainText('k swapped, now 2');
  await expect
    .poll(async () => (await clusterNodes(page.request, id)).every((n) => n.kv.k === '2'))
    .toBe(true);
});

test('per-link loss, duplication and latency reach the cluster', async ({ page }) => {
  const id = await openCluster(page, { seed: 2, options: { speed: 0.3 } });
  await page.getByText('Loss, duplication and latency per link').click();
  const form = page.getByRole('form', { name: 'Link quality' });
  await form.getByLabel('From').selectOption('1');
  await form.getByLabel('To').selectOption('3');
  await form.getByLabel('Loss %').fill('25');
  await form.getByLabel('Duplicate %').fill('10');
  await form.getByLabel('Latency min (ms)').fill('5');
  await form.getByLabel('Latency max (ms)').fill('40');
  await form.getByRole('checkbox', { name: 'Both directions' }).uncheck();
  await form.getByRole('button', { name: 'Apply to link' }).click();
  await expect
    .poll(async () => (await (await page.request.get(`/api/clusters/${id}`)).json()).view.linkQualities)
    .toEqual([
      { from: 1, to: 3, quality: { loss: 0.25, duplicate: 0.1, latency: { minUs: 5000, maxUs: 40000 } } },
    ]);
  await expect(page.getByRole('list', { name: 'Event feed' })).toContainText(
    'Link from node 1 to node 3 now loses 25% and duplicates 10%',
  );
});

test('a cluster with bug switches carries a warning badge', async ({ page }) => {
  await openCluster(page, { seed: 2, options: { speed: 0.3, bugs: ['forget-vote-on-restart'] } });
  await expect(
    page.getByRole('note', { name: 'Warning: bug switches on: forget-vote-on-restart' }),
  ).toBeVisible();
});
