import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/test/**/*.test.ts', 'benchmarks/**/*.test.ts', 'server/test/**/*.test.ts'],
    testTimeout: 60_000,
    // Opening an embedded PGlite takes ~7 s on a quiet 2-core machine, longer under load.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
