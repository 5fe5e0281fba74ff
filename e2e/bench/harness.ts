/**
 * What the browser benchmarks share: the real server on a free port, Debian's Chromium
 * with the flags these machines need, and a steady stream of client writes.
 */
import { execSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not come up in ${timeoutMs} ms`);
}

/** Builds the dashboard and starts the server on a free port; `stop()` ends it. */
export async function startServer(): Promise<{ base: string; stop: () => void }> {
  console.log('Building the web app…');
  // BENCH_PROFILE=components needs the components' names: an unminified build.
  const minify = process.env.BENCH_PROFILE === 'components' ? ' -- --minify false' : '';
  execSync(`npm run build -w @raftlab/web${minify}`, { cwd: root, stdio: 'ignore' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RAFTLAB_DATA: ':memory:',
    },
    stdio: 'ignore',
    detached: true,
  });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitFor(`${base}/healthz`, 60_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { base, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** The owner links of the clusters the bench made: only the owner's token changes a cluster. */
const ownerLinks = new Map<string, { token: string; link: string }>();

/** Cluster `id`'s owner token as a header, for a request that changes it. */
export function ownerHeaders(id: string): Record<string, string> {
  const owner = ownerLinks.get(id);
  if (!owner) throw new Error(`the bench did not make cluster ${id}`);
  return { authorization: `Bearer ${owner.token}` };
}

/** JSON headers with cluster `id`'s owner token. */
export const ownerJsonHeaders = (id: string) => ({ 'content-type': 'application/json', ...ownerHeaders(id) });

/** The dashboard of cluster `id` as its owner opens it (`/c/<id>#owner=<token>`): the page acts as the learner's does. */
export const ownerUrl = (base: string, id: string): string =>
  `${base}${ownerLinks.get(id)?.link ?? `/c/${id}`}`;

/** Adopts a cluster the page made (a lesson run): its owner link, for the bench's own requests. */
export function adoptOwner(id: string, owner: { token: string; link: string }): void {
  ownerLinks.set(id, owner);
}

/** Creates a cluster of `nodes` at `speed`; returns its id. */
export async function createCluster(base: string, nodes: number, speed: number): Promise<string> {
  const created = await fetch(`${base}/api/clusters`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nodes, options: { speed } }),
  });
  const { id, owner } = (await created.json()) as { id: string; owner: { token: string; link: string } };
  ownerLinks.set(id, owner);
  return id;
}

/** PUTs a key every `everyMs` (at most 64 in flight) until `stop()`; counts what was sent and acknowledged. */
export function startWriter(base: string, id: string, everyMs: number) {
  const counts = { sent: 0, ok: 0 };
  let inFlight = 0;
  const timer = setInterval(() => {
    if (inFlight >= 64) return;
    const n = counts.sent++;
    inFlight++;
    fetch(`${base}/api/clusters/${id}/kv/k${n % 50}`, {
      method: 'PUT',
      headers: ownerJsonHeaders(id),
      body: JSON.stringify({ value: String(n) }),
    })
      .then((r) => {
        if (r.ok) counts.ok++;
        return r.body?.cancel();
      })
      .catch(() => {})
      .finally(() => inFlight--);
  }, everyMs);
  return { counts, stop: () => clearInterval(timer) };
}

/** Opens a cluster's dashboard at `url` and waits until it is live and shows a leader. */
export async function openDashboard(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.getByRole('status', { name: 'Connection: Live' }).waitFor();
  await page
    .getByRole('button', { name: /^Node \d+, leader, term \d+$/ })
    .first()
    .waitFor({ timeout: 30_000 });
  return page;
}
