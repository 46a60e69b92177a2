/**
 * A helper "thread" on this thread, for code paths that take a helper (src/store/helper-thread.ts):
 * `eager` runs each task as it is submitted (the helper wins every race for shared work), `lazy`
 * when it is waited for (the calling thread wins), `split` as `eager` except that a shared merge
 * ({@link mergeGroupsShared}) takes one chunk of groups at submission and leaves the rest to the
 * calling thread. It runs the tasks of Node's helper, by name, and records them in order.
 */
import { HELPER_TASKS } from '../../src/node/helper-tasks.js';
import type { HelperTask, HelperThread } from '../../src/store/helper-thread.js';
import { mergeGroups, type mergeGroupsShared } from '../../src/store/merge-groups.js';

export function inThreadHelper(mode: 'eager' | 'lazy' | 'split'): HelperThread & { tasks: HelperTask[] } {
  let pending: (() => unknown) | null = null;
  let result: unknown;
  const tasks: HelperTask[] = [];
  return {
    tasks,
    threaded: false,
    submit(task, args) {
      tasks.push(task);
      const run = (): unknown => (HELPER_TASKS[task] as (...a: unknown[]) => unknown)(...args);
      if (mode === 'split' && task === 'mergeGroupsShared') {
        const [meta, slabs, keys, groups, touched, newCounts, newAddr, next, t, chunk] = args as Parameters<typeof mergeGroupsShared>;
        const from = Atomics.add(next, 0, chunk);
        result = from < t ? mergeGroups(meta, slabs, keys, groups, touched, newCounts, newAddr, from, Math.min(t, from + chunk)) : 0;
        pending = null;
      } else if (mode !== 'lazy') {
        result = run();
        pending = null;
      } else pending = run;
    },
    wait() {
      if (pending !== null) {
        result = pending();
        pending = null;
      }
      return result;
    },
    close() {},
  };
}
