/**
 * Drives the core's search generators against a remote store: each {@link FetchRequest} becomes
 * one batched fetch (one pipelined round trip per cluster node, all nodes at once), answered with a
 * {@link FetchedAdjacency} view over every list fetched so far by the query.
 *
 * @packageDocumentation
 */
import type { AdjacencyView, FetchRequest, Search } from './core.js';

const EMPTY = new Int32Array(0);

/**
 * An {@link AdjacencyView} over the neighbour lists one query has fetched.
 *
 * @remarks
 * `degreeOf` of a member whose list has not been fetched yet answers 1: the searches use degrees
 * of unfetched members only to choose which side of a bidirectional search to expand (and how big
 * a viewer's ball is), so on a remote store that choice counts frontier members instead of their
 * degree sums. Answers are unchanged (any side choice gives the exact distance); only the number
 * of lists fetched can differ. Every method is O(1) (a `Map` lookup).
 * @example
 * ```ts
 * const view = new FetchedAdjacency(1000);
 * view.put(7, Int32Array.of(1, 2, 3));
 * view.degreeOf(7); // 3
 * view.degreeOf(8); // 1 (not fetched)
 * ```
 * @public
 */
export class FetchedAdjacency implements AdjacencyView {
  /** Exclusive upper bound on member indices (the size of the query's scratch arrays). */
  readonly indexBound: number;
  /** Lists fetched so far, by member (an empty list for a member that has gone). */
  readonly lists: Map<number, Int32Array> = new Map();

  constructor(indexBound: number) {
    this.indexBound = indexBound;
  }

  /** Records `v`'s list. O(1). */
  put(v: number, list: Int32Array): void {
    this.lists.set(v, list);
  }

  /** Whether `v`'s list has been fetched. O(1). */
  has(v: number): boolean {
    return this.lists.has(v);
  }

  degreeOf(v: number): number {
    const list = this.lists.get(v);
    return list === undefined ? 1 : list.length;
  }

  slabOf(v: number): Int32Array {
    return this.lists.get(v) ?? EMPTY;
  }

  offsetOf(): number {
    return 0;
  }
}

/**
 * Fetches the lists of `nodes[0..count)` (distinct members not yet in the view) into the view.
 * @public
 */
export type BatchFetcher = (nodes: Int32Array, count: number, view: FetchedAdjacency) => Promise<void>;

/**
 * Runs a search to completion, fetching each requested batch that the view lacks with one call of
 * `fetch`. If `fetch` (or the search) throws, the search is closed first (its `finally` clears its
 * scratch marks) and the error is rethrown.
 *
 * @remarks One `fetch` per level the search expands (members already fetched are not asked again);
 * O(batch) bookkeeping per step.
 * @example
 * ```ts
 * const view = new FetchedAdjacency(store.indexBound);
 * const fetchLists: BatchFetcher = async (nodes, count, into) => {
 *   for (let i = 0; i < count; i++) into.put(nodes[i]!, store.neighbors(nodes[i]!)); // from Redis, in one round trip
 * };
 * const d = await runSearchAsync(bidirectionalDistance(scratch, a, b, 3), view, fetchLists); // 2
 * ```
 * @public
 */
export async function runSearchAsync<R>(search: Search<R>, view: FetchedAdjacency, fetch: BatchFetcher): Promise<R> {
  let missing = new Int32Array(16);
  try {
    let step = search.next(view);
    while (step.done !== true) {
      const request: FetchRequest = step.value;
      let count = 0;
      const seen = new Set<number>();
      for (let i = request.start; i < request.end; i++) {
        const v = request.nodes[i]!;
        if (view.has(v) || seen.has(v)) continue;
        seen.add(v);
        if (count === missing.length) {
          const grown = new Int32Array(missing.length * 2);
          grown.set(missing);
          missing = grown;
        }
        missing[count++] = v;
      }
      if (count > 0) await fetch(missing, count, view);
      step = search.next(view);
    }
    return step.value;
  } catch (error) {
    search.return(undefined as R);
    throw error;
  }
}
