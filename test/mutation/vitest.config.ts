/**
 * vitest settings for mutation testing (`npm run mutation`, stryker.config.mjs): the test files
 * that exercise src/algorithms and src/store directly, with property runs scaled down
 * (FC_RUNS_SCALE) and no shrinking, so a mutant fails fast. The facade-level property tests of the
 * searches (test/property/algorithms.test.ts, test/algorithms/introductions and suggestions) stay
 * out: they build a SocialGraph per run and cost several times more per mutant, while the
 * *.mutants tests check the same searches against their own oracles, remote-style views included.
 * The score is therefore a lower bound for the whole suite. Worker-thread loads (test/unit/parallel-load.test.ts)
 * stay out, and so do the worker cases of the store and interner tests: Stryker cannot attribute coverage inside a worker, and they take 30 s a run.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: [
      'test/algorithms/*.mutants.test.ts',
      'test/unit/compact-adjacency-store.test.ts',
      'test/unit/id-interner.test.ts',
      'test/unit/intern-pairs.test.ts',
      'test/unit/bulk-buffer.test.ts',
      'test/unit/connection-times.test.ts',
      'test/store/*.test.ts',
    ],
    // Left out: tests that hand work to a worker thread (the worker runs the instrumented copy
    // outside Stryker's reach), the 11 s churn test (its bound is checked by `npm test`), and
    // big loads that take seconds per mutant once instrumented: three that smaller tests under
    // test/store replace (bulkLoad over 1,100 members in 2 buckets with an in-thread helper;
    // table growth from 6,000 new ids; compaction against a model of the pool), and two of
    // those (automatic compaction past 65,536 free slots; lists across 16 MiB slabs) whose
    // mutants are left to count as survivors here: they need 10^5 to 10^6 instrumented inserts.
    testNamePattern: /^(?!.*(with a helper thread|helper thread: |churn at a steady size|grows its table when one partition fills up|compacts and keeps every list intact|compacts by itself once free blocks pass|lays lists out slab by slab)).*$/,
    setupFiles: ['test/support/fc-setup.ts'],
    env: { FC_RUNS_SCALE: '0.05', NO_WORKER_HELPER: '1' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
