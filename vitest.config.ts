import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace's unit and property tests; e2e has its own runner.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
