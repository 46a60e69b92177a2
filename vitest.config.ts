import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A temporary folder per run; the run fails if a test leaves anything in it.
    globalSetup: ['test/support/temp-dir-check.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
