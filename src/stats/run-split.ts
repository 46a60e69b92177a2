/**
 * runSplit: runs a ranged pass over members 0..n-1 in batches, here and on Node's helper thread
 * (when there is one), both claiming batches from a shared counter (so a thread the machine
 * runs less does less), yielding to the event loop between batches so that an AbortSignal can
 * fire.
 *
 * @packageDocumentation
 */
import type { HelperTask, HelperThread } from '../store/helper-thread.js';

/** How long the calling thread works before it yields to the event loop (ms). */
const SLICE_MS = 50;
/** Members per batch (the helper's batches are the same size, see hyperBallStep). */
const BATCH = 1024;

/** A pass: `run(from, to)` over a member range, its result; `task` names it for the helper. */
export interface RangedPass<R> {
  task: HelperTask;
  /** Arguments before `claim, from, to` (shared typed arrays and numbers). */
  args: unknown[];
  /** The pass here over `from..to` (no claim counter). */
  run(from: number, to: number): R;
}

/** Yields to the event loop (a macrotask), then throws if `signal` was aborted. @internal */
export async function pause(signal: AbortSignal | null): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  signal?.throwIfAborted();
}

/**
 * Runs `pass` over members `0..members-1`: with a helper, both threads claim batches of 1024
 * members from a shared counter (the helper runs the pass with `claim`); the results come back
 * as a list (this thread's batches, then the helper's).
 *
 * @remarks The time of the pass; this thread yields every ~50 ms.
 * @internal
 */
export async function runSplit<R>(pass: RangedPass<R>, members: number, helper: HelperThread | null, signal: AbortSignal | null): Promise<R[]> {
  const claim = helper === null ? null : new Int32Array(new SharedArrayBuffer(4));
  if (helper !== null) helper.submit(pass.task, [...pass.args, claim, 0, members]);
  const results: R[] = [];
  let failure: unknown = null;
  try {
    let slice = Date.now();
    let next = 0;
    for (;;) {
      const from = claim === null ? next : Atomics.add(claim, 0, BATCH);
      if (from >= members) break;
      next = from + BATCH;
      results.push(pass.run(from, Math.min(members, next)));
      if (Date.now() - slice > SLICE_MS) {
        await pause(signal);
        slice = Date.now();
      }
    }
  } catch (error) {
    failure = error;
    // The helper stops at its next claim.
    if (claim !== null) Atomics.store(claim, 0, members);
  }
  // The helper's part must be over before the shared arrays are read or the run ends.
  if (helper !== null) {
    const theirs = helper.wait() as R;
    results.push(theirs);
  }
  if (failure !== null) throw failure;
  return results;
}
