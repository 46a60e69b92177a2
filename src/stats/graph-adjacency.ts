/**
 * graphAdjacency: the one place where `social-graph/stats` reads a graph's internals. It copies
 * the live members' adjacency into a compressed sparse row (CSR) snapshot over dense indices
 * 0..members-1, in shared memory where the platform has it, so that a worker thread can read the
 * same arrays. Everything else in src/stats works on that snapshot only.
 *
 * @packageDocumentation
 */
import { graphParts, SocialGraphError, type SocialGraph } from '../index.js';
import { describeValue } from '../errors.js';
import { bulkInt32 } from '../store/bulk-buffer.js';

/**
 * A graph's adjacency over dense indices: the neighbours of member `v` are
 * `targets[offsets[v] .. offsets[v + 1])` (each connection appears twice, once per end).
 * @public
 */
export interface GraphAdjacency {
  /** Live members (the dense indices are 0..memberCount-1). */
  readonly memberCount: number;
  /** Undirected connections (`targets.length / 2`). */
  readonly connectionCount: number;
  /** `members + 1` row starts. */
  readonly offsets: Int32Array;
  /** `2 × connections` dense neighbour indices. */
  readonly targets: Int32Array;
  /** Id of dense index `v`. */
  idOf(v: number): string;
  /** Dense index of a live member `id`, or -1. */
  indexOf(id: string): number;
}

/**
 * A CSR snapshot of `graph` (which must not change while it is read).
 *
 * @remarks O(n + m) time; 4·(n + 1) + 8·m bytes, plus 4·indexBound for the index map and 8·n
 * for the ids. `indexOf` answers for members of the snapshot that are still members (-1 for any other id), also after the graph changed.
 * @throws SocialGraphError `INVALID_OPTION` when `graph` is not a SocialGraph (`method` names the caller).
 * @internal
 */
export function graphAdjacency(graph: SocialGraph<object>, method: string): GraphAdjacency {
  let internals: ReturnType<typeof graphParts>['core'];
  try {
    internals = graphParts(graph).core;
  } catch {
    throw new SocialGraphError('INVALID_OPTION', `${method}: graph must be a SocialGraph, got ${describeValue(graph)}`);
  }
  const { store, ids } = internals;
  const bound = store.indexBound;
  // Store index → dense index (-1 for the holes removed members leave), and back.
  const dense = new Int32Array(bound).fill(-1);
  let members = 0;
  for (let v = 0; v < bound; v++) if (store.isAlive(v)) dense[v] = members++;
  const storeIndex = new Int32Array(members);
  // The ids as they are now: lookups after the graph changed (a removed member's index reused)
  // must not answer for another member.
  const idList: string[] = new Array<string>(members);
  const offsets = bulkInt32(members + 1);
  let total = 0;
  for (let v = 0; v < bound; v++) {
    const d = dense[v]!;
    if (d < 0) continue;
    storeIndex[d] = v;
    idList[d] = ids.idOf(v);
    offsets[d] = total;
    total += store.degreeOf(v);
  }
  offsets[members] = total;
  const targets = bulkInt32(total);
  for (let d = 0; d < members; d++) {
    const v = storeIndex[d]!;
    const slab = store.slabOf(v);
    const start = store.offsetOf(v);
    const out = offsets[d]!;
    const degree = offsets[d + 1]! - out;
    for (let i = 0; i < degree; i++) targets[out + i] = dense[slab[start + i]!]!;
  }
  return {
    memberCount: members,
    connectionCount: total / 2,
    offsets,
    targets,
    idOf: (v) => idList[v]!,
    indexOf: (id) => {
      const v = typeof id === 'string' ? ids.indexOf(id) : -1;
      const d = v >= 0 && v < bound ? dense[v]! : -1;
      return d >= 0 && idList[d] === id ? d : -1;
    },
  };
}
