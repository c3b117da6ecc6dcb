import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { basemapPlugin } from './ui/vite/basemap-plugin.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Opening an embedded PGlite takes ~7 s on a quiet 2-core machine, longer under load.
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default in run mode is one worker per core minus one: a single worker on a 2-core machine, idle
    // while its tests wait on PostgreSQL, Redis, a server child process or Chromium. At least two overlap those
    // waits (node project on a loaded 2-core machine: 36 min → 14 min together with the PGlite template).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['contracts/test/**/*.test.ts', 'engine/test/**/*.test.ts', 'benchmarks/**/*.test.ts', 'server/test/**/*.test.ts'],
          // One migrated PGlite folder per run, copied for each file that needs an embedded database.
          globalSetup: ['server/test/support/pglite-template.global.ts'],
        },
      },
      {
        // The board's components, rendered in happy-dom with Testing Library.
        extends: true,
        plugins: [react(), basemapPlugin()],
        test: {
          name: 'ui',
          include: ['ui/test/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['ui/test/setup.ts'],
        },
      },
      {
        // The board in headless Chromium against the real server (skips without /usr/bin/chromium).
        extends: true,
        test: {
          name: 'e2e',
          include: ['ui/e2e/**/*.test.ts'],
          globalSetup: ['server/test/support/pglite-template.global.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // A loaded CI machine (the whole suite on two cores, the server planning its demo
          // day at start-up) can take seconds to answer a page: vitest's 1 s poll default
          // made the board's first screen fail there and every later test with it.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
