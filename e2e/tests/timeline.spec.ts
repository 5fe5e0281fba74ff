/**
 * The timeline (issue 14): scrubbing the past, rewriting the future from it, forking,
 * links to a moment, jumping to the violation of an uploaded trace, and the slider's
 * keyboard. The dashboard shows the past through the same panels as the present, so
 * each test reads the ordinary accessible names (`Node 3, leader, term 2`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runSeed } from '@raftlab/sim';
import type { Page } from '@playwright/test';
import { asOwner, docsShot, expect, leaderOf, openElected, test } from './fixtures';

const slider = (page: Page) => page.getByRole('slider', { name: 'Timeline' });
const banner = (page: Page) =>
  page.getByRole('region', { name: 'Timeline controls' }).getByText('Viewing the past', { exact: true });
const api = (id: string) => `/api/clusters/${id}`;

async function pauseByApi(page: Page, id: string): Promise<void> {
  const res = await page.request.put(`${api(id)}/clock`, { data: { paused: true }, headers: asOwner(id) });
  expect(res.ok(), await res.text()).toBe(true);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

/** The events processed so far (the timeline's live end). */
async function seqOf(page: Page, id: string, at?: number): Promise<number> {
  const res = await page.request.get(api(id) + (at === undefined ? '' : `?at=${at}`));
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()).clock.seq;
}

test('scrubbing back to before a crash shows the node alive, and End comes back to live', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 3, options: { speed: 0.5 } });
  const { id: leader } = await leaderOf(page);
  await page.request.post(`${api(id)}/nodes/${leader}/crash`, { headers: asOwner(id) });
  const crashed = page.getByRole('button', { name: new RegExp(`^Node ${leader}, crashed`) });
  await expect(crashed).toBeVisible();
  await expect(page.getByRole('button', { name: /^Node \d+, leader/ })).toHaveCount(1); // a new leader
  await pauseByApi(page, id);

  // Back marker by marker to the crash (a moment with a marker is spoken with its label),
  // then one event before it.
  await slider(page).focus();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(slider(page)).toHaveAttribute('aria-valuetext', /^event [\d,]+ of [\d,]+ — [\d.]+ s: /);
    if (/crash/i.test((await slider(page).getAttribute('aria-valuetext')) ?? '')) break;
  }
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /crash/i);
  await expect(crashed).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(
    page.getByRole('button', { name: new RegExp(`^Node ${leader}, leader, term \\d+$`) }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();

  await page.keyboard.press('End');
  await expect(banner(page)).toHaveCount(0);
  await expect(crashed).toBeVisible();
});

test('dragging the slider with the mouse, end to start and back, ends where it is let go, on one socket', async ({
  page,
}) => {
  let sockets = 0;
  page.on('websocket', () => sockets++);
  const id = await openElected(page, { seed: 3, options: { speed: 5 } });
  await page.waitForTimeout(1_500);
  await pauseByApi(page, id);
  const end = await seqOf(page, id);
  const track = (await slider(page).boundingBox())!;
  const y = track.y + track.height / 2;
  const x = (f: number) => track.x + 8 + (track.width - 16) * f;
  // Longer and faster than a person's sweep: one move a frame for three seconds.
  const sweep = async (from: number, to: number) => {
    for (let i = 0; i <= 90; i++) {
      await page.mouse.move(x(from + ((to - from) * i) / 90), y);
      await page.waitForTimeout(16);
    }
  };
  await page.mouse.move(x(1), y);
  await page.mouse.down();
  await sweep(1, 0);
  await page.mouse.up();
  await expect(page.getByRole('region', { name: 'Timeline controls' })).toContainText('event 0 ·');
  // The track kept its place and width: Back to live held its room while the page was live.
  expect(await slider(page).boundingBox()).toEqual(track);
  await page.mouse.down();
  await sweep(0, 1);
  await page.mouse.up();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('.timeline__live')).toHaveText(`Liveevent ${end.toLocaleString('en-US')}`);
  await expect(page.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
  expect(sockets).toBe(1); // the rate limit never closed it
});

test('acting in the past rewrites the future and keeps the old one as a branch', async ({ page }) => {
  const id = await openElected(page, { seed: 4, options: { speed: 0.5 } });
  await page.waitForTimeout(500);
  await pauseByApi(page, id);
  const end = await seqOf(page, id);
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect(page.getByText(`event ${(end - 2).toLocaleString('en-US')} ·`)).toBeVisible();

  const { id: leader } = await leaderOf(page);
  await page.getByRole('button', { name: new RegExp(`^Node ${leader}, `) }).click();
  await page.getByRole('button', { name: 'Crash', exact: true }).click();

  const note = page.getByRole('status').filter({ hasText: 'is kept as branch' });
  await expect(note).toBeVisible();
  const branch = (await note.getByRole('link').textContent())!.trim();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: new RegExp(`^Node ${leader}, crashed`) })).toBeVisible();
  // This cluster went back to event end - 2; the branch holds the old future.
  await expect.poll(() => seqOf(page, id)).toBeLessThan(end);
  expect(await seqOf(page, branch)).toBe(end);
  const branchState = await (await page.request.get(api(branch))).json();
  expect(branchState.parent).toEqual({ id, at: end - 2 });
  await expect(page.getByRole('list', { name: 'Branches of this cluster' })).toContainText(branch);

  await note.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/c/${branch}$`));
  await expect(page.getByRole('region', { name: 'Branches' })).toContainText(`Forked from ${id}`);
});

test('Fork makes a new cluster at the moment shown and leaves the original as it was', async ({ page }) => {
  const id = await openElected(page, { seed: 6, options: { speed: 0.5 } });
  await pauseByApi(page, id);
  const end = await seqOf(page, id);
  await slider(page).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect(slider(page)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^event ${(end - 5).toLocaleString('en-US')} of`),
  );
  await expect(banner(page)).toBeVisible();
  await page.getByRole('button', { name: 'Fork', exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(`/c/${id}`));
  const fork = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('region', { name: 'Branches' })).toContainText(
    `Forked from ${id} at event ${(end - 5).toLocaleString('en-US')}`,
  );
  expect(await seqOf(page, fork)).toBe(end - 5);
  expect(await seqOf(page, id)).toBe(end);
  const diverge = await (await page.request.get(`${api(id)}/diverge?with=${fork}`)).json();
  expect(diverge.at).toBeNull();
});

test('/c/:id?at=SEQ opens the cluster exactly as it was then, and Share’s Copy link offers that moment', async ({
  page,
  context,
}) => {
  const id = await openElected(page, { seed: 2, options: { speed: 0.5 } });
  await pauseByApi(page, id);
  expect(
    (await page.request.post(`${api(id)}/clock/advance`, { data: { ms: 3000 }, headers: asOwner(id) })).ok(),
  ).toBe(true);
  const at = Math.floor((await seqOf(page, id)) / 2);
  const then = (await (await page.request.get(`${api(id)}?at=${at}`)).json()).view;
  await page.goto(`/c/${id}?at=${at}`);
  await expect(banner(page)).toBeVisible();
  await expect(slider(page)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^event ${at.toLocaleString('en-US')} of`),
  );
  for (const node of then.nodes) {
    const role = node.up ? node.role : 'crashed';
    await expect(
      page.getByRole('button', { name: `Node ${node.id}, ${role}, term ${node.term}` }),
    ).toBeVisible();
  }
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByText('Share', { exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'View link' })).toHaveValue(
    new RegExp(`/c/${id}\\?at=${at}$`),
  );
  await page.getByRole('button', { name: 'Copy link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    new RegExp(`/c/${id}\\?at=${at}$`),
  );
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`/c/${id}$`));
});

test('an uploaded failing trace opens at its first violation; Jump to violation goes there again', async ({
  page,
}, info) => {
  const { trace } = runSeed(1, { config: { bugs: ['figure8-commit'] } });
  const file = info.outputPath('figure8.trace.json');
  writeFileSync(file, JSON.stringify(trace));
  const id = await openElected(page, { seed: 1 });
  // Download this cluster's trace, then upload the failing one.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download trace' }).click();
  const saved = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(saved).toMatchObject({ version: 1, config: { seed: 1 } });
  const now = await (await page.request.get(`${api(id)}/trace`)).json();
  expect({ ...saved, events: 0 }).toEqual({ ...now, events: 0 }); // the cluster runs on meanwhile
  expect(saved.events).toBeLessThanOrEqual(now.events);
  await page.getByLabel('Upload trace').setInputFiles(file);
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+\?at=\d+$/);
  await expect(banner(page)).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Safety violations' })).toBeVisible();
  await expect(page.getByLabel('Warning: bug switches on: figure8-commit')).toBeVisible();
  const at = Number(new URL(page.url()).searchParams.get('at'));
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /violat/i);
  await page
    .getByRole('button', { name: /violated/ })
    .first()
    .hover();
  await expect(page.getByRole('tooltip')).toContainText('violated');
  await page.screenshot({ path: docsShot('timeline.png'), clip: { x: 0, y: 0, width: 1280, height: 560 } });
  await page.mouse.move(0, 700);

  await slider(page).focus();
  await page.keyboard.press('Home');
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /^event 0 of/);
  await expect(page.getByRole('alert', { name: 'Safety violations' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Jump to violation' }).click();
  await expect(slider(page)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^event ${at.toLocaleString('en-US')} of`),
  );
  await expect(page.getByRole('alert', { name: 'Safety violations' })).toBeVisible();
});

test('the slider by keyboard: one event, marker to marker, Home and End, announced', async ({ page }) => {
  const id = await openElected(page, { seed: 5, options: { speed: 0.5 } });
  await pauseByApi(page, id);
  const end = await seqOf(page, id);
  const value = () => slider(page).getAttribute('aria-valuetext');
  await slider(page).focus();
  await page.keyboard.press('Home');
  await expect(slider(page)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^event 0 of ${end.toLocaleString('en-US')}`),
  );
  await expect(page.getByLabel('Announcements')).toContainText('Viewing the past');
  await page.keyboard.press('ArrowRight');
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /^event 1 of/);
  // The next marker is the first leader elected; its label is part of the spoken value.
  await page.keyboard.press('Shift+ArrowRight');
  await expect(slider(page)).toHaveAttribute('aria-valuetext', /leader/i);
  const atLeader = Number(/^event ([\d,]+)/.exec((await value()) ?? '')![1].replaceAll(',', ''));
  await expect(page.getByRole('button', { name: /^Node \d+, leader, term 1$/ })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('button', { name: /^Node \d+, leader/ })).toHaveCount(0);
  await page.keyboard.press('Shift+ArrowRight');
  await expect(slider(page)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^event ${atLeader.toLocaleString('en-US')} of`),
  );
  await page.keyboard.press('End');
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByLabel('Announcements')).toContainText('Back to live');
  // Pause on trouble is on by default, and the option reaches the server.
  const pauseOnTrouble = page.getByRole('checkbox', { name: 'Pause on trouble' });
  await expect(pauseOnTrouble).toBeChecked();
  await pauseOnTrouble.uncheck();
  await expect
    .poll(async () => (await (await page.request.get(api(id))).json()).clock.pauseOnTrouble)
    .toBe(false);
  await expect(pauseOnTrouble).not.toBeChecked();
  await expect(slider(page)).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`^event ${end.toLocaleString('en-US')} of`),
  );
});
