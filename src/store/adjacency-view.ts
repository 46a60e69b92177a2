/**
 * The small interface through which every algorithm reads adjacency.
 *
 * Algorithms never see a store's internals: they read a member's sorted neighbour list as a window
 * `[offsetOf(v), offsetOf(v) + degreeOf(v))` of the typed array `slabOf(v)`. A local store hands out
 * its own pooled arrays (zero copy); a remote store (Redis Cluster) hands out the lists it fetched
 * for the frontier it was asked for, one batch per BFS level.
 *
 * @packageDocumentation
 */

/**
 * Read access to sorted, duplicate-free neighbour lists of dense member indices.
 *
 * @remarks
 * Each method is O(1). Neighbour lists are sorted ascending and hold no duplicates and no self-loop.
 * `indexBound` is an exclusive upper bound on every member index the view can return, so that
 * algorithms can size typed scratch arrays once.
 *
 * @example
 * ```ts
 * function countTriangleCandidates(view: AdjacencyView, v: number): number {
 *   const slab = view.slabOf(v);
 *   const start = view.offsetOf(v);
 *   let total = 0;
 *   for (let i = start, end = start + view.degreeOf(v); i < end; i++) total += view.degreeOf(slab[i]!);
 *   return total;
 * }
 * ```
 * @public
 */
export interface AdjacencyView {
  /** Exclusive upper bound on member indices. */
  readonly indexBound: number;
  /** Number of connections of member `v` (0 for a free index). */
  degreeOf(v: number): number;
  /** The typed array holding `v`'s neighbour list. */
  slabOf(v: number): Int32Array;
  /** Where `v`'s neighbour list starts inside {@link AdjacencyView.slabOf}. */
  offsetOf(v: number): number;
  /**
   * {@link AdjacencyView.slabOf} for a reader that needs `v`'s neighbours only as a set (a BFS
   * marking them, a scan against marks): the same window, its entries possibly in any order, so
   * that a store that keeps some lists partly unsorted need not sort them first. Views without it
   * are read through `slabOf`.
   */
  unorderedSlabOf?(v: number): Int32Array;
}

/**
 * `view`'s list of `v` for a reader that needs it only as a set: through
 * {@link AdjacencyView.unorderedSlabOf} where the view has it, else {@link AdjacencyView.slabOf}.
 * O(1).
 *
 * @example
 * ```ts
 * const start = store.offsetOf(v);
 * setSlabOf(store, v).subarray(start, start + store.degreeOf(v)).length; // 2: cy's connections, bob and dee, in any order
 * ```
 * @internal
 */
export function setSlabOf(view: AdjacencyView, v: number): Int32Array {
  return view.unorderedSlabOf?.(v) ?? view.slabOf(v);
}
