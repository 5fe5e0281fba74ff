import { asOwner, clusterNodes, expect, leaderNode, leaderOf, openElected, test } from './fixtures';

test('opening / creates a 5-node cluster that elects a leader, with messages in flight', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  const nodes = page.getByRole('button', { name: /^Node \d+, / });
  await expect(nodes).toHaveCount(5);
  // Default speed (0.02): the first election timeout is 150–300 ms virtual, 7.5–15 s of wall time.
  await expect(leaderNode(page)).toHaveCount(1, { timeout: 40_000 });
  const { term } = await leaderOf(page);
  expect(term).toBeGreaterThan(0);
  await expect(
    page.getByRole('button', { name: new RegExp(`^Node \\d+, follower, term ${term}$`) }),
  ).toHaveCount(4);
  // Heartbeats keep flying between the leader and its followers.
  await expect(page.locator('[data-message-type]').first()).toBeAttached({ timeout: 10_000 });
});

test('crashing the leader elects a new one in a higher term; the restarted node rejoins and catches up', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 21, options: { speed: 0.5 } });
  const old = await leaderOf(page);

  await leaderNode(page).click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${old.id}, crashed`) })).toBeVisible();
  await expect(leaderNode(page)).toHaveCount(1);
  const next = await leaderOf(page);
  expect(next.id).not.toBe(old.id);
  expect(next.term).toBeGreaterThan(old.term);

  await page.getByRole('button', { name: new RegExp(`^Node ${old.id}, crashed`) }).click();
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect(
    page.getByRole('button', { name: `Node ${old.id}, follower, term ${next.term}` }),
  ).toBeVisible();
  await expect
    .poll(async () => {
      const nodes = await clusterNodes(page.request, id);
      const leader = nodes.find((n) => n.id === next.id)!;
      const rejoined = nodes.find((n) => n.id === old.id)!;
      return rejoined.commit === leader.commit && rejoined.lastIndex === leader.lastIndex;
    })
    .toBe(true);
});

test('"Time out" makes a follower campaign (pre-vote off)', async ({ page }) => {
  await openElected(page, { seed: 5, options: { speed: 0.5, preVote: false, checkQuorum: false } });
  const old = await leaderOf(page);
  const follower = page
    .getByRole('button', { name: new RegExp(`^Node \\d+, follower, term ${old.term}$`) })
    .first();
  const followerId = Number(/Node (\d+)/.exec((await follower.getAttribute('aria-label')) ?? '')![1]);
  await follower.click();
  await page.getByRole('button', { name: 'Time out', exact: true }).click();
  await expect(
    page.getByRole('button', { name: new RegExp(`^Node ${followerId}, \\w+, term ${old.term + 1}$`) }),
  ).toBeVisible();
});

test('a second tab on the same link watches the same cluster', async ({ page, browser }) => {
  const id = await openElected(page, { seed: 17, options: { speed: 0.5 } });
  const second = await browser.newPage();
  try {
    await second.goto(`/c/${id}`);
    await expect(leaderNode(second)).toHaveCount(1);
    expect(await leaderOf(second)).toEqual(await leaderOf(page));
    // An action in one tab shows in the other.
    const { id: leader } = await leaderOf(page);
    await page.request.post(`/api/clusters/${id}/nodes/${leader}/crash`, { headers: asOwner(id) });
    await expect(second.getByRole('button', { name: new RegExp(`^Node ${leader}, crashed`) })).toBeVisible();
  } finally {
    await second.close();
  }
});
