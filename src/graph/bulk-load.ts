/**
 * Bulk loads into an empty graph core: from pairs of string ids (interned in one pass, then the
 * lists laid out from a counting pass) and from a dense-index edge list. A load of 2^21 pairs or
 * more may use a helper thread where the platform gives one (src/store/helper-thread.ts).
 *
 * Invariant: the core is empty before and, should the load throw, no member or connection of the
 * load is left behind (the caller drops the whole graph).
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../errors.js';
import { bulkInt32, isShared } from '../store/bulk-buffer.js';
import { type HelperThread, startHelperThread } from '../store/helper-thread.js';
import { internPairs } from '../store/intern-pairs.js';
import { readIndexedEdges, type IndexedEdges } from '../store/read-indexed-edges.js';
import type { GraphCore } from './graph-core.js';

/** Bulk loads of at least this many pairs may use a worker thread (one takes ~30 ms to start). */
export const PARALLEL_MIN_PAIRS = 1 << 21;

/**
 * What `SocialGraph.loadEdges` did with its input.
 * @public
 */
export interface EdgeLoadReport {
  /** Pairs read. */
  pairs: number;
  /** Distinct connections in the graph. */
  connectionCount: number;
  /** Pairs that repeated a connection (either direction). */
  duplicates: number;
  /** Pairs `a a`, skipped (their member still exists). */
  selfPairs: number;
  /** Members created. */
  memberCount: number;
  /** Threads that did the work: 2 when a worker thread took part, else 1. */
  threads: number;
}

export type { IndexedEdges } from '../store/read-indexed-edges.js';

/**
 * Loads pairs of ids into the empty `core`, creating members as they appear.
 *
 * @remarks O(m log d); see `SocialGraph.fromEdges`.
 * @example
 * ```ts
 * import { GraphCore } from './graph-core.js';
 * const core = new GraphCore(30_000, Date.now);
 * loadPairs(core, 'SocialGraph.fromEdges', [['ada', 'bob']], true);
 * core.members(); // ['ada', 'bob']
 * ```
 * @internal
 */
export function loadPairs(core: GraphCore, method: string, pairs: Iterable<readonly [string, string]>, parallel: boolean): EdgeLoadReport {
  if (pairs == null || typeof (pairs as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: pairs must be an iterable of [id, id], got ${describeValue(pairs)}`);
  }
  const ids = core.ids;
  // A worker thread for big loads (started once, on first demand): it takes over lookups while
  // this thread reads, and builds half of the lists.
  const lazy: { asked: boolean; helper: HelperThread | null } = { asked: false, helper: null };
  const helper = (): HelperThread | null => {
    if (!lazy.asked) {
      lazy.asked = true;
      lazy.helper = parallel ? startHelperThread() : null;
    }
    return lazy.helper;
  };
  try {
    const { src, dst, edges: m, pairs: count, selfPairs, members: next, bind } = internPairs(
      pairs,
      ids,
      (problem) => {
        if (problem.kind === 'pair') {
          throw new SocialGraphError('INVALID_OPTION', `${method}: pair ${problem.at} is not a [id, id] pair, got ${describeValue(problem.value)}`);
        }
        throw new SocialGraphError('INVALID_ID', `${method}: pair ${problem.at} holds an invalid id ${describeValue(problem.value)} (ids are non-empty strings)`);
      },
      { helper, helperMinPairs: PARALLEL_MIN_PAIRS },
    );
    // The ids are bound while the helper starts on the lists (a helper already running takes
    // part whatever the count; otherwise one is started for enough connections).
    const listHelper = lazy.asked ? lazy.helper : m >= PARALLEL_MIN_PAIRS ? helper() : null;
    const connections = bulk(core, method, next, src, dst, m, (i) => ids.idOf(i), listHelper, bind);
    return { pairs: count, connectionCount: connections, duplicates: m - connections, selfPairs, memberCount: next, threads: lazy.helper?.threaded === true ? 2 : 1 };
  } finally {
    lazy.helper?.close();
  }
}

/**
 * Loads a dense-index edge list into the empty `core`: member `i` gets id `ids(i)`.
 *
 * @remarks O(n + m log d); see `SocialGraph.fromIndexedEdges`.
 * @example
 * ```ts
 * import { GraphCore } from './graph-core.js';
 * const core = new GraphCore(30_000, Date.now);
 * loadIndexed(core, 'SocialGraph.fromIndexedEdges', { memberCount: 2, ids: ['a', 'b'], sources: Int32Array.of(0), targets: Int32Array.of(1) }, true);
 * core.members(); // ['a', 'b']
 * ```
 * @internal
 */
export function loadIndexed(core: GraphCore, method: string, edges: IndexedEdges, parallel: boolean): void {
  // Every field read once and checked up front (sizes bounded: members ≤ 2^30).
  const { members, sources, targets, m, idOf } = readIndexedEdges(method, edges);
  let src: Int32Array = sources;
  let dst: Int32Array = targets;
  let k = 0;
  // Validate indices, drop self-pairs (copying only if there are any).
  for (let i = 0; i < m; i++) {
    const a = sources[i]!;
    const b = targets[i]!;
    if (a < 0 || a >= members || b < 0 || b >= members) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: pair ${i} (${a}, ${b}) is outside 0..${members - 1}`);
    }
    if (a === b) {
      if (src === sources) {
        src = sources.slice(0, m);
        dst = targets.slice(0, m);
      }
      continue;
    }
    if (src !== sources) {
      src[k] = a;
      dst[k] = b;
    }
    k++;
  }
  const ids = core.ids;
  const bind = (): void => {
    ids.reserve(members);
    for (let i = 0; i < members; i++) {
      const id = idOf(i);
      if (typeof id !== 'string' || id.length === 0) {
        throw new SocialGraphError('INVALID_ID', `${method}: member ${i} has an invalid id ${describeValue(id)}`);
      }
      if (ids.indexOf(id) >= 0) {
        throw new SocialGraphError('DUPLICATE_MEMBER', `${method}: id ${describeValue(id)} is given to two members`);
      }
      ids.set(id, i);
    }
  };
  // A helper thread builds half of the lists (on shared copies of the pairs, unless they are
  // shared already) while this thread binds the ids.
  const helper = parallel && k >= PARALLEL_MIN_PAIRS ? startHelperThread() : null;
  try {
    if (helper !== null) {
      if (!isShared(src)) src = shared(src, k);
      if (!isShared(dst)) dst = shared(dst, k);
    }
    bulk(core, method, members, src, dst, k, idOf, helper, bind);
  } finally {
    helper?.close();
  }
}

function bulk(
  core: GraphCore,
  method: string,
  members: number,
  src: Int32Array,
  dst: Int32Array,
  m: number,
  idOf: (i: number) => string,
  helper: HelperThread | null,
  meanwhile: (() => void) | null,
): number {
  return core.store.bulkLoad(
    members,
    src,
    dst,
    m,
    (member, degree) => {
      throw new SocialGraphError(
        'CONNECTION_LIMIT',
        `${method}: member ${describeValue(idOf(member))} would have ${degree} connections, above maxConnectionsPerMember ${core.cap}`,
      );
    },
    helper,
    meanwhile,
  );
}

/** The first `length` entries of `array` in a {@link bulkInt32}. */
function shared(array: Int32Array, length: number): Int32Array {
  const copy = bulkInt32(length);
  copy.set(array.subarray(0, length));
  return copy;
}
