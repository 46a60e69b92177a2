/**
 * The protocol that lets one algorithm serve a local store and a remote one.
 *
 * A search is a generator. Before it reads the neighbour lists of a batch of members (a BFS
 * frontier, a page of targets) it yields a {@link FetchRequest} naming them; the driver answers
 * with an {@link AdjacencyView} in which those lists can be read. The local driver
 * ({@link runSearch}) answers with the store itself, at no cost; a remote driver fetches the batch
 * in one pipelined round trip and answers with a view over what it fetched.
 *
 * @packageDocumentation
 */
import type { AdjacencyView } from '../store/adjacency-view.js';

/**
 * The members whose neighbour lists a search reads next: `nodes[start..end)`.
 *
 * @remarks The request object and its array are reused by the search: copy what you keep.
 * @public
 */
export interface FetchRequest {
  nodes: Int32Array;
  start: number;
  end: number;
}

/**
 * A search over adjacency that yields before each batch of reads.
 * @public
 */
export type Search<R> = Generator<FetchRequest, R, AdjacencyView>;

/**
 * Runs a search against a view that already holds every list (a local store).
 *
 * @remarks O(1) per step on top of the search itself.
 * @example
 * ```ts
 * const distance = runSearch(bidirectionalDistance(scratch, a, b, 3), store); // 2
 * ```
 * @public
 */
export function runSearch<R>(search: Search<R>, view: AdjacencyView): R {
  let step = search.next(view);
  while (step.done !== true) step = search.next(view);
  return step.value;
}
