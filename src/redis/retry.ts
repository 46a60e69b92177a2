/**
 * Bounded retries for Redis Cluster calls that fail while the cluster moves slots or fails over.
 *
 * @packageDocumentation
 */
import { SocialGraphError } from './core.js';

/**
 * How a {@link RedisSocialGraph} retries a call that met a transient cluster error.
 * @public
 */
export interface RetryPolicy {
  /**
   * Tries in all, the first included.
   * @defaultValue 8
   */
  attempts?: number;
  /**
   * Delay before the first retry, in ms; doubled each retry (with jitter up to the delay).
   * @defaultValue 25
   */
  baseDelayMs?: number;
  /**
   * Longest delay between two tries, in ms.
   * @defaultValue 1000
   */
  maxDelayMs?: number;
}

const TRANSIENT = [
  /^MOVED /,
  /^ASK /,
  /^CLUSTERDOWN/,
  /^TRYAGAIN/,
  /^LOADING/,
  /^READONLY/,
  /^MASTERDOWN/,
  /same slots allocation group/,
  /Too many Cluster redirections/,
  /Failed to refresh slots cache/,
  /Connection is closed/,
  /Cluster isn't ready/,
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT/,
  /Command timed out/,
  /None of startup nodes is available/,
];

/**
 * Whether an error is one the cluster recovers from by itself (a redirection, a slot in
 * migration, a failover in progress, a dropped connection).
 *
 * @remarks O(1).
 * @example
 * ```ts
 * isTransientClusterError(new Error('TRYAGAIN Multiple keys request during rehashing of slot')); // true
 * ```
 * @public
 */
export function isTransientClusterError(error: unknown): boolean {
  if (error instanceof SocialGraphError) return false;
  const message = error instanceof Error ? error.message : String(error);
  for (const pattern of TRANSIENT) if (pattern.test(message)) return true;
  return false;
}

/**
 * Runs `op` until it succeeds, retrying transient cluster errors with exponential backoff; after
 * `attempts` tries it throws `SocialGraphError` with code `BACKEND_UNAVAILABLE` (the last error as
 * `cause`). Any other error is thrown at once.
 *
 * @remarks At most `attempts` calls of `op`; the waits add up to at most about
 * `attempts × maxDelayMs`.
 * @example
 * ```ts
 * const value = await withRetry('RedisSocialGraph.degree', () => cluster.get('k'), {});
 * ```
 * @public
 */
export async function withRetry<T>(method: string, op: (attempt: number) => Promise<T>, policy: RetryPolicy): Promise<T> {
  const attempts = policy.attempts ?? 8;
  const base = policy.baseDelayMs ?? 25;
  const cap = policy.maxDelayMs ?? 1000;
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      const delay = Math.min(cap, base * 2 ** (attempt - 1));
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
    try {
      return await op(attempt);
    } catch (error) {
      if (!isTransientClusterError(error)) throw error;
      last = error;
    }
  }
  const reason = last instanceof Error ? last.message : String(last);
  const error = new SocialGraphError('BACKEND_UNAVAILABLE', `${method}: Redis Cluster still failing after ${attempts} tries (${reason})`);
  (error as { cause?: unknown }).cause = last;
  throw error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
