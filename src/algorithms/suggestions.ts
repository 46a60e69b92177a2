/**
 * People you may know: 2nd-degree members ranked by mutual connections, counted with a typed
 * counter over the member's connections' lists, then the top `k` kept by a bounded heap.
 *
 * @packageDocumentation
 */
import type { CountingScratch } from './counting-scratch.js';
import type { FetchRequest, Search } from './search.js';
import { TopK } from './top-k.js';

/** Mark of a member that may not be suggested (set by the caller or by the search). */
export const EXCLUDED = 1;

/**
 * Parameters of {@link suggestions}.
 * @public
 */
export interface SuggestionQuery {
  /** The member to suggest to. */
  readonly member: number;
  /** How many to return. */
  readonly limit: number;
  /** Connections of `member` whose own connections must not count (blocked with `member`), or null. */
  readonly skipConnection: ((x: number) => boolean) | null;
  /** Tie-breaker after the mutual count (higher first: shared groups), or null for none. */
  readonly secondary: ((w: number) => number) | null;
  /** Order of members with equal keys (negative when `a` comes first: ids ascending). */
  readonly order: (a: number, b: number) => number;
}

/**
 * One ranked suggestion (dense indices).
 * @public
 */
export interface RankedSuggestions {
  readonly members: number[];
  /** `mutualCounts[i]`: how many connections `members[i]` shares with the member. */
  readonly mutualCounts: number[];
  readonly secondary: number[];
}

/**
 * The `limit` best 2nd-degree members of `query.member` by number of mutual connections, then
 * `secondary`, then `order`.
 *
 * @remarks
 * The caller marks members that must not be suggested with {@link EXCLUDED} in
 * `scratch.marks` before the search; the search adds `member` and its connections, and clears
 * every mark and counter it touched (including the caller's: pass their list in `callerMarked`).
 * Cost: O(Σ deg(x) for x in N(member)) for the counting (one increment per 2-path, on an
 * `Int32Array`), plus O(c) heap checks for the c candidates and O(k log k) to order the result:
 * the 2nd degree is never sorted. Yields twice: for `member`'s list, then for its connections'.
 * @example
 * ```ts
 * const ranked = runSearch(suggestions(countingScratch, { member: v, limit: 20, skipConnection: null, secondary: null, order: (a, b) => a - b }, []), store);
 * ranked.members; // best first
 * ```
 * @public
 */
export function* suggestions(scratch: CountingScratch, query: SuggestionQuery, callerMarked: readonly number[]): Search<RankedSuggestions> {
  const { member: v, limit, skipConnection, secondary, order } = query;
  const marks = scratch.marks;
  const counts = scratch.counts;
  const touched = scratch.touched;
  let touchedCount = 0;
  // Stryker disable next-line UnaryOperator: read only once ownSlab is set, which sets it first
  let ownStart = -1;
  // Stryker disable next-line UnaryOperator: read only once ownSlab is set, which sets it first
  let ownEnd = -1;
  let ownSlab: Int32Array | null = null;
  const request: FetchRequest = { nodes: Int32Array.of(v), start: 0, end: 1 };
  try {
    let view = yield request;
    const slab = view.slabOf(v);
    const start = view.offsetOf(v);
    const end = start + view.degreeOf(v);
    marks[v] = EXCLUDED;
    for (let i = start; i < end; i++) marks[slab[i]!] = EXCLUDED;
    ownSlab = slab;
    ownStart = start;
    ownEnd = end;
    // The connections' lists are read straight from v's own window (no copy).
    request.nodes = slab;
    request.start = start;
    request.end = end;
    view = yield request;
    for (let i = start; i < end; i++) {
      const x = slab[i]!;
      if (skipConnection !== null && skipConnection(x)) continue;
      const s = view.slabOf(x);
      const o = view.offsetOf(x);
      const e = o + view.degreeOf(x);
      for (let j = o; j < e; j++) {
        const w = s[j]!;
        if (marks[w] !== 0) continue;
        const c = counts[w]!;
        counts[w] = c + 1;
        if (c === 0) touched[touchedCount++] = w;
      }
    }
    const top = new TopK(limit, (a, _b, c) => order(a, c));
    if (secondary === null) {
      for (let i = 0; i < touchedCount; i++) {
        const w = touched[i]!;
        top.offer(counts[w]!, w, 0);
      }
    } else {
      // Score = mutual · 2^16 + min(secondary, 2^16 - 1): one comparison ranks both keys.
      for (let i = 0; i < touchedCount; i++) {
        const w = touched[i]!;
        top.offer(counts[w]! * 65536 + Math.min(secondary(w), 65535), w, 0);
      }
    }
    const ranked = top.drain();
    const mutualCounts: number[] = [];
    const second: number[] = [];
    for (const w of ranked.a) {
      mutualCounts.push(counts[w]!);
      second.push(secondary === null ? 0 : Math.min(secondary(w), 65535));
    }
    return { members: ranked.a, mutualCounts, secondary: second };
  } finally {
    for (let i = 0; i < touchedCount; i++) counts[touched[i]!] = 0;
    marks[v] = 0;
    if (ownSlab !== null) for (let i = ownStart; i < ownEnd; i++) marks[ownSlab[i]!] = 0;
    for (const x of callerMarked) marks[x] = 0;
  }
}
