import { defineConfig } from 'vitest/config';

/** `npm run test:agents`: the real agent CLIs end to end (slow, network for the first npm install; see test/agents/). */
export default defineConfig({
  test: {
    include: ['test/agents/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    pool: 'forks',
    globalSetup: ['test/support/temporary-folder-check.ts'],
    fileParallelism: false,
  },
});
