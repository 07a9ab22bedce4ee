import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (node or jsdom per file) and browser tests that drive
// Debian's Chromium through playwright-core against the built bundles.
// Workspace packages are read from their sources (the `source` export condition), in jsdom tests
// (client conditions) and in Node tests (server conditions) alike, so a test never runs against a
// stale `dist/`.
const shared = {
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.{ts,tsx}', 'bench/**/*.test.mjs'],
          exclude: ['**/*.browser.test.mjs'],
          testTimeout: 20_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts', 'bench/**/*.browser.test.mjs'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
