/**
 * runSplit: runs a ranged pass over members 0..n-1, half on Node's helper thread (when there is
 * one) and half here in batches, yielding to the event loop between batches so that an
 * AbortSignal can fire.
 *
 * @packageDocumentation
 */
import type { HelperTask, HelperThread } from '../store/helper-thread.js';

/** How long the calling thread works before it yields to the event loop (ms). */
const SLICE_MS = 50;
/** Members per batch between clock reads. */
const BATCH = 2048;

/** A pass: `run(from, to)` over a member range, its result; `task` names it for the helper. */
export interface RangedPass<R> {
  task: HelperTask;
  /** Arguments before `from, to` (shared typed arrays and numbers). */
  args: unknown[];
  run(from: number, to: number): R;
}

/** Yields to the event loop (a macrotask), then throws if `signal` was aborted. */
export async function pause(signal: AbortSignal | null): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  signal?.throwIfAborted();
}

/**
 * Runs `pass` over members `0..members-1`: with a helper, the members after `split` go to the
 * helper and this thread runs `0..split`; the results come back as a list (this thread's
 * batches, then the helper's).
 *
 * @remarks The time of the pass; this thread yields every ~50 ms.
 * @internal
 */
export async function runSplit<R>(pass: RangedPass<R>, members: number, split: number, helper: HelperThread | null, signal: AbortSignal | null): Promise<R[]> {
  const end = helper === null ? members : split;
  if (helper !== null) helper.submit(pass.task, [...pass.args, split, members]);
  const results: R[] = [];
  let failure: unknown = null;
  try {
    let slice = Date.now();
    for (let from = 0; from < end; from += BATCH) {
      results.push(pass.run(from, Math.min(end, from + BATCH)));
      if (Date.now() - slice > SLICE_MS) {
        await pause(signal);
        slice = Date.now();
      }
    }
  } catch (error) {
    failure = error;
  }
  // The helper's half must be over before the shared arrays are read or the run ends.
  if (helper !== null) {
    const theirs = helper.wait() as R;
    results.push(theirs);
  }
  if (failure !== null) throw failure;
  return results;
}

/** The member index that splits the adjacency (`offsets`) into two halves of about equal connections. @internal */
export function balancedSplit(offsets: Int32Array, members: number): number {
  const half = offsets[members]! / 2;
  let lo = 0;
  let hi = members;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < half) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
