/**
 * Reach: how many members sit at distance exactly 1, 2, ..., d of a member.
 *
 * A breadth-first search that can switch direction per level (S. Beamer, K. Asanović, D. Patterson,
 * *Direction-Optimizing Breadth-First Search*, SC 2012): top-down expands the frontier's lists;
 * bottom-up scans every unvisited member and stops at its first neighbour in the frontier. Which
 * is cheaper is decided per level by estimating both in list reads (see {@link BOTTOM_UP_MEMBER_COST}):
 * top-down reads the frontier's degree sum; bottom-up pays a pass over the member range, a fixed
 * cost per unvisited member and, per unvisited member, the reads until its first frontier
 * neighbour, measured on up to {@link BOTTOM_UP_PROBES} members at evenly spaced indices when the
 * cheap bounds do not settle it. (A fixed ratio of degree sums, as in the paper, misjudges both a
 * large sparse graph, where a random member's third level reads a few percent of the lists
 * top-down and about five times more bottom-up, and a clustered one, where most unvisited members
 * have no frontier neighbour and bottom-up reads their whole lists.) Bottom-up needs every list at
 * hand, so remote stores run top-down only: one request per level.
 *
 * @packageDocumentation
 */
import { fill, READ_AHEAD_MIN_MEMBERS } from './bidirectional-distance.js';
import { setSlabOf, type AdjacencyView } from '../store/adjacency-view.js';
import { readLinesAhead } from '../store/read-lines-ahead.js';
import type { FetchRequest, Search } from './search.js';
import type { Scratch } from './scratch.js';

/** How many places ahead of its turn {@link topDownCount} reads a frontier member's list (its record twice as far). */
const AHEAD = 8;

/**
 * What a bottom-up level costs per unvisited member besides its list reads, counted in list reads
 * (its mark, its record, the jump to its list). Set from reach on Barabási–Albert graphs of 10k
 * and 100k members (bench/reach-floor.bench.ts), where the break-even lies between 3 and 4.
 */
export const BOTTOM_UP_MEMBER_COST = 4;

/** Members probed (evenly spaced indices) to estimate a bottom-up level's reads per unvisited member. */
export const BOTTOM_UP_PROBES = 64;

/**
 * Whether a bottom-up level is estimated to read less than a top-down one, in list reads.
 *
 * @param frontierCost - the frontier's degree sum (what top-down reads).
 * @param unvisited - members not yet visited (an upper bound: free indices count).
 * @param unvisitedCost - their degree sum (an upper bound).
 * @remarks O(1) when the bounds settle it, else at most {@link BOTTOM_UP_PROBES} probes reading
 * at most `frontierCost / 8` entries in all.
 */
function bottomUpCheaper(view: AdjacencyView, mark: Uint8Array, frontierMark: number, frontierCost: number, unvisited: number, unvisitedCost: number): boolean {
  const bound = view.indexBound;
  const base = (bound >>> 3) + unvisited * BOTTOM_UP_MEMBER_COST;
  if (base >= frontierCost) return false;
  if (base + unvisitedCost < frontierCost) return true;
  const probes = Math.min(BOTTOM_UP_PROBES, bound);
  const budget = frontierCost >>> 3;
  let probed = 0;
  let reads = 0;
  for (let k = 0; k < probes; k++) {
    const v = Math.floor((k * bound) / probes);
    if (mark[v] !== 0) continue;
    probed++;
    const d = view.degreeOf(v);
    if (d === 0) continue;
    const slab = setSlabOf(view, v);
    const s = view.offsetOf(v);
    let j = s;
    const e = s + d;
    while (j < e && mark[slab[j]!] !== frontierMark) j++;
    reads += j < e ? j - s + 1 : d;
    if (reads > budget) return false;
  }
  // Every probe visited: the unvisited members are few, say one read each.
  const perMember = probed === 0 ? 1 : reads / probed;
  return base + unvisited * perMember < frontierCost;
}

/** The degree sum of `q[from..to)`. O(to - from). */
function degreeSum(view: AdjacencyView, q: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += view.degreeOf(q[i]!);
  return sum;
}

/**
 * Top-down: marks every unmarked neighbour of `q[from..to)` with `nextMark` and queues it from
 * `q[n]` on. Returns the new queue length. O(the frontier's degree sum).
 */
function topDown(view: AdjacencyView, mark: Uint8Array, q: Int32Array, from: number, to: number, n: number, nextMark: number): number {
  for (let i = from; i < to; i++) {
    const u = q[i]!;
    const slab = setSlabOf(view, u);
    const s = view.offsetOf(u);
    const e = s + view.degreeOf(u);
    for (let j = s; j < e; j++) {
      const w = slab[j]!;
      const x = mark[w]!;
      // 1 when w is unmarked (x is 0..255), without a branch: on a big level a quarter to a half
      // of the reads find a new member, in no pattern a branch predictor could learn (see
      // topDownCount). The slot q[n] is written either way; the queue has one to spare.
      const fresh = (x - 1) >>> 31;
      mark[w] = x | (nextMark & -fresh);
      q[n] = w;
      n += fresh;
    }
  }
  return n;
}

/**
 * Top-down without queueing: marks every unmarked neighbour of `q[from..to)` and returns how many
 * it marked (the caller clears the marks by range). O(the frontier's degree sum).
 *
 * On a big graph (see {@link READ_AHEAD_MIN_MEMBERS}; given a scratch for the sum of what it
 * read, kept so that the reads are not dropped) the frontier's records and lists are read
 * ahead of their turn: the record of the member {@link AHEAD} · 2 places on, and one entry in 16
 * (a cache line) of the list {@link AHEAD} places on, whose record was read {@link AHEAD} turns
 * before. A list's misses then overlap the scanning of the lists before it, where otherwise each
 * list's first read waits for memory (reach on a 1M-member BA graph: about 0.8× the time; nothing
 * gained at 100k; bench/reach-floor.bench.ts).
 */
function topDownCount(view: AdjacencyView, mark: Uint8Array, q: Int32Array, from: number, to: number, readAhead: Scratch | null): number {
  let count = 0;
  let touched = 0;
  for (let i = from; i < to; i++) {
    // Stryker disable next-line ConditionalExpression,BlockStatement: reading ahead changes only the speed
    if (readAhead !== null) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,AssignmentOperator: reading ahead changes only the speed
      if (i + 2 * AHEAD < to) touched += view.degreeOf(q[i + 2 * AHEAD]!);
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: reading ahead changes only the speed
      if (i + AHEAD < to) {
        const x = q[i + AHEAD]!;
        const s = view.offsetOf(x);
        touched += readLinesAhead(setSlabOf(view, x), s, s + view.degreeOf(x));
      }
    }
    const u = q[i]!;
    const slab = setSlabOf(view, u);
    const s = view.offsetOf(u);
    const e = s + view.degreeOf(u);
    for (let j = s; j < e; j++) {
      const w = slab[j]!;
      const x = mark[w]!;
      // Without a branch: counted when x is 0, marked either way (any non-zero mark is visited).
      // A random member's third level on a 100k-member BA graph finds 83k new members in 338k
      // reads; a branch there mispredicts a quarter of the time, and took half the level's time
      // (bench/reach-floor.bench.ts: reach 1.6 ms before, 1.15 ms after).
      mark[w] = x | 1;
      count += (x - 1) >>> 31;
    }
  }
  if (readAhead !== null) readAhead.touched = (readAhead.touched + touched) | 0;
  return count;
}

/**
 * Bottom-up: counts the unmarked members with a neighbour marked `frontierMark`; unless `last`,
 * marks them `frontierMark + 1` and queues them from `q[n]` on. O(index bound + the reads up to
 * each unmarked member's first hit).
 */
function bottomUp(view: AdjacencyView, mark: Uint8Array, q: Int32Array, n: number, frontierMark: number, last: boolean): number {
  const bound = view.indexBound;
  let count = 0;
  for (let v = 0; v < bound; v++) {
    if (mark[v] !== 0) continue;
    const d = view.degreeOf(v);
    if (d === 0) continue;
    const slab = setSlabOf(view, v);
    const s = view.offsetOf(v);
    const e = s + d;
    for (let j = s; j < e; j++) {
      if (mark[slab[j]!] === frontierMark) {
        count++;
        if (!last) {
          mark[v] = frontierMark + 1;
          q[n++] = v;
        }
        break;
      }
    }
  }
  return count;
}

/**
 * Levels 1..`depth` from `q[0]` (`q` and `mark`: the scratch's `queueA` and `markA`; `q[0]`
 * marked 1, `q` holding it alone) when `view` holds every list: each level top-down or
 * bottom-up, whichever {@link bottomUpCheaper} estimates cheaper. Clears every mark it set, and
 * `q[0]`'s, before it returns or throws.
 */
function localLevelCounts(view: AdjacencyView, scratch: Scratch, depth: number, totalSlots: number): number[] {
  const mark = scratch.markA;
  const q = scratch.queueA;
  const counts: number[] = [];
  const bound = view.indexBound;
  let n = 1;
  let unqueued = false;
  try {
    let from = 0;
    let visitedCost = view.degreeOf(q[0]!);
    for (let level = 1; level <= depth; level++) {
      if (from === n) {
        counts.push(0);
        continue;
      }
      const last = level === depth;
      const to = n;
      // Members at distance level-1 carry mark `level`.
      let frontierCost = 0;
      if (level >= 2) {
        // A frontier of more than 256 members whose first 64 promise a degree sum under a quarter
        // of bottom-up's fixed costs goes top-down on that estimate, without the exact sum.
        const base = (bound >>> 3) + (bound - n) * BOTTOM_UP_MEMBER_COST;
        const size = to - from;
        frontierCost = size > 256 ? (degreeSum(view, q, from, from + 64) * size) / 64 : degreeSum(view, q, from, to);
        if (size > 256 && frontierCost * 4 >= base) frontierCost = degreeSum(view, q, from, to);
        visitedCost += frontierCost;
        if (bottomUpCheaper(view, mark, level, frontierCost, bound - n, totalSlots - visitedCost)) {
          const count = bottomUp(view, mark, q, n, level, last);
          if (!last) n += count;
          counts.push(count);
          from = to;
          continue;
        }
      }
      if (last && frontierCost >= bound >>> 6) {
        unqueued = true;
        counts.push(topDownCount(view, mark, q, from, to, bound > READ_AHEAD_MIN_MEMBERS ? scratch : null));
      } else {
        n = topDown(view, mark, q, from, to, n, level + 1);
        counts.push(n - to);
      }
      from = to;
    }
    return counts;
  } finally {
    if (unqueued || n > bound >>> 6) mark.fill(0, 0, bound);
    else for (let i = 0; i < n; i++) mark[q[i]!] = 0;
  }
}

/**
 * Counts of members at distance exactly 1..`depth` from `source`.
 *
 * @param totalSlots - the sum of all degrees (twice the connection count) when the view answering
 *   the first request holds every list (a local store); 0 for a view that holds what it was asked.
 * @remarks
 * With every list at hand, the search asks once (for the source) and then reads any list: each
 * level runs top-down or bottom-up, whichever is estimated cheaper (see the module description).
 * Otherwise every level runs top-down, one request per level (the frontier).
 * Cost per level: top-down, the frontier's degree sum; bottom-up, the index bound plus, for each
 * unvisited member, the neighbours read before the first hit. Uses `scratch.markA/queueA`; any
 * non-zero mark counts as visited. Marks are cleared on the way out, member by member, except
 * with every list at hand when the search visited more than a 64th of the index range or counted
 * its last level without queueing it (which it does when that level's frontier has a degree sum
 * of at least a 64th of the index bound): then by one fill of the whole range, which clears marks
 * a caller set beforehand too. The levels run in plain functions (V8 runs loops in a generator's
 * own body markedly slower).
 * @example
 * ```ts
 * const [first, second, third] = runSearch(levelCounts(scratch, v, 3, 2 * connections), store);
 * ```
 * @public
 */
export function* levelCounts(scratch: Scratch, source: number, depth: number, totalSlots: number): Search<number[]> {
  const mark = scratch.markA;
  const q = scratch.queueA;
  // Stryker disable next-line ObjectLiteral: every yield goes through fill(), which sets all three fields first
  const request: FetchRequest = { nodes: q, start: 0, end: 0 };
  let n = 1;
  let handedOff = false;
  mark[source] = 1;
  q[0] = source;
  try {
    let view = yield fill(request, q, 0, 1);
    if (totalSlots > 0) {
      handedOff = true;
      return localLevelCounts(view, scratch, depth, totalSlots);
    }
    const counts: number[] = [];
    let from = 0;
    for (let level = 1; level <= depth; level++) {
      if (from === n) {
        counts.push(0);
        continue;
      }
      const to = n;
      view = yield fill(request, q, from, to);
      n = topDown(view, mark, q, from, to, n, level + 1);
      counts.push(n - to);
      from = to;
    }
    return counts;
  } finally {
    if (!handedOff) for (let i = 0; i < n; i++) mark[q[i]!] = 0;
  }
}

/**
 * {@link levelCounts} over a view that holds every list (a local store), called directly: the
 * same levels, the same direction choices, the same answers, without a generator and its driver
 * (about a third of the whole cost when the reach is a few dozen members).
 *
 * @remarks Same cost as {@link levelCounts} with `totalSlots > 0`; uses `scratch.markA/queueA`
 * and leaves them clear.
 * @example
 * ```ts
 * const [first, second, third] = levelCountsAt(scratch, store, v, 3, 2 * connections);
 * ```
 * @public
 */
export function levelCountsAt(scratch: Scratch, view: AdjacencyView, source: number, depth: number, totalSlots: number): number[] {
  const mark = scratch.markA;
  const q = scratch.queueA;
  mark[source] = 1;
  q[0] = source;
  return localLevelCounts(view, scratch, depth, totalSlots);
}
