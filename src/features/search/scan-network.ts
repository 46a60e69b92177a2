/**
 * The walk behind search and facets: a viewer's network to depth 1, 2 or 3 in the viewer's world
 * (members blocked with the viewer are neither reported nor passed through), with the number of
 * mutual connections of each member at depth 1 and 2.
 *
 * @packageDocumentation
 */
import { EXCLUDED } from '../../algorithms/bidirectional-distance.js';
import type { MemberPolicyState } from '../policy/member-policy-state.js';
import type { SearchParts } from './search-parts.js';



/**
 * Calls `visit(member, degree, mutualCount)` for every member at distance 1 to `maxDepth` (≤ 3)
 * of `viewer`, in breadth-first order, then clears its marks.
 *
 * @remarks
 * O(d + Σ degrees of the 1st-degree connections) for depth 2, plus the degree sum of the 2nd
 * degree for depth 3 (most of a large social graph). `mutualCount` is the number of the viewer's
 * connections (blocked ones left out) connected to the member: it is counted while expanding
 * the 1st degree, at no extra cost (0 at depth 3). Uses `scratch.markA` and `queueA` and one
 * `Int32Array` of counts per graph (kept all zeros between walks). `visit` must not change the graph.
 * @example
 * ```ts
 * const hits: number[] = [];
 * scanNetwork(parts, state, viewer, 2, (x, degree, mutual) => hits.push(x));
 * hits.length; // 2: bob (1st degree) and cy (2nd)
 * ```
 * @internal
 */
export function scanNetwork(
  parts: SearchParts,
  state: MemberPolicyState | undefined,
  viewer: number,
  maxDepth: number,
  visit: (member: number, degree: number, mutualCount: number) => void,
): void {
  const core = parts.core;
  const store = core.store;
  // `visit` may call user code (a search predicate) that queries the graph again: the scan lends
  // its scratch out, so such a query gets a scratch (and counters) of its own.
  const depth = core.lentScratches;
  const scratch = core.scratch;
  scratch.ensure(store.indexBound);
  const mark = scratch.markA;
  const q = scratch.queueA;
  let count = parts.scanCounts[depth];
  if (count === undefined || count.length < store.indexBound) {
    count = new Int32Array(Math.max(64, scratch.markA.length));
    parts.scanCounts[depth] = count;
  }
  const blocks = state !== undefined && state.hasBlocks(viewer);
  if (blocks) state.forEachBlockedWith(viewer, (x) => (mark[x] = EXCLUDED));
  mark[viewer] = 1;
  q[0] = viewer;
  let n = 1;
  core.lendScratch();
  try {
    // Depth 1.
    {
      const slab = store.slabOf(viewer);
      const s = store.offsetOf(viewer);
      const e = s + store.degreeOf(viewer);
      for (let j = s; j < e; j++) {
        const w = slab[j]!;
        if (mark[w] === 0) {
          mark[w] = 2;
          q[n++] = w;
        }
      }
    }
    const first = n;
    // Depth 2, counting mutual connections of depth 1 and 2.
    if (maxDepth >= 2) {
      for (let i = 1; i < first; i++) {
        const x = q[i]!;
        const slab = store.slabOf(x);
        const s = store.offsetOf(x);
        const e = s + store.degreeOf(x);
        for (let j = s; j < e; j++) {
          const w = slab[j]!;
          const m = mark[w]!;
          if (m === 0) {
            mark[w] = 3;
            q[n++] = w;
            count[w] = 1;
          } else if (m === 2 || m === 3) count[w]!++;
        }
      }
    } else {
      for (let i = 1; i < first; i++) {
        const x = q[i]!;
        const slab = store.slabOf(x);
        const s = store.offsetOf(x);
        const e = s + store.degreeOf(x);
        for (let j = s; j < e; j++) {
          const w = slab[j]!;
          if (mark[w] === 2) count[w]!++;
        }
      }
    }
    const second = n;
    // Depth 3.
    if (maxDepth >= 3) {
      for (let i = first; i < second; i++) {
        const x = q[i]!;
        const slab = store.slabOf(x);
        const s = store.offsetOf(x);
        const e = s + store.degreeOf(x);
        for (let j = s; j < e; j++) {
          const w = slab[j]!;
          if (mark[w] === 0) {
            mark[w] = 4;
            q[n++] = w;
          }
        }
      }
    }
    for (let i = 1; i < n; i++) {
      const x = q[i]!;
      visit(x, mark[x]! - 1, count[x]!);
    }
  } finally {
    for (let i = 0; i < n; i++) {
      const x = q[i]!;
      mark[x] = 0;
      count[x] = 0;
    }
    if (blocks) state.forEachBlockedWith(viewer, (x) => (mark[x] = 0));
    core.returnScratch();
  }
}
