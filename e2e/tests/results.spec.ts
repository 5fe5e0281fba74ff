/**
 * Client results tell one truth: a write whose request timed out (504) is shown as the
 * history settles it — pending, then a success — in Results as in Operations; a stale
 * read is read from the node the reader picks, and says it may be out of date.
 */
import { asOwner, clusterNodes, expect, leaderOf, openElected, putFromForm, test } from './fixtures';

test('a write that timed out but then succeeded reads as a success in Results and in Operations', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = await openElected(page, { seed: 12, options: { speed: 0.3 } });
  const clock = (paused: boolean) =>
    page.request.put(`/api/clusters/${id}/clock`, { data: { paused }, headers: asOwner(id) });
  // With the clock stopped the write cannot commit, and the server's wall-clock budget
  // for the request (15 s) runs out: 504, outcome unknown as far as HTTP can tell.
  expect((await clock(true)).ok()).toBe(true);
  await putFromForm(page, 'late', 'v');
  const results = page.getByRole('log', { name: 'Results' });
  const row = results.getByRole('listitem').first();
  await expect(row).toContainText('still pending in the cluster', { timeout: 30_000 });
  await expect(row).not.toContainText('outcome unknown');
  const ops = page.getByRole('list', { name: 'Operations' });
  const op = ops.getByRole('listitem', { name: /^put late = v by client \d+: / });
  await expect(op).not.toHaveAccessibleName(/: ok/);

  expect((await clock(false)).ok()).toBe(true);
  await expect(op).toHaveAccessibleName(/: ok at index \d+, term \d+, served by node \d+$/);
  await expect(row).toContainText(
    /late = v — index \d+ · term \d+ · node \d+ \(answered after the request timed out\)/,
  );
  await expect(row).toHaveClass(/result--ok/);
  await page
    .getByRole('region', { name: 'Client requests' })
    .screenshot({ path: test.info().outputPath('late-write.png') });
});

test('a stale read comes from the node the reader picks and is shown as stale', async ({ page }) => {
  const id = await openElected(page, { seed: 12, options: { speed: 0.3 } });
  const leader = await leaderOf(page);
  const results = page.getByRole('log', { name: 'Results' });
  await putFromForm(page, 'k', 'old');
  await expect(results.getByRole('listitem').first()).toContainText('k = old');
  await expect
    .poll(async () => (await clusterNodes(page.request, id)).every((n) => n.kv.k === 'old'))
    .toBe(true);

  // Cut one follower off; the majority moves on without it.
  const nodes = await clusterNodes(page.request, id);
  const lagging = nodes.find((n) => n.id !== leader.id)!.id;
  const others = nodes.map((n) => n.id).filter((n) => n !== lagging);
  expect(
    (
      await page.request.put(`/api/clusters/${id}/network`, {
        data: { partitions: [[lagging], others] },
        headers: asOwner(id),
      })
    ).ok(),
  ).toBe(true);
  await putFromForm(page, 'k', 'new');
  await expect(results.getByRole('listitem').first()).toContainText('k = new');

  await page.getByLabel('Read consistency').selectOption('stale');
  await page.getByLabel('Read from').selectOption(String(lagging));
  await page.getByRole('button', { name: 'Get', exact: true }).click();
  const read = results.getByRole('listitem').first();
  await expect(read).toContainText(`(stale read from node ${lagging})`, { useInnerText: true });
  await expect(read).toContainText(`k = old — node ${lagging}'s copy at index`);
  await expect(read).toContainText('it may be out of date');
  await expect(read.getByRole('button', { name: 'stale read' })).toHaveAccessibleDescription(
    /may miss writes/,
  );
  await expect(
    page.getByRole('list', { name: 'Operations' }).getByRole('listitem', {
      name: new RegExp(
        `^get k \\(stale read from node ${lagging}\\) by client \\d+: ok → old: node ${lagging}'s copy`,
      ),
    }),
  ).toBeVisible();
  await page
    .getByRole('region', { name: 'Client requests' })
    .screenshot({ path: test.info().outputPath('stale-read.png') });
});
