/**
 * The passes a helper thread runs, by name (src/store/helper-thread.ts names them): the bulk-load
 * passes, `connectAll`'s merge and the HyperBall passes of src/stats. The worker program and the calling thread's
 * fallback use this one table.
 *
 * @packageDocumentation
 */
import { countSeconds, drainSeconds, scatterSeconds, sortLists } from '../store/bulk-lists.js';
import type { HelperTask } from '../store/helper-thread.js';
import { probePacked } from '../store/id-table.js';
import { newInternState, processChunk } from '../store/intern-chunk.js';
import { mergeGroupsShared } from '../store/merge-groups.js';
import { hyperBallFirst } from '../stats/hyperball-first.js';
import { hyperBallStep } from '../stats/hyperball-step.js';

/**
 * The tasks, by {@link HelperTask} name.
 *
 * @remarks Each is a pass over typed arrays in shared memory; see its own module.
 * @example
 * ```ts
 * HELPER_TASKS.sortLists; // the list-sorting pass
 * ```
 * @internal
 */
export const HELPER_TASKS: Readonly<Record<HelperTask, (...args: never[]) => unknown>> = Object.freeze({
  newInternState,
  processChunk,
  countSeconds,
  scatterSeconds,
  drainSeconds,
  sortLists,
  probePacked,
  mergeGroupsShared,
  hyperBallFirst,
  hyperBallStep,
});
