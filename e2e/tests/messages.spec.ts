import { asOwner, docsShot, expect, openCluster, openElected, test } from './fixtures';

test('a hand-dropped AppendEntries: the follower rejects the next one and the leader backs up (§5.3)', async ({
  page,
}) => {
  const id = await openElected(page, { nodes: 3, seed: 14, options: { speed: 0.3 } });
  // A first write takes the followers from probing to replicating.
  expect(
    (
      await page.request.put(`/api/clusters/${id}/kv/warm`, { data: { value: 'up' }, headers: asOwner(id) })
    ).status(),
  ).toBe(200);
  // Checked once the server's clock has paused (a frame later).
  const manual = page.getByRole('checkbox', { name: 'Manual delivery' });
  await manual.click();
  await expect(manual).toBeChecked();
  const next = page.getByRole('list', { name: 'Next events' });
  await expect(next).toBeVisible();
  // Written while time stands still: the request reaches the leader only as events are stepped.
  void page.request
    .put(`/api/clusters/${id}/kv/a`, { data: { value: '1' }, headers: asOwner(id) })
    .catch(() => {});
  const carrying = next.getByRole('button', { name: /^Drop AppendEntries \d → \d \(1 entry\)$/ }).first();
  for (let i = 0; i < 60 && !(await carrying.isVisible()); i++) {
    await next.getByRole('button', { name: 'Step', exact: true }).click();
  }
  const name = (await carrying.getAttribute('aria-label'))!;
  const follower = Number(/→ (\d)/.exec(name)![1]);
  await carrying.click();
  await expect(
    page
      .getByRole('list', { name: 'Event feed' })
      .getByText(/was lost: dropped by hand/)
      .first(),
  ).toBeVisible();
  void page.request
    .put(`/api/clusters/${id}/kv/b`, { data: { value: '2' }, headers: asOwner(id) })
    .catch(() => {});
  await page.getByRole('button', { name: 'Play' }).click();
  const feed = page.getByRole('list', { name: 'Event feed' });
  await expect(
    feed.getByText(new RegExp(`Node ${follower} rejected AppendEntries: no entry at index \\d+`)).first(),
  ).toBeVisible();
  // The leader backed up and sent the missing entry again: the follower holds both writes.
  await expect
    .poll(async () => {
      const state = await (await page.request.get(`/api/clusters/${id}`)).json();
      return state.view.nodes[follower - 1].kv;
    })
    .toMatchObject({ a: '1', b: '2' });
});

test('a split vote built by hand in manual delivery (§5.2)', async ({ page }) => {
  const id = await openCluster(page, {
    nodes: 5,
    seed: 4,
    options: { paused: true, preVote: false, checkQuorum: false },
  });
  await page.getByRole('checkbox', { name: 'Manual delivery' }).check();
  const next = page.getByRole('list', { name: 'Next events' });
  await next.getByRole('button', { name: 'Time out node 1' }).click();
  await next.getByRole('button', { name: 'Time out node 2' }).click();
  // Node 3 hears only node 1, node 4 only node 2; every other request is lost.
  await next.getByRole('button', { name: 'Deliver RequestVote 1 → 3' }).click();
  await next.getByRole('button', { name: 'Deliver RequestVote 2 → 4' }).click();
  for (const [from, to] of [
    [1, 2],
    [1, 4],
    [1, 5],
    [2, 1],
    [2, 3],
    [2, 5],
  ]) {
    await next.getByRole('button', { name: `Drop RequestVote ${from} → ${to}` }).click();
  }
  await next.getByRole('button', { name: 'Deliver RequestVoteResponse 3 → 1' }).click();
  await next.getByRole('button', { name: 'Deliver RequestVoteResponse 4 → 2' }).click();
  // Two votes each of five: no majority, no leader — a split vote; both wait for a new timeout.
  await expect(page.getByRole('button', { name: 'Node 1, candidate, term 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Node 2, candidate, term 1' })).toBeVisible();
  await page.screenshot({ path: docsShot('manual-delivery.png') });
  const state = await (await page.request.get(`/api/clusters/${id}`)).json();
  expect(state.view.nodes.filter((n: { role: string }) => n.role === 'leader')).toEqual([]);
  expect(state.view.nodes.map((n: { vote: number }) => n.vote)).toEqual([1, 2, 1, 2, 0]);
  // Every choice was an input of the trace.
  const trace = await (await page.request.get(`/api/clusters/${id}/trace`)).json();
  expect(trace.inputs.filter((i: { kind: string }) => i.kind === 'message')).toHaveLength(10);
});
