/**
 * vitest reporter: at the end of a run, one line per group of tests that did not run because the
 * machine lacks what they need, with how to run them. A plain `npm test` without a Redis Cluster
 * then says so instead of passing quietly; with CI set those suites fail instead of skipping
 * (test/redis/cluster-env.ts).
 */
import type { Reporter, TestModule } from 'vitest/node';

interface Group {
  /** Test files of the group (path relative to the repository, forward slashes). */
  match: (file: string) => boolean;
  /** Whether the machine lacks what the group needs (its skips are then reported). */
  missing: () => boolean;
  what: string;
  how: string;
}

const GROUPS: Group[] = [
  {
    match: (f) => f.startsWith('test/redis/'),
    missing: () => (process.env.REDIS_CLUSTER_NODES ?? '').trim() === '',
    what: 'Redis Cluster tests',
    how: 'set REDIS_CLUSTER_NODES, or run .ci/run, which starts a cluster',
  },
];

export default class SkipReporter implements Reporter {
  #root = process.cwd();

  onInit(ctx: { config: { root: string } }): void {
    this.#root = ctx.config.root;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = new Map<Group, number>();
    for (const module of testModules) {
      const file = module.moduleId.slice(this.#root.length + 1).replaceAll('\\', '/');
      const group = GROUPS.find((g) => g.match(file) && g.missing());
      if (group === undefined) continue;
      for (const test of module.children.allTests()) {
        if (test.result().state === 'skipped') skipped.set(group, (skipped.get(group) ?? 0) + 1);
      }
    }
    for (const [group, count] of skipped) {
      process.stdout.write(`\nskipped: ${count} ${group.what} (${group.how})\n`);
    }
  }
}
