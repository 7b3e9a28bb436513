import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests open real SQLite files and ports; keep parallelism modest on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
