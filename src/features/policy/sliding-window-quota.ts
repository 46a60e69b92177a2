/**
 * Per-member outreach quotas over a sliding window ("100 invitations a week"): an exact sliding
 * log kept as one small sorted array of use times per member that has used the action.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';

/**
 * A quota: at most `limit` uses in any window of `windowMs` milliseconds.
 * @public
 */
export interface QuotaLimit {
  /** Uses allowed per window, an integer from 1 to 1,000,000. */
  readonly limit: number;
  /** Window length in milliseconds, an integer from 1 to 2^42 (about 139 years). */
  readonly windowMs: number;
}

/**
 * Where a member stands with a quota.
 * @public
 */
export interface QuotaUsage extends QuotaLimit {
  /** Uses inside the window ending now. */
  readonly used: number;
  /** `limit - used` (0 when exhausted). */
  readonly remaining: number;
  /** When the oldest use inside the window leaves it (a clock time in ms), `null` when there is none. */
  readonly resetAt: number | null;
}

/** Largest accepted quota limit. */
export const MAX_QUOTA_LIMIT = 1_000_000;

/** Longest accepted quota window, in ms: an integer a snapshot stores exactly (2^42 ms, about 139 years). */
export const MAX_QUOTA_WINDOW_MS = 2 ** 42;

/**
 * Reads a {@link QuotaLimit} once (each field read exactly once, so a getter cannot change it
 * after the check) and returns a frozen copy. Throws `INVALID_OPTION` naming `method` unless
 * `limit` is an integer from 1 to {@link MAX_QUOTA_LIMIT} and `windowMs` an integer from 1 to
 * {@link MAX_QUOTA_WINDOW_MS}, or when reading a field throws.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * readQuotaLimit('setQuota', { limit: 3, windowMs: 60_000 }); // { limit: 3, windowMs: 60000 }
 * ```
 * @internal
 */
export function readQuotaLimit(method: string, value: unknown): QuotaLimit {
  if (value === null || typeof value !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: quota must be { limit, windowMs } or null, got ${describeValue(value)}`);
  }
  let limit: unknown;
  let windowMs: unknown;
  try {
    limit = (value as { limit?: unknown }).limit;
    windowMs = (value as { windowMs?: unknown }).windowMs;
  } catch (error) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: reading the quota threw (${error instanceof Error ? error.message : describeValue(error)})`);
  }
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_QUOTA_LIMIT) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: limit must be an integer from 1 to ${MAX_QUOTA_LIMIT}, got ${describeValue(limit)}`);
  }
  if (typeof windowMs !== 'number' || !Number.isInteger(windowMs) || windowMs < 1 || windowMs > MAX_QUOTA_WINDOW_MS) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: windowMs must be an integer number of milliseconds from 1 to 2^42, got ${describeValue(windowMs)}`);
  }
  return Object.freeze({ limit, windowMs });
}

/** The uses of one member: times ascending in `times[start, start + size)`, tags beside them. */
interface UseLog {
  times: Float64Array;
  /** Target member of each use made by `attempt(…, 'invite', target)`, -1 for none; null until one. */
  tags: Int32Array | null;
  start: number;
  size: number;
  /** Tags ≥ 0 among the stored uses. */
  tagged: number;
}

const FIRST_CAPACITY = 4;

/**
 * A sliding-window counter per dense member index.
 *
 * @remarks
 * Exact: a use counts for exactly `windowMs` after it happened, and uses are counted by their own
 * times, whatever the clock says: at a reading `now`, the uses with a time after `now - windowMs`
 * count, uses recorded at a later time included. So a clock that jumps back cannot free a slot,
 * and one that jumps forward and back frees nothing either: no use is forgotten because of a
 * reading. A member keeps the times of its `limit` latest uses at most (only those can decide), in
 * an array that grows with the uses (8 bytes each, 12 with a tag), allocated on first use.
 * Checking is O(log u) for u uses kept; recording is O(1) amortised when the clock does not go
 * back (O(u) when it does).
 * @example
 * ```ts
 * const quota = new SlidingWindowQuota({ limit: 100, windowMs: 7 * 24 * 3600_000 });
 * if (!quota.exceeded(u, Date.now())) quota.record(u, Date.now());
 * quota.used(u, Date.now()); // 1
 * ```
 * @public
 */
export class SlidingWindowQuota {
  readonly limit: number;
  readonly windowMs: number;
  #logs: (UseLog | undefined)[] = [];

  constructor(limit: QuotaLimit) {
    const read = readQuotaLimit('SlidingWindowQuota', limit);
    this.limit = read.limit;
    this.windowMs = read.windowMs;
  }

  /** Uses of `member` inside the window ending at `now`. O(log u). */
  used(member: number, now: number): number {
    const log = this.#logs[member];
    if (log === undefined) return 0;
    return log.size - this.#firstCounted(log, now);
  }

  /** Whether `member` has no use left at `now`. O(log u). */
  exceeded(member: number, now: number): boolean {
    return this.used(member, now) >= this.limit;
  }

  /**
   * Counts one use at `now` (call only when not {@link SlidingWindowQuota.exceeded}); `tag` marks
   * the use as made for a target member (see {@link SlidingWindowQuota.hasTag}). O(1) amortised
   * when `now` is not before the latest use, else O(u).
   */
  record(member: number, now: number, tag = -1): void {
    let log = this.#logs[member];
    if (log === undefined) {
      log = { times: new Float64Array(Math.min(FIRST_CAPACITY, this.limit)), tags: null, start: 0, size: 0, tagged: 0 };
      this.#logs[member] = log;
    }
    if (log.size === this.limit) {
      // Only the `limit` latest uses can decide: the earliest goes (it is outside the window
      // when the caller checked first).
      if (log.tags !== null && log.tags[log.start]! >= 0) log.tagged--;
      log.start++;
      log.size--;
    }
    if (log.start + log.size === log.times.length) this.#makeRoom(log);
    const times = log.times;
    let i = log.start + log.size;
    // Keep the times sorted: shift later uses (only when the clock went back).
    while (i > log.start && times[i - 1]! > now) {
      times[i] = times[i - 1]!;
      if (log.tags !== null) log.tags[i] = log.tags[i - 1]!;
      i--;
    }
    times[i] = now;
    if (tag >= 0 && log.tags === null) log.tags = new Int32Array(times.length).fill(-1);
    if (log.tags !== null) log.tags[i] = tag;
    if (tag >= 0) log.tagged++;
    log.size++;
  }

  /** Whether a use of `member` still counting at `now` was recorded with `tag`. O(u) when the member has tagged uses, else O(1). */
  hasTag(member: number, tag: number, now: number): boolean {
    return this.#taggedAt(member, tag, now) >= 0;
  }

  /** Removes the tag of such a use (the use keeps counting); returns whether there was one. */
  takeTag(member: number, tag: number, now: number): boolean {
    const at = this.#taggedAt(member, tag, now);
    if (at < 0) return false;
    const log = this.#logs[member]!;
    log.tags![at] = -1;
    log.tagged--;
    return true;
  }

  /** Where `member` stands at `now`. O(log u). */
  usage(member: number, now: number): QuotaUsage {
    const log = this.#logs[member];
    const first = log === undefined ? 0 : this.#firstCounted(log, now);
    const used = log === undefined ? 0 : log.size - first;
    const resetAt = log === undefined || used === 0 ? null : log.times[first]! + this.windowMs;
    return { limit: this.limit, windowMs: this.windowMs, used, remaining: Math.max(0, this.limit - used), resetAt };
  }

  /**
   * Forgets every use of `member`, and drops the tags other members' uses hold for it (the member
   * was removed: its index will be reused, and a use prepaid for it must not pay for another
   * member's invitation). O(1), plus O(uses) over members with tagged uses.
   */
  clear(member: number): void {
    this.#logs[member] = undefined;
    for (const log of this.#logs) {
      if (log === undefined || log.tagged === 0 || log.tags === null) continue;
      for (let i = log.start; i < log.start + log.size; i++) {
        if (log.tags[i] === member) {
          log.tags[i] = -1;
          log.tagged--;
        }
      }
    }
  }

  /** Copies the latest uses (at most this limit) of each member from `other`, a quota being replaced. O(uses kept). */
  carryFrom(other: SlidingWindowQuota, _now?: number): void {
    other.#logs.forEach((log, member) => {
      if (log === undefined) return;
      const from = Math.max(log.start, log.start + log.size - this.limit);
      for (let i = from; i < log.start + log.size; i++) this.record(member, log.times[i]!, log.tags === null ? -1 : log.tags[i]!);
    });
  }

  /**
   * Calls `each` for every member with uses kept, in member order, with the kept uses' times
   * (ascending) and tags (-1: none). What a snapshot stores. O(uses kept).
   */
  forEachMember(each: (member: number, times: Float64Array, tags: Int32Array | null) => void): void {
    this.#logs.forEach((log, member) => {
      if (log === undefined || log.size === 0) return;
      const end = log.start + log.size;
      each(member, log.times.subarray(log.start, end), log.tags === null || log.tagged === 0 ? null : log.tags.subarray(log.start, end));
    });
  }

  /** Index in `log.times` of the first use counting at `now` (time after `now - windowMs`). */
  #firstCounted(log: UseLog, now: number): number {
    const cutoff = now - this.windowMs;
    let lo = log.start;
    let hi = log.start + log.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (log.times[mid]! > cutoff) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  #taggedAt(member: number, tag: number, now: number): number {
    const log = this.#logs[member];
    if (log === undefined || log.tagged === 0 || log.tags === null) return -1;
    for (let i = this.#firstCounted(log, now); i < log.start + log.size; i++) if (log.tags[i] === tag) return i;
    return -1;
  }

  /** Moves the uses to the front, or doubles the arrays (never past `limit` entries). O(u). */
  #makeRoom(log: UseLog): void {
    const length = log.times.length;
    if (log.size * 2 <= length || length === this.limit) {
      log.times.copyWithin(0, log.start, log.start + log.size);
      log.tags?.copyWithin(0, log.start, log.start + log.size);
      log.start = 0;
      return;
    }
    const capacity = Math.min(this.limit, length * 2);
    const times = new Float64Array(capacity);
    times.set(log.times.subarray(log.start, log.start + log.size));
    log.times = times;
    if (log.tags !== null) {
      const tags = new Int32Array(capacity).fill(-1);
      tags.set(log.tags.subarray(log.start, log.start + log.size));
      log.tags = tags;
    }
    log.start = 0;
  }
}

/**
 * Charges the use an allowed `attempt(viewer, action, target)` makes. For `invite` the use is
 * tagged with the target: the invitation `invite(viewer, target)` then sends is that same use
 * (see {@link spendInvitation}), and attempting the same invitation again while that use counts
 * charges nothing more. So `attempt` then `invite` uses one unit, as only invitations sent count.
 *
 * @remarks O(1) amortised (O(u) for `invite` when the member has tagged uses).
 * @example
 * ```ts
 * const quota = new SlidingWindowQuota({ limit: 100, windowMs: 7 * 24 * 3600_000 });
 * chargeAttempt(quota, 'invite', u, v, Date.now());
 * chargeAttempt(quota, 'invite', u, v, Date.now()); // the same invitation again: no charge
 * quota.used(u, Date.now()); // 1
 * ```
 * @internal
 */
export function chargeAttempt(quota: SlidingWindowQuota | undefined, action: string, u: number, v: number, now: number): void {
  if (quota === undefined) return;
  if (action !== 'invite') quota.record(u, now);
  else if (!quota.hasTag(u, v, now)) quota.record(u, now, v);
}

/**
 * Charges the invitation `u` sends to `v`: the use of an earlier allowed `attempt(u, 'invite', v)`
 * that still counts, if there is one (its tag is taken), else a new use.
 *
 * @remarks O(1) amortised, O(u) when the member has tagged uses.
 * @example
 * ```ts
 * const quota = new SlidingWindowQuota({ limit: 100, windowMs: 7 * 24 * 3600_000 });
 * chargeAttempt(quota, 'invite', u, v, Date.now());
 * spendInvitation(quota, u, v, Date.now()); // takes the attempt's use
 * quota.used(u, Date.now()); // 1
 * ```
 * @internal
 */
export function spendInvitation(quota: SlidingWindowQuota | undefined, u: number, v: number, now: number): void {
  if (quota !== undefined && !quota.takeTag(u, v, now)) quota.record(u, now);
}
