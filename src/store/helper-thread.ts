/**
 * HelperThread: what a bulk load asks of a second thread, and where it gets one.
 *
 * A bulk load runs faster with a helper that runs one of its passes while the loading thread runs
 * another: steps 2–5 of interning a chunk of ids ({@link processChunk}) while the loading thread
 * reads and hashes the next chunk, and the second members' half of the store's passes
 * (bulk-lists.ts). Those passes are functions over typed arrays in shared memory,
 * named by {@link HelperTask}. The core has no threads of its own: a platform entry point sets a
 * starter ({@link setHelperThreadStarter}); Node's (src/node/main.ts, the package's `node`
 * export condition) starts a worker thread. Without one, {@link startHelperThread} returns `null`
 * and loads run on one thread.
 *
 * @internal
 * @packageDocumentation
 */

/** The passes a helper can run: {@link processChunk}, those of bulk-lists.ts, `connectAll`'s {@link probePacked} and {@link mergeGroupsShared}, and the HyperBall passes of src/stats. @internal */
export type HelperTask =
  | 'newInternState'
  | 'processChunk'
  | 'countSeconds'
  | 'scatterSeconds'
  | 'drainSeconds'
  | 'sortLists'
  | 'probePacked'
  | 'mergeGroupsShared'
  | 'hyperBallFirst'
  | 'hyperBallStep';

/** A second thread that runs tasks one at a time. @internal */
export interface HelperThread {
  /**
   * Starts `task` on `args` (typed arrays over shared memory are shared, anything else is
   * copied); nothing they share may be touched until {@link HelperThread.wait}.
   */
  submit(task: HelperTask, args: unknown[]): void;
  /** Blocks until the submitted task is done; returns its result. */
  wait(): unknown;
  /** Stops the helper (also after a failure); idempotent. */
  close(): void;
  /** Whether a second thread has run the tasks so far (false once the helper ran them here). */
  readonly threaded: boolean;
}

let starter: (() => HelperThread | null) | null = null;

/**
 * Sets how bulk loads start a helper thread (a platform entry point calls this once).
 *
 * @remarks O(1).
 * @internal
 */
export function setHelperThreadStarter(start: (() => HelperThread | null) | null): void {
  starter = start;
}

/**
 * A helper thread for one bulk load, or `null` where the platform gives none (the load then runs
 * on one thread). The caller closes it.
 *
 * @remarks O(1) for the caller; a worker boots (about 30 ms) while the caller goes on.
 * @internal
 */
export function startHelperThread(): HelperThread | null {
  return starter === null ? null : starter();
}
