// Mutation testing of the algorithms and the store: `npm run mutation` (not part of `npm test`;
// about an hour on one core). Report: reports/mutation/index.html and the clear-text table.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  mutate: ['src/algorithms/**/*.ts', 'src/store/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Error messages are free text (tests assert on codes); static initialisers would rerun every test.
  mutator: { excludedMutations: ['StringLiteral'] },
  ignoreStatic: true,
  concurrency: 2,
  // Results are reused for mutants whose code and covering tests did not change (committed file).
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  // A mutant that loops or slows a search 10x counts as detected (timeout) quickly.
  timeoutMS: 2_000,
  timeoutFactor: 1.25,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
