/**
 * A helper "thread" on this thread, for code paths that take a helper (src/store/helper-thread.ts):
 * `eager` runs each task as it is submitted (the helper wins every race for shared work), `lazy`
 * when it is waited for (the calling thread wins). It runs the tasks of Node's helper, by name,
 * and records them in order.
 */
import { HELPER_TASKS } from '../../src/node/helper-tasks.js';
import type { HelperTask, HelperThread } from '../../src/store/helper-thread.js';

export function inThreadHelper(mode: 'eager' | 'lazy'): HelperThread & { tasks: HelperTask[] } {
  let pending: (() => unknown) | null = null;
  let result: unknown;
  const tasks: HelperTask[] = [];
  return {
    tasks,
    threaded: false,
    submit(task, args) {
      tasks.push(task);
      const run = (): unknown => (HELPER_TASKS[task] as (...a: unknown[]) => unknown)(...args);
      if (mode === 'eager') {
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
