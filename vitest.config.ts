import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['engine/test/**/*.test.ts', 'benchmarks/**/*.test.ts', 'server/test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
