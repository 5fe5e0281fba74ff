/**
 * Nothing lost on restart, as a person sees it: a dashboard open on a server that keeps
 * its clusters in a file (not the suite's server, which keeps nothing) stays on its
 * cluster while that server is stopped and started again, reconnects by itself, and
 * shows the write made before the restart.
 *
 * The browser logs each refused reconnection attempt as a console error, so this spec
 * uses Playwright's own `test` and fails on uncaught page errors only.
 */
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));

/** The server on `port`, keeping clusters in `dataPath`; resolves once it listens. */
async function startServer(port: number, dataPath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RAFTLAB_DATA: dataPath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      if (String(chunk).includes('running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

test('the page rides out a server restart: it reconnects to its cluster, the write still there', async ({
  page,
}) => {
  const port = Number(process.env.E2E_PORT ?? 3199) + 7;
  const dir = mkdtempSync(join(tmpdir(), 'raftlab-e2e-restart-'));
  const dataPath = join(dir, 'raftlab.db');
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.addInitScript(() => localStorage.setItem('raftlab.tourSeen', '1'));
  let server = await startServer(port, dataPath);
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
    const clusterUrl = page.url();
    const connection = page.getByRole('status', { name: /^Connection:/ });
    await expect(connection).toHaveAccessibleName('Connection: Live');
    await expect(page.getByRole('button', { name: /^Node \d+, leader, term \d+$/ })).toHaveCount(1);
    await page.getByLabel('Key', { exact: true }).fill('kept');
    await page.getByLabel('Value', { exact: true }).fill('across the restart');
    await page.getByRole('button', { name: 'Put', exact: true }).click();
    const results = page.getByRole('log', { name: 'Results' });
    await expect(results.getByRole('listitem').first()).toContainText('across the restart');

    await stop(server);
    await expect(page.getByText(/The server stopped .*reconnecting when it is back/)).toBeVisible();
    await expect(connection).not.toHaveAccessibleName('Connection: Live');

    server = await startServer(port, dataPath);
    await expect(connection).toHaveAccessibleName('Connection: Live', { timeout: 30_000 });
    expect(page.url()).toBe(clusterUrl);
    await expect(page.getByText(/The server stopped/)).toHaveCount(0);
    // The entry is in all five logs again, replayed from the file.
    await expect(page.getByText('put kept=across the restart')).toHaveCount(5);
    await page.getByRole('button', { name: 'Get', exact: true }).click();
    await expect(results.getByRole('listitem').first()).toContainText(/get/i);
    await expect(results.getByRole('listitem').first()).toContainText('across the restart');
    expect(pageErrors).toEqual([]);
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
