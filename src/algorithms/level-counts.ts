/**
 * Reach: how many members sit at distance exactly 1, 2, ..., d of a member.
 *
 * A breadth-first search that switches direction per level (S. Beamer, K. Asanović, D. Patterson,
 * *Direction-Optimizing Breadth-First Search*, SC 2012): top-down expands the frontier's lists;
 * bottom-up scans every unvisited member and stops at its first neighbour in the frontier, which
 * is far cheaper once the frontier holds the hubs of a power-law network. The switch happens when
 * the frontier's degree sum exceeds the unvisited members' degree sum divided by
 * {@link BOTTOM_UP_ALPHA}. Bottom-up needs every list at hand, so remote stores run top-down only.
 *
 * @packageDocumentation
 */
import { fill } from './bidirectional-distance.js';
import type { FetchRequest, Search } from './search.js';
import type { Scratch } from './scratch.js';

/** Beamer's α: go bottom-up when frontier edges > unvisited edges / α. */
export const BOTTOM_UP_ALPHA = 14;

/**
 * Counts of members at distance exactly 1..`depth` from `source`.
 *
 * @param totalSlots - the sum of all degrees (twice the connection count) when every list is at
 *   hand (enables bottom-up levels); 0 to stay top-down.
 * @remarks
 * Cost per level: top-down, the frontier's degree sum; bottom-up, the index bound plus, for each
 * unvisited member, the neighbours read before the first hit. Uses `scratch.markA/queueA`.
 * @example
 * ```ts
 * const [first, second, third] = runSearch(levelCounts(scratch, v, 3, 2 * connections), store);
 * ```
 * @public
 */
export function* levelCounts(scratch: Scratch, source: number, depth: number, totalSlots: number): Search<number[]> {
  const counts: number[] = [];
  const mark = scratch.markA;
  const q = scratch.queueA;
  // Stryker disable next-line ObjectLiteral: every yield goes through fill(), which sets all three fields first
  const request: FetchRequest = { nodes: q, start: 0, end: 0 };
  let n = 1;
  mark[source] = 1;
  q[0] = source;
  try {
    let view = yield fill(request, q, 0, 1);
    let from = 0;
    let frontierCost = view.degreeOf(source);
    let visitedCost = frontierCost;
    for (let level = 1; level <= depth; level++) {
      if (from === n) {
        counts.push(0);
        continue;
      }
      const last = level === depth;
      const frontierMark = level; // members at distance level-1 carry mark `level`
      const to = n;
      let cost = 0;
      if (totalSlots > 0 && level >= 2 && frontierCost * BOTTOM_UP_ALPHA > totalSlots - visitedCost) {
        // Bottom-up: every unvisited member looks for a neighbour in the frontier.
        const bound = view.indexBound;
        let count = 0;
        for (let v = 0; v < bound; v++) {
          if (mark[v] !== 0) continue;
          const d = view.degreeOf(v);
          if (d === 0) continue;
          const slab = view.slabOf(v);
          const s = view.offsetOf(v);
          const e = s + d;
          for (let j = s; j < e; j++) {
            if (mark[slab[j]!] === frontierMark) {
              count++;
              if (!last) {
                mark[v] = level + 1;
                q[n++] = v;
                cost += d;
              }
              break;
            }
          }
        }
        counts.push(count);
      } else {
        view = yield fill(request, q, from, to);
        for (let i = from; i < to; i++) {
          const u = q[i]!;
          const slab = view.slabOf(u);
          const s = view.offsetOf(u);
          const e = s + view.degreeOf(u);
          for (let j = s; j < e; j++) {
            const w = slab[j]!;
            if (mark[w] !== 0) continue;
            mark[w] = level + 1;
            q[n++] = w;
            if (!last) cost += view.degreeOf(w);
          }
        }
        counts.push(n - to);
      }
      from = to;
      frontierCost = cost;
      visitedCost += cost;
    }
    return counts;
  } finally {
    for (let i = 0; i < n; i++) mark[q[i]!] = 0;
  }
}
