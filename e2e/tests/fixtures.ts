/**
 * Shared e2e fixtures: every test fails on any console error or uncaught page error,
 * and gets helpers to create clusters through the real HTTP API.
 */
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export interface ClusterNode {
  id: number;
  up: boolean;
  role: string;
  term: number;
  commit: number;
  lastIndex: number;
  kv: Record<string, string>;
  /** A leader's view of each member's replication, keyed by node id; null on followers. */
  progress: Record<string, { matchIndex: number; nextIndex: number }> | null;
}

export const test = base.extend<{ consoleErrors: string[]; noTour: void }>({
  // A fresh browser is offered the dashboard's tour; tests that are not about it say it was seen.
  noTour: [
    async ({ page }, use) => {
      if (!/tour/.test(base.info().file))
        await page.addInitScript(() => localStorage.setItem('raftlab.tourSeen', '1'));
      await use();
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // The browser logs every non-2xx response. A KV answer of 404 (absent key), 503 (no
        // leader) or 504 (outcome unknown) is the API's documented reply, shown to the user.
        const expectedReply =
          /\/api\/clusters\/[a-z0-9]+\/kv\//.test(message.location().url) &&
          /status of (404|503|504)/.test(message.text());
        if (!expectedReply) errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** The owner tokens of the clusters this worker's tests made through the API (openCluster). */
const ownerTokens = new Map<string, string>();

/**
 * The headers that make a test's own API call the owner's: a cluster changes only for
 * its owner's token (issue 16), and the test made it, so the test holds it. For a
 * cluster the page made, read the token from the page (`pageOwnerToken`).
 */
export function asOwner(id: string): Record<string, string> {
  const token = ownerTokens.get(id);
  if (token === undefined) throw new Error(`no owner token for cluster ${id}: make it with openCluster`);
  return { authorization: `Bearer ${token}` };
}

/** The owner token the page keeps for cluster `id` (api/owners.ts), for a cluster the page made. */
export async function pageOwnerToken(page: Page, id: string): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), `raftlab.owner.${id}`);
}

/** A POST /api/clusters body. */
export type ClusterBody = { options?: Record<string, unknown> } & Record<string, unknown>;

/**
 * Creates a cluster through the API and opens its dashboard with the owner link (the
 * page keeps the token: the test and the page both own the cluster). The cluster is
 * created paused and its clock started once the page is connected (unless the body asks
 * for a paused cluster), so the page sees the run from its first event however slowly it loads.
 */
export async function openCluster(page: Page, body: ClusterBody = {}): Promise<string> {
  const paused = body.options?.paused ?? false;
  const res = await page.request.post('/api/clusters', {
    data: { ...body, options: { ...body.options, paused: true } },
  });
  expect(res.status()).toBe(201);
  const { id, owner } = (await res.json()) as { id: string; owner: { token: string; link: string } };
  ownerTokens.set(id, owner.token);
  await page.goto(owner.link);
  await expect(page.getByRole('status', { name: 'Connection: Live' })).toBeVisible();
  if (!paused) {
    const resumed = await page.request.put(`/api/clusters/${id}/clock`, {
      data: { paused: false },
      headers: asOwner(id),
    });
    expect(resumed.status()).toBe(200);
  }
  return id;
}

/** Opens a new cluster's dashboard and waits until it shows one leader; returns the cluster's id. */
export async function openElected(page: Page, body: ClusterBody = {}): Promise<string> {
  const id = await openCluster(page, body);
  await expect(leaderNode(page)).toHaveCount(1);
  return id;
}

/** Types `key` and `value` into the KV form and presses Put; waiting for the answer is the caller's. */
export async function putFromForm(page: Page, key: string, value: string): Promise<void> {
  await page.getByLabel('Key', { exact: true }).fill(key);
  await page.getByLabel('Value', { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Put', exact: true }).click();
}

export async function clusterNodes(request: APIRequestContext, id: string): Promise<ClusterNode[]> {
  const res = await request.get(`/api/clusters/${id}`);
  expect(res.ok()).toBe(true);
  return (await res.json()).view.nodes;
}

/** The node drawn as the leader; its accessible name is `Node N, leader, term T`. */
export const leaderNode = (page: Page) => page.getByRole('button', { name: /^Node \d+, leader, term \d+$/ });

export async function leaderOf(page: Page): Promise<{ id: number; term: number }> {
  const name = (await leaderNode(page).first().getAttribute('aria-label')) ?? '';
  const match = /^Node (\d+), leader, term (\d+)$/.exec(name);
  if (!match) throw new Error(`not a leader label: "${name}"`);
  return { id: Number(match[1]), term: Number(match[2]) };
}

export interface ClusterView {
  nodes: Array<ClusterNode & { applied: number; log: Array<{ index: number; term: number; data: string }> }>;
  linksDown: number[][];
  /** Messages in flight. */
  messages: unknown[];
}

export async function clusterView(request: APIRequestContext, id: string): Promise<ClusterView> {
  const res = await request.get(`/api/clusters/${id}`);
  expect(res.ok()).toBe(true);
  return (await res.json()).view;
}

/**
 * Steps a paused cluster one event at a time until `probe()` returns a value, and returns
 * it. The state stands still between steps, so what the page shows afterwards can be
 * waited for with an ordinary locator assertion.
 */
async function stepUntilFound<T>(
  request: APIRequestContext,
  id: string,
  probe: () => Promise<T | undefined>,
  maxSteps: number,
): Promise<T> {
  for (let i = 0; i < maxSteps; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    const res = await request.post(`/api/clusters/${id}/clock/step`, { headers: asOwner(id) });
    expect(res.ok(), await res.text()).toBe(true);
  }
  throw new Error(`not reached within ${maxSteps} steps`);
}

/** Steps a paused cluster until its view satisfies `done`; returns that view. */
export async function stepUntil(
  request: APIRequestContext,
  id: string,
  done: (view: ClusterView) => boolean,
  maxSteps = 5000,
): Promise<ClusterView> {
  return stepUntilFound(
    request,
    id,
    async () => {
      const view = await clusterView(request, id);
      return done(view) ? view : undefined;
    },
    maxSteps,
  );
}

export interface HistoryEntry {
  opId: number;
  clientId: number;
  op: { type: string; key: string; value?: string };
  status: 'pending' | 'ok' | 'fail' | 'unknown';
  result?: { value: string | null; index: number; term: number; node: number };
}

/** Steps a paused cluster until its client history satisfies `done` (client traffic is not in the view). */
export async function stepUntilHistory(
  request: APIRequestContext,
  id: string,
  done: (ops: HistoryEntry[]) => boolean,
  maxSteps = 5000,
): Promise<HistoryEntry[]> {
  return stepUntilFound(
    request,
    id,
    async () => {
      const res = await request.get(`/api/clusters/${id}/history`);
      expect(res.ok()).toBe(true);
      const ops = (await res.json()).ops as HistoryEntry[];
      return done(ops) ? ops : undefined;
    },
    maxSteps,
  );
}

/** Pauses the cluster's clock from the dashboard and waits until the page shows it paused. */
export async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
}

/**
 * Where a test writes a screenshot for the README: `docs/<name>` when DOCS_SCREENSHOTS=1
 * (`npm run screenshots`), otherwise the test's own output folder, so an ordinary test
 * run still takes (and so checks) the picture but leaves the working tree clean.
 */
export function docsShot(name: string): string {
  return process.env.DOCS_SCREENSHOTS === '1' ? `../docs/${name}` : base.info().outputPath(name);
}
