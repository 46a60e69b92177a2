/**
 * Validation of the input of `SocialGraph.fromIndexedEdges`, every bound checked before any work.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../errors.js';

/**
 * Dense-index edge list, as emitted by the generators.
 * @public
 */
export interface IndexedEdges {
  /** Id of member `i` (a function or an array). */
  ids: readonly string[] | ((index: number) => string);
  /** Number of members (indices 0..memberCount-1). */
  memberCount: number;
  sources: Int32Array;
  targets: Int32Array;
  /** Pairs to read (defaults to `sources.length`). */
  edges?: number;
}

/**
 * Most members a bulk load accepts: member indices are int32 and the store's buckets and id
 * table are sized by powers of two up to 2^31 entries.
 * @internal
 */
export const MAX_BULK_MEMBERS = 2 ** 30;

/**
 * The validated input of a dense-index bulk load.
 * @internal
 */
export interface IndexedEdgesInput {
  readonly members: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  /** Pairs to read. */
  readonly m: number;
  readonly idOf: (index: number) => string;
}

/**
 * Reads `{ ids, memberCount, sources, targets, edges? }` once, checking every field and bound up
 * front (`memberCount` an integer from 0 to {@link MAX_BULK_MEMBERS}, `sources`/`targets` Int32Arrays
 * holding `edges` pairs, `ids` an array of at least `memberCount` entries or a function). Throws
 * `INVALID_OPTION` naming `method` (`INVALID_ID` for too few ids).
 *
 * @remarks O(1): the pairs and ids are checked by the load itself.
 * @example
 * ```ts
 * readIndexedEdges('SocialGraph.fromIndexedEdges', { ids: ['a', 'b'], memberCount: 2, sources: Int32Array.of(0), targets: Int32Array.of(1) }).m; // 1
 * ```
 * @internal
 */
export function readIndexedEdges(method: string, edges: unknown): IndexedEdgesInput {
  const fail = (what: string, value: unknown): never => {
    throw new SocialGraphError('INVALID_OPTION', `${method}: ${what}, got ${describeValue(value)}`);
  };
  if (edges === null || typeof edges !== 'object') fail('edges must be an object { ids, memberCount, sources, targets }', edges);
  const { ids, memberCount: members, sources, targets, edges: count } = edges as Record<string, unknown>;
  if (typeof members !== 'number' || !Number.isInteger(members) || members < 0 || members > MAX_BULK_MEMBERS) {
    fail(`memberCount must be an integer from 0 to ${MAX_BULK_MEMBERS}`, members);
  }
  if (!(sources instanceof Int32Array)) fail('sources must be an Int32Array', sources);
  if (!(targets instanceof Int32Array)) fail('targets must be an Int32Array', targets);
  const src = sources as Int32Array;
  const dst = targets as Int32Array;
  const m = count === undefined ? src.length : count;
  if (typeof m !== 'number' || !Number.isInteger(m) || m < 0 || m > src.length || m > dst.length) {
    fail(`edges must be an integer from 0 to the length of sources and targets (${Math.min(src.length, dst.length)})`, m);
  }
  let idOf: (index: number) => string;
  if (typeof ids === 'function') idOf = ids as (index: number) => string;
  else if (Array.isArray(ids)) {
    if (ids.length < (members as number)) {
      throw new SocialGraphError('INVALID_ID', `${method}: ids must hold one id per member (${members as number}), got ${describeValue(ids)}`);
    }
    const list = ids as readonly string[];
    idOf = (i) => list[i]!;
  } else return fail('ids must be an array of ids or a function from index to id', ids);
  return { members: members as number, sources: src, targets: dst, m: m as number, idOf };
}
