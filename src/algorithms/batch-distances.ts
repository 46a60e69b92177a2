/**
 * Degree badges for a page: one viewer against many members, expanding the viewer's side once.
 *
 * The viewer's ball is grown to depth 2 (or 1 when the viewer's 2nd-degree neighbourhood would cost
 * more than the page is worth) and marked; a target inside the ball is answered by its mark, a
 * target one step outside by scanning its own list against the marks; what is left (only asked
 * for with `maxDepth` ≥ 4, or when the ball stopped at depth 1) falls back to a pair search.
 *
 * @packageDocumentation
 */
import { setSlabOf } from '../store/adjacency-view.js';
import { bidirectionalDistance, fill } from './bidirectional-distance.js';
import type { FetchRequest, Search } from './search.js';
import type { Scratch } from './scratch.js';

/** Work (neighbour reads) the depth-2 ball may cost per target on the page, at least 16,384. */
export const BALL_BUDGET_PER_TARGET = 4096;

/**
 * Writes into `out[i]` the distance from `viewer` to `targets[i]` when at most `maxDepth`, else -1.
 *
 * @remarks
 * Cost: the viewer's 1st-degree degree sum (to build the depth-2 ball, when within budget) plus
 * each target's degree; pair searches only for targets the ball cannot settle. Uses every array
 * of `scratch` and leaves the marks clear.
 * @example
 * ```ts
 * const out = new Int32Array(targets.length);
 * runSearch(batchDistances(scratch, viewer, targets, 3, out), store);
 * ```
 * @public
 */
export function* batchDistances(
  scratch: Scratch,
  viewer: number,
  targets: Int32Array,
  maxDepth: number,
  out: Int32Array,
  ballBudgetPerTarget: number = BALL_BUDGET_PER_TARGET,
): Search<void> {
  const k = targets.length;
  if (maxDepth <= 0 || k === 0) {
    for (let i = 0; i < k; i++) out[i] = targets[i] === viewer ? 0 : -1;
    return;
  }
  // Stryker disable next-line ObjectLiteral: every yield goes through fill(), which sets all three fields first
  const request: FetchRequest = { nodes: targets, start: 0, end: 0 };
  const mark = scratch.markC;
  const q = scratch.queueC;
  let n = 1;
  mark[viewer] = 1;
  q[0] = viewer;
  try {
    let view = yield fill(request, q, 0, 1);
    // Level 1.
    {
      const slab = setSlabOf(view, viewer);
      const s = view.offsetOf(viewer);
      const e = s + view.degreeOf(viewer);
      for (let j = s; j < e; j++) {
        const w = slab[j]!;
        mark[w] = 2;
        q[n++] = w;
      }
    }
    let ballDepth = 1;
    if (maxDepth >= 2) {
      let cost = 0;
      for (let i = 1; i < n; i++) cost += view.degreeOf(q[i]!);
      if (cost <= Math.max(ballBudgetPerTarget === BALL_BUDGET_PER_TARGET ? 16_384 : 0, k * ballBudgetPerTarget)) {
        const to = n;
        view = yield fill(request, q, 1, to);
        for (let i = 1; i < to; i++) {
          const u = q[i]!;
          const slab = setSlabOf(view, u);
          const s = view.offsetOf(u);
          const e = s + view.degreeOf(u);
          for (let j = s; j < e; j++) {
            const w = slab[j]!;
            if (mark[w] === 0) {
              mark[w] = 3;
              q[n++] = w;
            }
          }
        }
        ballDepth = 2;
      }
    }
    // Settle what the ball can.
    const pending = new Int32Array(k); // members still open
    const where = new Int32Array(k); // their positions on the page
    let p = 0;
    for (let i = 0; i < k; i++) {
      const t = targets[i]!;
      const m = mark[t]!;
      if (m !== 0) out[i] = m - 1;
      else if (maxDepth <= ballDepth) out[i] = -1;
      else {
        pending[p] = t;
        where[p++] = i;
      }
    }
    if (p === 0) return;
    // One step outside the ball: a target with a neighbour in the ball (necessarily at the
    // ball's last level, or the target would be inside).
    view = yield fill(request, pending, 0, p);
    let p2 = 0;
    for (let r = 0; r < p; r++) {
      const t = pending[r]!;
      const slab = setSlabOf(view, t);
      const s = view.offsetOf(t);
      const e = s + view.degreeOf(t);
      let hit = false;
      for (let j = s; j < e; j++) {
        if (mark[slab[j]!] !== 0) {
          hit = true;
          break;
        }
      }
      if (hit) out[where[r]!] = ballDepth + 1;
      else if (maxDepth === ballDepth + 1) out[where[r]!] = -1;
      else {
        out[where[r]!] = -2; // needs a pair search
        // Stryker disable next-line UpdateOperator: p2 only tells whether any pair search is left (zero or not), which p2-- tells alike
        p2++;
      }
    }
    if (p2 === 0) return;
    for (let i = 0; i < k; i++) {
      if (out[i] !== -2) continue;
      const d = yield* bidirectionalDistance(scratch, viewer, targets[i]!, maxDepth, request);
      out[i] = d === null ? -1 : d;
    }
  } finally {
    for (let i = 0; i < n; i++) mark[q[i]!] = 0;
  }
}
