/**
 * Owners and viewers (issue 16), as people see them: the teacher's page made the cluster
 * and holds its token; a student's browser, with the view link only, watches with every
 * control disabled and is refused by the API; the teacher opens control to everyone with
 * the link and closes it again; the owner link gives control on another device.
 */
import type { Browser, Page } from '@playwright/test';
import { clusterNodes, expect, openElected, test } from './fixtures';

/** A second browser (no token, no shared storage), its console errors collected. */
async function otherBrowser(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  await context.addInitScript(() => localStorage.setItem('raftlab.tourSeen', '1'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

const viewOnlyBadge = (page: Page) =>
  page.getByRole('note', { name: 'View only: only the owner can change this cluster' });

/** Selects node `id` on the ring (anyone may: selecting changes nothing). */
async function selectNode(page: Page, id: number) {
  await page.getByRole('button', { name: new RegExp(`^Node ${id}, `) }).click();
  await expect(page.getByRole('region', { name: `Node ${id}`, exact: true })).toBeVisible();
}

test('a second browser without the token sees view-only controls, and the API refuses it with 403', async ({
  page,
  browser,
}) => {
  const id = await openElected(page, { seed: 4 });
  await expect(viewOnlyBadge(page)).toHaveCount(0);
  const viewer = await otherBrowser(browser);
  await viewer.page.goto(`/c/${id}`);
  const v = viewer.page;
  await expect(v.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
  await expect(viewOnlyBadge(v)).toBeVisible();
  await expect(v.getByRole('region', { name: 'View only' })).toContainText('Fork');

  // The ring is the same to watch; nothing that changes the cluster can be pressed.
  await expect(v.getByRole('button', { name: /^Node \d+, leader, term \d+$/ })).toHaveCount(1);
  await selectNode(v, 1);
  for (const name of ['Crash', 'Time out', 'Add node', 'Put', 'Get', 'Isolate leader', 'Heal', 'Pause'])
    await expect(v.getByRole('button', { name, exact: true })).toBeDisabled();
  await expect(v.getByRole('slider', { name: 'Speed' })).toBeDisabled();
  await expect(v.getByRole('checkbox', { name: 'Manual delivery' })).toBeDisabled();
  await expect(
    v.getByRole('button', { name: 'Link between node 1 and node 2', exact: true }),
  ).toHaveAttribute('aria-disabled', 'true');
  // Fork makes a copy of the viewer's own.
  await expect(v.getByRole('button', { name: 'Fork', exact: true })).toBeEnabled();

  // A shortcut sends nothing and says why; a click on a link cuts nothing.
  await v.keyboard.press('c');
  await expect(v.getByText(/View only: only the owner of this cluster can change it/)).toBeVisible();
  // (Playwright will not click an aria-disabled element unless forced; a person can.)
  await v.getByRole('button', { name: 'Link between node 1 and node 2', exact: true }).click({ force: true });
  const nodes = await clusterNodes(page.request, id);
  expect(nodes.find((n) => n.id === 1)?.up).toBe(true);
  const state = await (await page.request.get(`/api/clusters/${id}`)).json();
  expect(state.view.linksDown).toEqual([]);

  // The API says the same to a request without the token.
  const crash = await v.request.post(`/api/clusters/${id}/nodes/1/crash`);
  expect(crash.status()).toBe(403);
  expect((await crash.json()).error).toBe('RAFTLAB_ERR_NOT_OWNER');
  expect((await v.request.delete(`/api/clusters/${id}`)).status()).toBe(403);
  expect(await (await v.request.get(`/api/clusters/${id}/access`)).json()).toEqual({
    open: false,
    owner: false,
    control: false,
  });

  // Share tells the viewer how things stand, and offers no owner link or switch.
  await v.getByText('Share', { exact: true }).click();
  const share = v.getByRole('group', { name: 'Share' });
  await expect(share).toContainText('You are watching: only the owner can change this cluster.');
  await expect(share.getByRole('button', { name: 'Copy owner link' })).toHaveCount(0);
  await expect(share.getByLabel('Open control to everyone with the link')).toHaveCount(0);
  expect(viewer.errors).toEqual([]);
  await v.context().close();
});

test('the owner opens control to everyone with the link, a viewer acts, and the owner closes it again', async ({
  page,
  browser,
}) => {
  const id = await openElected(page, { seed: 4 });
  const viewer = await otherBrowser(browser);
  const v = viewer.page;
  await v.goto(`/c/${id}`);
  await expect(viewOnlyBadge(v)).toBeVisible();

  await page.getByText('Share', { exact: true }).click();
  const share = page.getByRole('group', { name: 'Share' });
  await expect(share).toContainText('only you can act');
  const openControl = share.getByLabel('Open control to everyone with the link');
  await openControl.check();
  await expect(share).toContainText('Everyone with the link can watch and act');
  await expect(
    page.getByRole('note', { name: 'Control open: everyone with the link can act' }),
  ).toBeVisible();

  // The viewer's page hears of it at once (an access frame), and its controls come alive.
  await expect(viewOnlyBadge(v)).toHaveCount(0);
  await expect(v.getByRole('region', { name: 'View only' })).toHaveCount(0);
  await selectNode(v, 2);
  await v.getByRole('button', { name: 'Crash', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Node 2, crashed/ })).toBeVisible();
  // Open control is not ownership: deleting, and the switch itself, stay the owner's.
  expect((await v.request.delete(`/api/clusters/${id}`)).status()).toBe(403);
  expect((await v.request.put(`/api/clusters/${id}/access`, { data: { open: false } })).status()).toBe(403);

  await openControl.uncheck();
  await expect(viewOnlyBadge(v)).toBeVisible();
  await expect(v.getByRole('button', { name: 'Restart', exact: true })).toBeDisabled();
  expect((await v.request.post(`/api/clusters/${id}/nodes/2/restart`)).status()).toBe(403);
  expect(viewer.errors).toEqual([]);
  await v.context().close();
});

test('the owner link gives control on another device, and the address bar drops its token', async ({
  page,
  browser,
  context,
}) => {
  const id = await openElected(page, { seed: 4 });
  // The owner link that opened the page is gone from the address bar.
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByText('Share', { exact: true }).click();
  await page.getByRole('button', { name: 'Copy owner link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`/c/${id}#owner=[A-Za-z0-9_-]{22}$`));

  const other = await otherBrowser(browser);
  await other.page.goto(link);
  await expect(other.page.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
  await expect(other.page).toHaveURL(new RegExp(`/c/${id}$`));
  await expect(viewOnlyBadge(other.page)).toHaveCount(0);
  await selectNode(other.page, 3);
  await expect(other.page.getByRole('button', { name: 'Crash', exact: true })).toBeEnabled();
  await other.page.getByText('Share', { exact: true }).click();
  await expect(other.page.getByLabel('Open control to everyone with the link')).toBeVisible();
  // A reload keeps it: the token stays in this browser's storage.
  await other.page.reload();
  await expect(other.page.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
  await expect(viewOnlyBadge(other.page)).toHaveCount(0);
  expect(other.errors).toEqual([]);
  await other.page.context().close();
});
