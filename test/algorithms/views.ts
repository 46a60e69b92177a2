/**
 * Test views and drivers for the search generators, written without the store: a graph as sorted
 * lists packed in one slab with junk between the windows (a read past a window finds real member
 * ids, so it changes answers), a driver that records every request, and a remote-style driver
 * whose view only holds the lists requested so far (an unfetched member's degree reads 1, its
 * list reads empty), as a remote store answers.
 */
import type { AdjacencyView } from '../../src/store/adjacency-view.js';
import type { FetchRequest, Search } from '../../src/algorithms/search.js';

export class PackedView implements AdjacencyView {
  readonly indexBound: number;
  readonly slab: Int32Array;
  readonly offsets: Int32Array;
  readonly lists: number[][];

  /** `lists[v]` must be sorted and duplicate-free. Windows sit apart, with junk ids around them. */
  constructor(lists: number[][], indexBound = lists.length) {
    this.lists = lists;
    this.indexBound = indexBound;
    const total = lists.reduce((t, l) => t + l.length + 2, 2);
    this.slab = new Int32Array(total);
    this.offsets = new Int32Array(indexBound);
    let at = 1;
    const n = Math.max(1, lists.length);
    this.slab[0] = (n - 1) % n;
    for (let v = 0; v < lists.length; v++) {
      this.offsets[v] = at;
      for (const w of lists[v]!) this.slab[at++] = w;
      // Junk after each window: ids of members (a read past the end finds one).
      this.slab[at++] = (v * 7 + 3) % n;
      this.slab[at++] = (v * 5 + 1) % n;
    }
  }

  degreeOf(v: number): number {
    return this.lists[v]?.length ?? 0;
  }

  slabOf(): Int32Array {
    return this.slab;
  }

  offsetOf(v: number): number {
    return this.offsets[v]!;
  }

  /** Sum of all degrees. */
  get totalSlots(): number {
    return this.lists.reduce((t, l) => t + l.length, 0);
  }
}

/** Runs `search` against the whole `view`, recording a copy of each request's members. */
export function runRecorded<R>(search: Search<R>, view: AdjacencyView): { result: R; requests: number[][] } {
  const requests: number[][] = [];
  let step = search.next(view);
  while (step.done !== true) {
    const r: FetchRequest = step.value;
    requests.push(Array.from(r.nodes.subarray(r.start, r.end)));
    step = search.next(view);
  }
  return { result: step.value, requests };
}

const EMPTY = new Int32Array(0);

/** A view over the lists fetched so far: unfetched members read degree 1 and an empty list. */
export class FetchedView implements AdjacencyView {
  readonly fetched = new Map<number, Int32Array>();
  constructor(readonly indexBound: number) {}
  degreeOf(v: number): number {
    return this.fetched.get(v)?.length ?? 1;
  }
  slabOf(v: number): Int32Array {
    return this.fetched.get(v) ?? EMPTY;
  }
  offsetOf(): number {
    return 0;
  }
}

/** Runs `search` as a remote driver does: each request fetches its members' lists into the view. */
export function runRemote<R>(search: Search<R>, lists: number[][], indexBound = lists.length): { result: R; rounds: number } {
  const view = new FetchedView(indexBound);
  let rounds = 0;
  let step = search.next(view);
  while (step.done !== true) {
    const r: FetchRequest = step.value;
    rounds++;
    for (let i = r.start; i < r.end; i++) {
      const v = r.nodes[i]!;
      view.fetched.set(v, Int32Array.from(lists[v] ?? []));
    }
    step = search.next(view);
  }
  return { result: step.value, rounds };
}

/** Distances from `source` by a plain queue BFS, never entering `blocked` (-1: unreachable). */
export function bfs(lists: number[][], source: number, blocked: ReadonlySet<number> = new Set()): number[] {
  const dist = lists.map(() => -1);
  dist[source] = 0;
  const queue = [source];
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i]!;
    for (const w of lists[u]!) {
      if (dist[w] !== -1 || blocked.has(w)) continue;
      dist[w] = dist[u]! + 1;
      queue.push(w);
    }
  }
  return dist;
}

/** Symmetric sorted lists of `n` members from pairs (self-pairs and repeats dropped). */
export function listsOf(n: number, pairs: readonly (readonly [number, number])[]): number[][] {
  const sets = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of pairs) {
    const x = a % n;
    const y = b % n;
    if (x === y) continue;
    sets[x]!.add(y);
    sets[y]!.add(x);
  }
  return sets.map((s) => [...s].sort((p, q) => p - q));
}

/**
 * A {@link PackedView} that counts reads of `indexBound`. The local levelCounts reads it once on
 * entry, once per direction decision (every level from 2 with a non-empty frontier) and once per
 * bottom-up level: the count tells which levels went bottom-up.
 */
export class BoundCountingView implements AdjacencyView {
  boundReads = 0;
  constructor(readonly inner: PackedView) {}
  get indexBound(): number {
    this.boundReads++;
    return this.inner.indexBound;
  }
  degreeOf(v: number): number {
    return this.inner.degreeOf(v);
  }
  slabOf(): Int32Array {
    return this.inner.slab;
  }
  offsetOf(v: number): number {
    return this.inner.offsetOf(v);
  }
}

/** Bottom-up levels of a local levelCounts run on `view` (see {@link BoundCountingView}). */
export function bottomUpLevels(view: BoundCountingView, dist: readonly number[], depth: number): number {
  let decisions = 0;
  for (let level = 2; level <= depth; level++) if (dist.includes(level - 1)) decisions++;
  return view.boundReads - 1 - decisions;
}
