// ESLint flat config: typescript-eslint's recommended rules everywhere, React hooks rules
// in the web app, and import bans that keep the deterministic core free of Node and DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const deterministicBans = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'],
          message: 'The core and simulator must not use Node APIs.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    'window',
    'document',
    'performance',
    'setTimeout',
    'setInterval',
    'process',
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the injected, seeded random source.' },
    { object: 'Date', property: 'now', message: 'Use virtual time.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date']", message: 'Use virtual time.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/raft/src/**/*.ts', 'packages/sim/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts'],
    languageOptions: { globals: {} },
    rules: deterministicBans,
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The protocol is in the page's bundle: of the simulator it takes only the catalogue.
    files: ['packages/protocol/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@raftlab/sim', message: 'Import @raftlab/sim/catalogue: the protocol is in the page.' },
            {
              name: '@raftlab/raft',
              message: 'The protocol mirrors the core’s types; it imports none of its code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The page reads the wire through @raftlab/protocol; of the simulator it may import
    // only the pure KV rules it replays (@raftlab/sim/kv), never the simulator itself.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@raftlab/sim',
              message: 'Import @raftlab/protocol, or @raftlab/sim/kv for the KV rules.',
            },
            { name: '@raftlab/raft', message: 'The page reads the core through @raftlab/protocol.' },
          ],
        },
      ],
    },
  },
);
