import type { Page } from '@playwright/test';
import { docsShot, expect, leaderNode, openElected, pause, stepUntil, test } from './fixtures';

/**
 * Routes the page's stream through the test, so a test can add frames the server would
 * only send after a bug (a safety violation). Everything else passes through unchanged.
 */
async function interceptStream(page: Page): Promise<(events: object[]) => void> {
  let clock: object = { now: 0, speed: 1, paused: false };
  let inject: (text: string) => void = () => {};
  await page.routeWebSocket(/\/api\/clusters\/[a-z0-9]+\/stream$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      const frame = JSON.parse(String(m)) as { clock?: object };
      if (frame.clock) clock = frame.clock;
      ws.send(m);
    });
    inject = (text) => ws.send(text);
  });
  return (events) => inject(JSON.stringify({ type: 'events', clock, events }));
}

test('the event feed narrates an election with its rule, and can show or hide heartbeats', async ({
  page,
}) => {
  await openElected(page, { seed: 3, options: { speed: 0.5 } });
  const feed = page.getByRole('list', { name: 'Event feed' });
  await expect(
    feed.getByText(/became leader in term \d+ with votes from [\d, and]+ \(§5\.2\)/),
  ).toBeVisible();
  await expect(feed.getByText(/voted for node \d+ in term \d+/).first()).toBeVisible();
  const hide = page.getByRole('checkbox', { name: 'Hide heartbeats' });
  await expect(hide).toBeChecked();
  await expect(feed.getByText(/sent a heartbeat/)).toHaveCount(0);
  await hide.uncheck();
  await expect(feed.getByText(/sent a heartbeat/).first()).toBeVisible();
  await hide.check();
  await expect(feed.getByText(/sent a heartbeat/)).toHaveCount(0);
  // Narrowed to the selected node: every line is about it.
  await leaderNode(page).click();
  const { id } = { id: /Node (\d+)/.exec((await leaderNode(page).getAttribute('aria-label')) ?? '')![1] };
  await page.getByRole('checkbox', { name: 'Only the selected node' }).check();
  const texts = await feed.getByRole('listitem').allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).toMatch(new RegExp(`(node|Node|leader) ${id}\\b`));
  await page.getByRole('region', { name: 'Event feed' }).screenshot({ path: docsShot('event-feed.png') });
});

test('the Safety panel lists every invariant; a violation turns red and selects its nodes', async ({
  page,
}) => {
  const inject = await interceptStream(page);
  await openElected(page, { seed: 3, options: { speed: 0.5 } });
  const safety = page.getByRole('region', { name: 'Safety' });
  for (const name of [
    'Election Safety',
    'Leader Append-Only',
    'Log Matching',
    'Leader Completeness',
    'State Machine Safety',
  ]) {
    await expect(safety.getByText(`${name}`, { exact: false }).first()).toContainText('holds');
  }
  inject([
    {
      type: 'invariant-violated',
      t: 1,
      seq: 1,
      violation: { invariant: 'election-safety', message: 'two leaders in term 3', nodes: [2, 4], term: 3 },
    },
  ]);
  const violation = safety.getByRole('button', { name: /^Election Safety violated: two leaders in term 3/ });
  await expect(violation).toBeVisible();
  await expect(safety).toContainText('1 violated');
  await violation.click();
  await expect(page.getByRole('button', { name: /^Node 2, / })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('list', { name: 'Event feed' })).toContainText('Safety violated');
  await safety.screenshot({ path: docsShot('safety.png') });
});

test('the leader’s progress per follower is on the links; a paused message shows its fields', async ({
  page,
}) => {
  const id = await openElected(page, { seed: 3, options: { speed: 0.3 } });
  await expect(
    page.getByRole('img', {
      name: /^Leader's progress for node \d+: match index \d+, next index \d+, Replicate \(/,
    }),
  ).toHaveCount(4);
  await pause(page);
  // The pause may fall between two heartbeats: step until a message is on its way.
  await stepUntil(page.request, id, (view) => view.messages.length > 0);
  const glyph = page.getByRole('list', { name: 'Messages in flight' }).getByRole('button').first();
  await expect(glyph).toHaveAttribute('data-message-type', /^[A-Za-z]+$/);
  await glyph.press('Enter');
  const details = page.getByRole('dialog', { name: 'Message details' });
  await expect(details).toBeVisible();
  await expect(details).toContainText('term');
  await expect(details).toContainText(/leaderId|matchIndex|candidateId|voteGranted/);
  await page.screenshot({ path: docsShot('message-details.png') });
  await details.getByRole('button', { name: 'Close message details' }).click();
  await expect(details).toHaveCount(0);
});

test('charts show term per node and the commit index over time', async ({ page }) => {
  await openElected(page, { seed: 3, options: { speed: 0.5 } });
  await expect(
    page.getByRole('img', { name: /^Term per node over virtual time: now node 1 \d+/ }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /^Term per node .*; [1-9]\d* elections shown$/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Commit index over virtual time: now [1-9]/ })).toBeVisible();
  await page.getByRole('region', { name: 'Terms and commits' }).screenshot({ path: docsShot('charts.png') });
});
