/**
 * The graph's clock, checked at every reading.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../errors.js';

/**
 * Wraps a clock so that every reading is a finite number of milliseconds: a reading that is not
 * (NaN, ±Infinity, a string) is a `SocialGraphError` `INVALID_OPTION` at the call that
 * read it, which then changes nothing — a clock returning `Infinity` would otherwise push every
 * quota use out of its window and disable quotas.
 *
 * @remarks O(1) per reading.
 * @example
 * ```ts
 * const now = checkedClock(() => 1_000);
 * now(); // 1000
 * ```
 * @internal
 */
export function checkedClock(clock: () => number): () => number {
  return () => {
    const now: unknown = clock();
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw new SocialGraphError('INVALID_OPTION', `clock: the graph's clock must return a finite number of milliseconds, got ${describeValue(now)}`);
    }
    return now;
  };
}
