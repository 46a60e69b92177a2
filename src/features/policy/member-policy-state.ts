/**
 * The per-graph state of the policy feature, keyed by dense member index: blocks, privacy
 * settings, groups, quotas and the rule set in force. Cleared
 * member by member when the graph removes one (indices are reused).
 *
 * @packageDocumentation
 */
import { DEFAULT_POLICY } from './default-policy.js';
import type { Policy, PolicyAction } from './policy.js';
import type { SlidingWindowQuota } from './sliding-window-quota.js';

const EMPTY = new Int32Array(0);

/**
 * Blocks, privacy, groups and quotas of the members of one graph.
 *
 * @remarks
 * - Blocks: a `Set` of blocked indices per blocker and per blocked member; {@link MemberPolicyState.blockedPair}
 *   is O(1) (and a single comparison while nobody blocks anyone).
 * - Privacy: one byte per member index (`Uint8Array`, packed settings), O(1) to read.
 * - Groups: names interned to integers; each member holds a sorted `Int32Array` of its groups,
 *   so a shared-group test is a merge of two short lists, O(1) when either has none.
 * - Quotas: one {@link SlidingWindowQuota} per limited action.
 * @example
 * ```ts
 * const state = new MemberPolicyState();
 * state.blockedPair(0, 1); // false
 * ```
 * @internal
 */
export class MemberPolicyState {
  policy: Policy = DEFAULT_POLICY;
  /** Provided by the invitations feature: whether an invitation between two members is pending. */
  pendingInvitation: ((a: number, b: number) => boolean) | null = null;
  readonly quotas: Map<PolicyAction, SlidingWindowQuota> = new Map();

  #privacy: Uint8Array = new Uint8Array(0);
  /** Members whose privacy settings are not the defaults. */
  #privacyCount = 0;
  #blocks = 0;
  readonly #out: Map<number, Set<number>> = new Map();
  readonly #in: Map<number, Set<number>> = new Map();
  #groupsOf: (Int32Array | undefined)[] = [];
  readonly #groupIndex: Map<string, number> = new Map();
  readonly #groupNames: (string | undefined)[] = [];
  readonly #groupSize: number[] = [];
  readonly #freeGroups: number[] = [];

  // ------------------------------------------------------------ privacy

  /** Packed privacy settings of a member (0: the defaults). O(1). */
  privacyCode(v: number): number {
    return v < this.#privacy.length ? this.#privacy[v]! : 0;
  }

  /** Sets a member's packed privacy settings. O(1) amortised. */
  setPrivacyCode(v: number, code: number): void {
    if (v >= this.#privacy.length) {
      if (code === 0) return;
      const grown = new Uint8Array(Math.max(v + 1, this.#privacy.length * 2, 64));
      grown.set(this.#privacy);
      this.#privacy = grown;
    }
    this.#privacyCount += (code !== 0 ? 1 : 0) - (this.#privacy[v] !== 0 ? 1 : 0);
    this.#privacy[v] = code;
  }

  /** Whether nothing differs from a fresh graph's (the snapshot section is then left out). O(1). */
  get isEmpty(): boolean {
    return this.policy === DEFAULT_POLICY && this.quotas.size === 0 && this.#privacyCount === 0 && this.#blocks === 0 && this.#groupIndex.size === 0;
  }

  // ------------------------------------------------------------ blocks

  /** Number of blocks in force (directed). O(1). */
  get blockCount(): number {
    return this.#blocks;
  }

  /** Whether either member blocked the other. O(1). */
  blockedPair(a: number, b: number): boolean {
    if (this.#blocks === 0) return false;
    const out = this.#out;
    return out.get(a)?.has(b) === true || out.get(b)?.has(a) === true;
  }

  /** Whether `a` blocked `b` (directed). O(1). */
  hasBlocked(a: number, b: number): boolean {
    return this.#out.get(a)?.has(b) === true;
  }

  /** Records that `a` blocks `b`. Returns false if it already did. O(1). */
  block(a: number, b: number): boolean {
    let out = this.#out.get(a);
    if (out?.has(b) === true) return false;
    if (out === undefined) this.#out.set(a, (out = new Set()));
    out.add(b);
    let inc = this.#in.get(b);
    if (inc === undefined) this.#in.set(b, (inc = new Set()));
    inc.add(a);
    this.#blocks++;
    return true;
  }

  /** Lifts `a`'s block of `b`. Returns whether there was one. O(1). */
  unblock(a: number, b: number): boolean {
    const out = this.#out.get(a);
    if (out === undefined || !out.delete(b)) return false;
    if (out.size === 0) this.#out.delete(a);
    const inc = this.#in.get(b)!;
    inc.delete(a);
    if (inc.size === 0) this.#in.delete(b);
    this.#blocks--;
    return true;
  }

  /** Members `a` blocked (in insertion order). O(b). */
  blockedBy(a: number): number[] {
    return [...(this.#out.get(a) ?? [])];
  }

  /** Whether `a` has any block with anyone, in either direction. O(1). */
  hasBlocks(a: number): boolean {
    return this.#blocks > 0 && (this.#out.has(a) || this.#in.has(a));
  }

  /** Calls `fn` for each member blocked with `a` (either direction; a member may come twice). O(b). */
  forEachBlockedWith(a: number, fn: (other: number) => void): void {
    if (this.#blocks === 0) return;
    this.#out.get(a)?.forEach(fn);
    this.#in.get(a)?.forEach(fn);
  }

  // ------------------------------------------------------------ groups

  /** Adds `v` to group `name`. Returns false if it was in it. O(g) for g groups of the member. */
  join(v: number, name: string): boolean {
    let g = this.#groupIndex.get(name);
    const list = this.#groupsOf[v] ?? EMPTY;
    if (g !== undefined && indexIn(list, g) >= 0) return false;
    if (g === undefined) {
      g = this.#freeGroups.pop() ?? this.#groupNames.length;
      this.#groupIndex.set(name, g);
      this.#groupNames[g] = name;
      this.#groupSize[g] = 0;
    }
    const at = -indexIn(list, g) - 1;
    const next = new Int32Array(list.length + 1);
    next.set(list.subarray(0, at));
    next[at] = g;
    next.set(list.subarray(at), at + 1);
    this.#groupsOf[v] = next;
    this.#groupSize[g]!++;
    return true;
  }

  /** Removes `v` from group `name`. Returns whether it was in it. O(g). */
  leave(v: number, name: string): boolean {
    const g = this.#groupIndex.get(name);
    const list = this.#groupsOf[v];
    if (g === undefined || list === undefined) return false;
    const at = indexIn(list, g);
    if (at < 0) return false;
    this.#groupsOf[v] = list.length === 1 ? undefined : Int32Array.from([...list.subarray(0, at), ...list.subarray(at + 1)]);
    this.#release(g);
    return true;
  }

  /** Whether two members share a group. O(g_a + g_b), O(1) when either has none. */
  sharesGroup(a: number, b: number): boolean {
    const x = this.#groupsOf[a];
    if (x === undefined) return false;
    const y = this.#groupsOf[b];
    if (y === undefined) return false;
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      const p = x[i]!;
      const q = y[j]!;
      if (p === q) return true;
      if (p < q) i++;
      else j++;
    }
    return false;
  }

  /** Names of the groups two members share, sorted. O(g_a + g_b + k log k). */
  sharedGroups(a: number, b: number): string[] {
    const x = this.#groupsOf[a] ?? EMPTY;
    const y = this.#groupsOf[b] ?? EMPTY;
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      const p = x[i]!;
      const q = y[j]!;
      if (p === q) {
        out.push(this.#groupNames[p]!);
        i++;
        j++;
      } else if (p < q) i++;
      else j++;
    }
    return out.sort();
  }

  /** Names of a member's groups, sorted. O(g log g). */
  groupsOf(v: number): string[] {
    const list = this.#groupsOf[v] ?? EMPTY;
    return Array.from(list, (g) => this.#groupNames[g]!).sort();
  }

  #release(g: number): void {
    if (--this.#groupSize[g]! > 0) return;
    this.#groupIndex.delete(this.#groupNames[g]!);
    this.#groupNames[g] = undefined;
    this.#freeGroups.push(g);
  }

  // ------------------------------------------------------------ removal

  /** Forgets everything about member index `v` (before the index is reused). O(b + g + quotas). */
  forget(v: number): void {
    if (v < this.#privacy.length) this.setPrivacyCode(v, 0);
    for (const b of this.blockedBy(v)) this.unblock(v, b);
    for (const a of [...(this.#in.get(v) ?? [])]) this.unblock(a, v);
    const list = this.#groupsOf[v];
    if (list !== undefined) {
      this.#groupsOf[v] = undefined;
      for (const g of list) this.#release(g);
    }
    for (const quota of this.quotas.values()) quota.clear(v);
  }
}

/** Binary search of `x` in a sorted list: its index, or `-(insertion point) - 1`. */
function indexIn(list: Int32Array, x: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const y = list[mid]!;
    if (y < x) lo = mid + 1;
    else if (y > x) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}
