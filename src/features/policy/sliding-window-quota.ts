/**
 * Per-member outreach quotas over a sliding window ("100 invitations a week"): an exact sliding
 * log kept as one small ring of timestamps per member that has used the action.
 *
 * @packageDocumentation
 */

/**
 * A quota: at most `limit` uses in any window of `windowMs` milliseconds.
 * @public
 */
export interface QuotaLimit {
  /** Uses allowed per window, an integer from 1 to 1,000,000. */
  readonly limit: number;
  /** Window length in milliseconds, a positive finite number. */
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

/**
 * A sliding-window counter per dense member index.
 *
 * @remarks
 * Exact: a use counts for exactly `windowMs` after it happened. Each member that used the action
 * holds a `Float64Array` ring of `limit + 2` slots (head, count, stamps), allocated on first use;
 * checking and recording are O(1) amortised (expired stamps are dropped from the head). The clock
 * is taken as monotonic: a time earlier than the member's last use counts as that last use.
 * @example
 * ```ts
 * const quota = new SlidingWindowQuota({ limit: 100, windowMs: 7 * 24 * 3600_000 });
 * if (!quota.exceeded(member, Date.now())) quota.record(member, Date.now());
 * ```
 * @public
 */
export class SlidingWindowQuota {
  readonly limit: number;
  readonly windowMs: number;
  #logs: (Float64Array | undefined)[] = [];

  constructor(limit: QuotaLimit) {
    this.limit = limit.limit;
    this.windowMs = limit.windowMs;
  }

  /** Uses of `member` inside the window ending at `now`. O(1) amortised. */
  used(member: number, now: number): number {
    const log = this.#logs[member];
    if (log === undefined) return 0;
    this.#expire(log, now);
    return log[1]!;
  }

  /** Whether `member` has no use left at `now`. O(1) amortised. */
  exceeded(member: number, now: number): boolean {
    return this.used(member, now) >= this.limit;
  }

  /** Counts one use at `now` (call only when not {@link SlidingWindowQuota.exceeded}). O(1) amortised. */
  record(member: number, now: number): void {
    let log = this.#logs[member];
    if (log === undefined) {
      log = new Float64Array(this.limit + 2);
      this.#logs[member] = log;
    }
    this.#expire(log, now);
    const limit = this.limit;
    const head = log[0]!;
    const count = log[1]!;
    if (count > 0) {
      const last = log[2 + ((head + count - 1) % limit)]!;
      if (now < last) now = last;
    }
    if (count === limit) {
      // Full (the caller skipped the check): the oldest use is forgotten.
      log[2 + head] = now;
      log[0] = (head + 1) % limit;
      return;
    }
    log[2 + ((head + count) % limit)] = now;
    log[1] = count + 1;
  }

  /** Where `member` stands at `now`. O(1) amortised. */
  usage(member: number, now: number): QuotaUsage {
    const used = this.used(member, now);
    const log = this.#logs[member];
    const resetAt = log === undefined || used === 0 ? null : log[2 + log[0]!]! + this.windowMs;
    return { limit: this.limit, windowMs: this.windowMs, used, remaining: Math.max(0, this.limit - used), resetAt };
  }

  /** Forgets every use of `member` (the member was removed: its index will be reused). O(1). */
  clear(member: number): void {
    this.#logs[member] = undefined;
  }

  /** Copies the newest uses still inside this window from `other` (a quota being replaced). O(members · limit). */
  carryFrom(other: SlidingWindowQuota, now: number): void {
    other.#logs.forEach((log, member) => {
      if (log === undefined) return;
      const head = log[0]!;
      const count = log[1]!;
      const stamps: number[] = [];
      for (let i = 0; i < count; i++) {
        const t = log[2 + ((head + i) % other.limit)]!;
        if (t > now - this.windowMs) stamps.push(t);
      }
      for (const t of stamps.slice(Math.max(0, stamps.length - this.limit))) this.record(member, t);
    });
  }

  #expire(log: Float64Array, now: number): void {
    const limit = this.limit;
    const cutoff = now - this.windowMs;
    let head = log[0]!;
    let count = log[1]!;
    while (count > 0 && log[2 + head]! <= cutoff) {
      head = (head + 1) % limit;
      count--;
    }
    log[0] = head;
    log[1] = count;
  }
}
