/**
 * The feed folds bursts: a partition cutting twelve links and the heal restoring them are
 * one line each, which opens onto the twelve.
 */
import { asOwner, expect, openElected, test } from './fixtures';

test('a heal restoring twelve links is one line in the feed, which opens onto the twelve', async ({
  page,
}) => {
  const id = await openElected(page, { nodes: 5, seed: 3, options: { speed: 0.5 } });
  const feed = page.getByRole('list', { name: 'Event feed' });
  const network = (body: object) =>
    page.request.put(`/api/clusters/${id}/network`, { data: body, headers: asOwner(id) });
  expect(
    (
      await network({
        partitions: [
          [1, 2],
          [3, 4, 5],
        ],
      })
    ).ok(),
  ).toBe(true);
  await expect(feed.getByText('12 links cut', { exact: false })).toBeVisible();
  expect((await page.request.post(`/api/clusters/${id}/network/heal`, { headers: asOwner(id) })).ok()).toBe(
    true,
  );
  const restored = feed.locator('details').filter({ hasText: '12 links restored' });
  await expect(restored).toBeVisible();
  // Folded, the twelve lines are not shown; opened, they are, each naming its link.
  const links = restored.getByRole('listitem');
  await expect(links.first()).toBeHidden();
  await restored.getByText('12 links restored').click();
  await expect(links).toHaveCount(12);
  await expect(links.first()).toBeVisible();
  await expect(links.filter({ hasText: /^[\d.]+ sLink from node \d+ to node \d+ restored/ })).toHaveCount(12);
  await page
    .getByRole('region', { name: 'Event feed' })
    .screenshot({ path: test.info().outputPath('feed-burst.png') });
  // It stays open as the feed goes on.
  await page.waitForTimeout(1500);
  await expect(links.first()).toBeVisible();
});
