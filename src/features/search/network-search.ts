/**
 * Search over a viewer's network ({@link ViewerWindow.search}): the members at the degrees asked,
 * filtered by profile attributes, sorted, paged by a stable cursor, each with the profile the
 * policy lets the viewer see.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import { decide } from '../policy/decide.js';
import type { ProfileLevel } from '../policy/policy.js';
import { NO_VALUE, type AttributeIndex } from '../profiles/attribute-index.js';
import type { SearchParts } from './search-parts.js';
import { compileFilter, matchesColumns, type NetworkDegree, type NetworkWhere } from './network-filter.js';
import { scanNetwork } from './scan-network.js';
import { decodeCursor, encodeCursor, fingerprint, type CursorPosition } from './search-cursor.js';

/** Default page size of {@link ViewerWindow.search}. */
export const DEFAULT_SEARCH_LIMIT = 20;
/** Largest page size of {@link ViewerWindow.search}. */
export const MAX_SEARCH_LIMIT = 1000;

/**
 * Order of search hits. Ties always break by member id (ascending), so the order is total.
 * - `'degree'` (default): 1st degree first, then 2nd, then 3rd; most mutual connections first within a degree.
 * - `'mutual'`: most mutual connections first, then by degree.
 * - `'recent'`: most recently connected first (1st degree only: `degree: 1`); connections without
 *   a recorded time come last.
 * - `{ attribute, order }`: by an indexed attribute's value (`'asc'` by default, code-unit order),
 *   members without a value last; then most mutual connections first.
 * @public
 */
export type SearchSort<Profile = Record<string, unknown>> =
  | 'degree'
  | 'mutual'
  | 'recent'
  | { readonly attribute: keyof Profile & string; readonly order?: 'asc' | 'desc' };

/**
 * Options of {@link ViewerWindow.search}.
 * @public
 */
export interface SearchOptions<Profile = Record<string, unknown>> {
  /** Degrees searched: one of 1, 2, 3 or a list. @defaultValue `[1, 2]` */
  degree?: NetworkDegree | readonly NetworkDegree[];
  /** Which members match (attribute values or a predicate). @defaultValue every member */
  where?: NetworkWhere<Profile>;
  /** @defaultValue `'degree'` */
  sort?: SearchSort<Profile>;
  /** Hits per page, 1 to 1000. @defaultValue 20 */
  limit?: number;
  /** `nextCursor` of the previous page of the same query. */
  cursor?: string;
  /** Also return members the viewer hid. @defaultValue false */
  includeHidden?: boolean;
}

/**
 * One search hit.
 * @public
 */
export interface SearchHit<Profile = Record<string, unknown>> {
  readonly id: string;
  readonly degree: NetworkDegree;
  /** Connections the viewer shares with the member (0 at 3rd degree), blocked members left out. */
  readonly mutualCount: number;
  /** How much of the profile the policy lets the viewer see (`viewProfile`). */
  readonly level: ProfileLevel;
  /** The profile at that level: whole, the `limitedProfileFields`, or `undefined` (none, or no profile). */
  readonly profile: Readonly<Partial<Profile>> | undefined;
  /** When the viewer connected with a 1st-degree member (milliseconds), when recorded. */
  readonly connectedAt?: number;
}

/**
 * A page of search hits.
 * @public
 */
export interface SearchPage<Profile = Record<string, unknown>> {
  readonly hits: SearchHit<Profile>[];
  /** Members matching the query in all pages. */
  readonly total: number;
  /** Cursor of the next page, `null` on the last one. */
  readonly nextCursor: string | null;
}

const MUTUAL_SPAN = 65536;
const ATTRIBUTE_SPAN = 4 * MUTUAL_SPAN;
const MAX_TIME = 2 ** 32 - 1;

/**
 * Runs a search for `viewer` (index `u`). All validation happens before any work: bad options
 * throw `INVALID_OPTION`, an unindexed attribute `UNKNOWN_ATTRIBUTE`, a foreign or malformed
 * cursor `INVALID_CURSOR`.
 *
 * @remarks
 * One walk of the network ({@link scanNetwork}: O(Σ degrees of the 1st degree) for degree 2,
 * most of the graph for degree 3), one integer test per member and filtered attribute, then a
 * bounded heap of the page (O(matches · log limit)); ids are compared only between equal keys.
 * Each hit then costs one `viewProfile` decision (one capped degree lookup).
 * @example
 * ```ts
 * searchNetwork(parts, 'ViewerWindow.search', u, 'ada', { degree: 2, where: { company: 'Acme' } });
 * ```
 * @internal
 */
export function searchNetwork<Profile>(
  parts: SearchParts,
  method: string,
  u: number,
  viewer: string,
  options: SearchOptions<Profile> | undefined,
): SearchPage<Profile> {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
  const profiles = parts.profiles.store;
  const filter = compileFilter(method, profiles, options?.where, options?.degree, options?.includeHidden, [1, 2]);
  const limit = options?.limit ?? DEFAULT_SEARCH_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}, got ${describeValue(limit)}`);
  }
  // Sort.
  const sort: unknown = options?.sort ?? 'degree';
  let mode: 0 | 1 | 2 | 3; // degree, mutual, recent, attribute
  let sortIndex: AttributeIndex | undefined;
  let descending = false;
  if (sort === 'degree') mode = 0;
  else if (sort === 'mutual') mode = 1;
  else if (sort === 'recent') {
    mode = 2;
    if (filter.degrees !== 1 << 1) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: sort 'recent' orders 1st-degree connections: it needs degree: 1`);
    }
  } else if (sort !== null && typeof sort === 'object' && !Array.isArray(sort)) {
    mode = 3;
    const { attribute, order } = sort as { attribute?: unknown; order?: unknown };
    if (typeof attribute !== 'string') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: sort.attribute must be an attribute name, got ${describeValue(attribute)}`);
    }
    sortIndex = profiles.index(attribute);
    if (sortIndex === undefined) {
      throw new SocialGraphError('UNKNOWN_ATTRIBUTE', `${method}: cannot sort by ${describeValue(attribute)}: it is not an indexed attribute`);
    }
    if (order !== undefined && order !== 'asc' && order !== 'desc') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: sort.order must be 'asc' or 'desc', got ${describeValue(order)}`);
    }
    descending = order === 'desc';
  } else {
    throw new SocialGraphError(
      'INVALID_OPTION',
      `${method}: sort must be 'degree', 'mutual', 'recent' or { attribute, order }, got ${describeValue(sort)}`,
    );
  }
  const query = fingerprint(JSON.stringify([filter.canonical, mode, sortIndex?.name ?? null, descending]));
  const ranks = sortIndex?.ranks();
  const distinct = sortIndex?.distinctValues ?? 0;
  // Attribute position of a code: rank in the order asked, members without a value last.
  const positionOf = (code: number): number => {
    if (code === NO_VALUE) return distinct;
    const r = ranks![code]!;
    return descending ? distinct - 1 - r : r;
  };
  let after: CursorPosition | undefined;
  let afterKey = -Infinity;
  if (options?.cursor !== undefined) {
    after = decodeCursor(method, options.cursor, query);
    afterKey = after.key;
    if (mode === 3) afterKey = cursorKeyNow(after, sortIndex!, descending);
  }

  const store = parts.core.store;
  const ids = parts.core.ids;
  const hidden = filter.includeHidden ? undefined : parts.labels.hiddenBy(u);
  const state = parts.permissions.state;
  const times = mode === 2 && store.hasTimes ? store.timesOf(u) : undefined;
  const column = sortIndex?.codes;

  // The page: a max-heap (worst on top) of at most `limit` hits after the cursor.
  const heapKey = new Float64Array(limit);
  const heapMember = new Int32Array(limit);
  const heapDegree = new Uint8Array(limit);
  const heapMutual = new Int32Array(limit);
  let size = 0;
  let total = 0;
  let beyond = 0; // matches after the cursor
  const afterId = after?.id;
  // Whether (k1, x1) sorts after (k2, x2).
  const later = (k1: number, x1: number, k2: number, x2: number): boolean => (k1 !== k2 ? k1 > k2 : ids.idOf(x1) > ids.idOf(x2));
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      let m = l;
      const r = l + 1;
      if (r < size && later(heapKey[r]!, heapMember[r]!, heapKey[l]!, heapMember[l]!)) m = r;
      if (!later(heapKey[m]!, heapMember[m]!, heapKey[i]!, heapMember[i]!)) return;
      swap(i, m);
      i = m;
    }
  };
  const swap = (i: number, j: number): void => {
    const k = heapKey[i]!;
    heapKey[i] = heapKey[j]!;
    heapKey[j] = k;
    const x = heapMember[i]!;
    heapMember[i] = heapMember[j]!;
    heapMember[j] = x;
    const d = heapDegree[i]!;
    heapDegree[i] = heapDegree[j]!;
    heapDegree[j] = d;
    const c = heapMutual[i]!;
    heapMutual[i] = heapMutual[j]!;
    heapMutual[j] = c;
  };

  if (!filter.empty) {
    const degrees = filter.degrees;
    const predicate = filter.predicate;
    const checkColumns = filter.columns.length > 0;
    scanNetwork(parts, state, u, filter.maxDepth, (x, degree, mutual) => {
      if ((degrees & (1 << degree)) === 0) return;
      if (checkColumns && !matchesColumns(filter, x)) return;
      if (hidden !== undefined && hidden(x)) return;
      if (predicate !== undefined && !predicate(profiles.get(x) as never, ids.idOf(x))) return;
      total++;
      const m = mutual < MUTUAL_SPAN ? mutual : MUTUAL_SPAN - 1;
      let key: number;
      if (mode === 0) key = degree * MUTUAL_SPAN + (MUTUAL_SPAN - 1 - m);
      else if (mode === 1) key = (MUTUAL_SPAN - 1 - m) * 4 + degree;
      else if (mode === 2) {
        let t = 0;
        if (times !== undefined) {
          const at = store.indexOfNeighbor(u, x);
          t = times[store.offsetOf(u) + at]!;
        }
        key = t === 0 ? MAX_TIME : MAX_TIME - 1 - t;
      } else {
        const code = x < column!.length ? column![x]! : NO_VALUE;
        key = positionOf(code) * ATTRIBUTE_SPAN + (MUTUAL_SPAN - 1 - m) * 4 + degree;
      }
      if (afterId !== undefined && !(key > afterKey || (key === afterKey && ids.idOf(x) > afterId))) return;
      beyond++;
      if (size < limit) {
        let i = size++;
        heapKey[i] = key;
        heapMember[i] = x;
        heapDegree[i] = degree;
        heapMutual[i] = mutual;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (!later(heapKey[i]!, heapMember[i]!, heapKey[p]!, heapMember[p]!)) break;
          swap(i, p);
          i = p;
        }
      } else if (later(heapKey[0]!, heapMember[0]!, key, x)) {
        heapKey[0] = key;
        heapMember[0] = x;
        heapDegree[0] = degree;
        heapMutual[0] = mutual;
        siftDown(0);
      }
    });
  }

  // Order the page.
  const order = Array.from({ length: size }, (_, i) => i);
  order.sort((i, j) => (later(heapKey[i]!, heapMember[i]!, heapKey[j]!, heapMember[j]!) ? 1 : -1));
  const now = parts.core.now();
  const hits: SearchHit<Profile>[] = order.map((i) => {
    const x = heapMember[i]!;
    const id = ids.idOf(x);
    const degree = heapDegree[i]! as NetworkDegree;
    const decision = decide(parts.core, state, 'viewProfile', u, x, viewer, id, now);
    const level: ProfileLevel = decision.allowed ? (decision.level ?? 'full') : 'none';
    const profile = level === 'full' ? profiles.get(x) : level === 'limited' ? profiles.limited(x) : undefined;
    const hit: { -readonly [K in keyof SearchHit<Profile>]: SearchHit<Profile>[K] } = {
      id,
      degree,
      mutualCount: heapMutual[i]!,
      level,
      profile: profile as Readonly<Partial<Profile>> | undefined,
    };
    if (degree === 1 && store.hasTimes) {
      const t = store.timesOf(u)[store.offsetOf(u) + store.indexOfNeighbor(u, x)]!;
      if (t !== 0) hit.connectedAt = t * 1000;
    }
    return hit;
  });
  let nextCursor: string | null = null;
  if (beyond > size && size > 0) {
    const last = order[size - 1]!;
    const x = heapMember[last]!;
    const position: CursorPosition =
      mode === 3
        ? { query, key: heapKey[last]!, id: ids.idOf(x), value: sortIndex!.valueOf(sortIndex!.codeOf(x)) ?? null }
        : { query, key: heapKey[last]!, id: ids.idOf(x) };
    nextCursor = encodeCursor(position);
  }
  return { hits, total, nextCursor };
}

/**
 * The key of a cursor of an attribute sort against the attribute's values now: the position is
 * recomputed from the value the cursor recorded, so that values added or gone since keep the
 * order (a value gone sits half-way between its neighbours).
 */
function cursorKeyNow(after: CursorPosition, index: AttributeIndex, descending: boolean): number {
  const secondary = after.key - Math.floor(after.key / ATTRIBUTE_SPAN) * ATTRIBUTE_SPAN;
  const sorted = index.sortedValues();
  const distinct = sorted.length;
  let position: number;
  const value = after.value;
  if (value === null || value === undefined) position = distinct;
  else {
    let lo = 0;
    let hi = distinct;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    const present = lo < distinct && sorted[lo] === value;
    if (!descending) position = present ? lo : lo - 0.5;
    else position = present ? distinct - 1 - lo : distinct - lo - 0.5;
  }
  return position * ATTRIBUTE_SPAN + secondary;
}
