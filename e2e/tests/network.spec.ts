import type { Page } from '@playwright/test';
import {
  clusterNodes,
  clusterView,
  docsShot,
  expect,
  leaderNode,
  leaderOf,
  openCluster,
  openElected,
  putFromForm,
  test,
} from './fixtures';

test('a cut link is drawn cut and reaches the cluster; clicking again restores it', async ({ page }) => {
  const id = await openCluster(page, { seed: 2, options: { speed: 0.3 } });
  const link = page.getByRole('button', { name: 'Link between node 1 and node 2', exact: true });
  await expect(link).toHaveAttribute('aria-pressed', 'false');
  await link.click();
  await expect(link).toHaveAttribute('aria-pressed', 'true');
  const down = async () => (await (await page.request.get(`/api/clusters/${id}`)).json()).view.linksDown;
  expect(await down()).toEqual(
    expect.arrayContaining([
      [1, 2],
      [2, 1],
    ]),
  );
  await link.click();
  await expect(link).toHaveAttribute('aria-pressed', 'false');
  expect(await down()).toEqual([]);
});

test('isolating the leader: the others elect a new leader in a higher term', async ({ page }) => {
  const id = await openElected(page, { seed: 6, options: { speed: 0.5 } });
  const old = await leaderOf(page);
  await page.getByRole('button', { name: 'Isolate leader', exact: true }).click();
  await expect
    .poll(async () => {
      const nodes = await clusterNodes(page.request, id);
      return nodes.some((n) => n.role === 'leader' && n.id !== old.id && n.term > old.term);
    })
    .toBe(true);
  await page.getByRole('button', { name: 'Heal', exact: true }).click();
  await expect(leaderNode(page)).toHaveCount(1);
  expect((await leaderOf(page)).id).not.toBe(old.id);
});

test('majority/minority split: only the majority commits; after Heal the minority catches up', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 13, options: { speed: 0.5 } });
  const old = await leaderOf(page);
  await page.getByRole('button', { name: 'Split majority/minority', exact: true }).click();
  const linksDown = (await (await page.request.get(`/api/clusters/${id}`)).json()).view
    .linksDown as number[][];
  // The minority is the old leader plus the nodes it can still reach.
  const cut = new Set(linksDown.filter(([a]) => a === old.id).map(([, b]) => b));
  const nodes = await clusterNodes(page.request, id);
  const minority = nodes.filter((n) => n.id === old.id || !cut.has(n.id)).map((n) => n.id);
  expect(minority.length).toBe(2);
  const minorityCommit = Math.max(...nodes.filter((n) => minority.includes(n.id)).map((n) => n.commit));

  // The majority elects its own leader and serves a write.
  await expect
    .poll(async () =>
      (await clusterNodes(page.request, id)).some((n) => n.role === 'leader' && !minority.includes(n.id)),
    )
    .toBe(true);
  await putFromForm(page, 'side', 'majority');
  await expect(page.getByRole('log', { name: 'Results' }).getByRole('listitem').first()).toContainText(
    'majority',
    {
      timeout: 30_000,
    },
  );
  const during = await clusterNodes(page.request, id);
  for (const n of during) {
    if (minority.includes(n.id)) {
      expect(n.commit, `minority node ${n.id} must not commit`).toBe(minorityCommit);
      expect(n.kv.side).toBeUndefined();
    } else {
      expect(n.commit).toBeGreaterThan(minorityCommit);
    }
  }

  await page.getByRole('button', { name: 'Heal', exact: true }).click();
  await expect
    .poll(async () => (await clusterNodes(page.request, id)).every((n) => n.kv.side === 'majority'))
    .toBe(true);
});

test('Bridge and Ring presets cut exactly their links; Heal restores them', async ({ page }) => {
  const id = await openCluster(page, { seed: 3, options: { speed: 0.3 } });
  await expect(page.getByRole('button', { name: /^Node \d+, / })).toHaveCount(5);
  const down = async () =>
    ((await (await page.request.get(`/api/clusters/${id}`)).json()).view.linksDown as number[][])
      .map(([a, b]) => `${a}-${b}`)
      .sort();
  await page.getByRole('button', { name: 'Bridge', exact: true }).click();
  await expect.poll(down).toEqual(['1-4', '1-5', '2-4', '2-5', '4-1', '4-2', '5-1', '5-2']);
  await page.getByRole('button', { name: 'Ring', exact: true }).click();
  await expect.poll(down).toEqual(['1-3', '1-4', '2-4', '2-5', '3-1', '3-5', '4-1', '4-2', '5-2', '5-3']);
  await expect(
    page.getByRole('button', { name: 'Link between node 1 and node 3', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Heal', exact: true }).click();
  await expect.poll(down).toEqual([]);
});

const directedDown = async (page: Page, id: string) =>
  (await clusterView(page.request, id)).linksDown.map(([a, b]) => `${a}-${b}`).sort();

test('Shift+click near a node cuts only its direction, drawn as such; the one-way form does it from the keyboard', async ({
  page,
}) => {
  const id = await openCluster(page, { seed: 2, options: { speed: 0.3 } });
  await expect(page.getByRole('button', { name: /^Node \d+, / })).toHaveCount(5);
  const link = page.getByRole('button', { name: 'Link between node 1 and node 3', exact: true });
  // The half of the line at node 1's end stands for 1 → 3.
  await link.locator('[data-from="1"]').click({ modifiers: ['Shift'] });
  await expect(link).toHaveAttribute('aria-pressed', 'mixed');
  await expect(link).toHaveAccessibleDescription(/^node 1 to node 3 cut; node 3 to node 1 up\./);
  await expect(link.locator('.link__mark--one-way')).toBeVisible();
  expect(await directedDown(page, id)).toEqual(['1-3']);
  // The same half again restores it; the other half cuts the other way.
  await link.locator('[data-from="1"]').click({ modifiers: ['Shift'] });
  await expect(link).toHaveAttribute('aria-pressed', 'false');
  expect(await directedDown(page, id)).toEqual([]);
  await link.locator('[data-from="3"]').click({ modifiers: ['Shift'] });
  await expect(link).toHaveAccessibleDescription(/^node 1 to node 3 up; node 3 to node 1 cut\./);
  expect(await directedDown(page, id)).toEqual(['3-1']);
  // A plain click on a partly cut link restores it.
  await link.click();
  await expect(link).toHaveAttribute('aria-pressed', 'false');
  expect(await directedDown(page, id)).toEqual([]);

  await page.getByText('One direction only', { exact: true }).click();
  const form = page.getByRole('group', { name: 'One direction only' });
  await form.getByLabel('From').selectOption('2');
  await form.getByLabel('To').selectOption('4');
  await form.getByRole('button', { name: 'Cut one way', exact: true }).press('Enter');
  const link24 = page.getByRole('button', { name: 'Link between node 2 and node 4', exact: true });
  await expect(link24).toHaveAttribute('aria-pressed', 'mixed');
  expect(await directedDown(page, id)).toEqual(['2-4']);
  await form.getByRole('button', { name: 'Restore one way', exact: true }).press('Enter');
  await expect(link24).toHaveAttribute('aria-pressed', 'false');
  expect(await directedDown(page, id)).toEqual([]);
});

test('partition into hand-picked groups: the links between groups go down and only the majority elects', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 13, options: { speed: 0.5 } });
  await page.getByText('Partition into groups', { exact: true }).click();
  const apply = page.getByRole('button', { name: 'Apply partition', exact: true });
  await expect(apply).toBeDisabled();
  for (const node of [3, 4, 5]) {
    await page
      .getByRole('radiogroup', { name: `Node ${node} group` })
      .getByRole('radio', { name: 'Group B' })
      .check();
  }
  const editor = page.getByRole('group', { name: 'Partition into groups' });
  await expect(editor.locator('..')).toContainText('A: 1, 2 | B: 3, 4, 5 — only B has a majority');
  await apply.click();
  await expect
    .poll(() => directedDown(page, id))
    .toEqual(['1-3', '1-4', '1-5', '2-3', '2-4', '2-5', '3-1', '3-2', '4-1', '4-2', '5-1', '5-2']);
  await expect(
    page.getByRole('button', { name: 'Link between node 2 and node 5', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(
    page.getByRole('button', { name: 'Link between node 1 and node 2', exact: true }),
  ).toHaveAttribute('aria-pressed', 'false');
  // Check-quorum deposes a leader cut off in {1, 2}; {3, 4, 5} has (or elects) the only one.
  await expect
    .poll(async () =>
      (await clusterNodes(page.request, id))
        .filter((n) => n.role === 'leader')
        .map((n) => n.id)
        .join(','),
    )
    .toMatch(/^[345]$/);
  await page.screenshot({ path: docsShot('network.png') });

  // Three groups, none with a majority; Reset puts everyone back in A.
  await page
    .getByRole('radiogroup', { name: 'Node 5 group' })
    .getByRole('radio', { name: 'Group C' })
    .check();
  await expect(editor.locator('..')).toContainText('A: 1, 2 | B: 3, 4 | C: 5 — no group has a majority');
  await page.getByRole('button', { name: 'Reset groups', exact: true }).click();
  await expect(apply).toBeDisabled();
  await page.getByRole('button', { name: 'Heal', exact: true }).click();
  await expect.poll(() => directedDown(page, id)).toEqual([]);
});
