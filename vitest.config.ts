import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/agents/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/support/temporary-folder-check.ts'],
  },
});
