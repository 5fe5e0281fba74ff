import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3199);

/**
 * The e2e suite runs the real server (with the built dashboard) on a private port and
 * drives Debian's Chromium against it. Flags as the machine notes require: no sandbox
 * as root, and no background networking on a closed network.
 */
export default defineConfig({
  testDir: './tests',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx tsx ../apps/server/src/main.ts`,
    url: `http://127.0.0.1:${port}/healthz`,
    // A fresh server each run: nothing kept from the last one.
    env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RAFTLAB_DATA: ':memory:' },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
