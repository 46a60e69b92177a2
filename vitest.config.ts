import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A temporary folder per run; the run fails if a test leaves anything in it.
    globalSetup: ['test/support/temp-dir-check.ts'],
    // fast-check's global size and seed (test/support/fc-global.ts) in every test file.
    setupFiles: ['test/support/fc-setup.ts'],
    // Names what did not run for want of a Redis Cluster (and how to run it).
    reporters: ['default', './test/support/skip-reporter.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
