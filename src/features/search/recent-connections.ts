/**
 * "Recently added": a member's connections, newest first, from the connection times stored beside
 * the adjacency ({@link CompactAdjacencyStore.timesOf}).
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import type { GraphCore } from '../../graph/graph-core.js';

/** Default `limit` of {@link SocialGraph.recentConnections}. */
export const DEFAULT_RECENT_LIMIT = 20;

/**
 * Options of {@link SocialGraph.recentConnections}.
 * @public
 */
export interface RecentConnectionsOptions {
  /** Most connections returned (an integer from 1 to 2^22). @defaultValue 20 */
  limit?: number;
  /** Only connections made at or after this time (milliseconds since the epoch). */
  since?: number;
}

/**
 * A connection and when it was made.
 * @public
 */
export interface RecentConnection {
  readonly id: string;
  /** When the connection was made, in milliseconds (second resolution). */
  readonly at: number;
}

/**
 * The connections of member `v` with a recorded time, newest first (ties by id), at most `limit`,
 * none older than `since`. Connections made before times were recorded have no time and are
 * left out.
 *
 * @remarks O(d + k log k) for d connections and k kept by `since`: one pass over the member's
 * list and its parallel time array, then a sort of the kept ones.
 * @example
 * ```ts
 * recentConnectionsOf(core, 'SocialGraph.recentConnections', v, { limit: 5 });
 * ```
 * @internal
 */
export function recentConnectionsOf(core: GraphCore, method: string, v: number, options: RecentConnectionsOptions | undefined): RecentConnection[] {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
  const limit = options?.limit ?? DEFAULT_RECENT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1 << 22) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: limit must be an integer from 1 to ${1 << 22}, got ${describeValue(limit)}`);
  }
  const since = options?.since;
  if (since !== undefined && (typeof since !== 'number' || !Number.isFinite(since))) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: since must be a time in milliseconds, got ${describeValue(since)}`);
  }
  const store = core.store;
  if (!store.hasTimes) return [];
  const floor = since === undefined ? 1 : Math.max(1, Math.ceil(since / 1000));
  const slab = store.slabOf(v);
  const times = store.timesOf(v);
  const start = store.offsetOf(v);
  const end = start + store.degreeOf(v);
  const kept: number[] = [];
  for (let i = start; i < end; i++) if (times[i]! >= floor) kept.push(i);
  const ids = core.ids;
  kept.sort((i, j) => times[j]! - times[i]! || (ids.idOf(slab[i]!) < ids.idOf(slab[j]!) ? -1 : 1));
  const out: RecentConnection[] = [];
  for (let k = 0; k < kept.length && k < limit; k++) {
    const i = kept[k]!;
    out.push({ id: ids.idOf(slab[i]!), at: times[i]! * 1000 });
  }
  return out;
}
