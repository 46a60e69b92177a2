/**
 * The graph options of the search features (`indexedAttributes`, `limitedProfileFields`,
 * `viewerCache`): validation, and setup of a new graph.
 *
 * @packageDocumentation
 */
import { configureViewerCache, MAX_VIEWER_CACHE_SIZE } from '../cache/viewer-cache.js';
import { describeValue, SocialGraphError } from '../../errors.js';
import { createProfileStore, readProfileOptions, type ProfileOptions } from '../profiles/profile-store.js';
import type { GraphInternals } from '../../social-graph.js';

/**
 * The search options of a graph, validated.
 * @internal
 */
export interface SearchGraphOptions {
  readonly profiles: ProfileOptions | undefined;
  readonly viewerCache: number | undefined;
}

/**
 * Validates the search options; throws `INVALID_OPTION` naming `method`.
 *
 * @remarks O(attributes).
 * @example
 * ```ts
 * readSearchGraphOptions('SocialGraph.constructor', { indexedAttributes: ['company'], viewerCache: 128 });
 * ```
 * @internal
 */
export function readSearchGraphOptions(
  method: string,
  options: { indexedAttributes?: unknown; limitedProfileFields?: unknown; viewerCache?: unknown } | undefined,
): SearchGraphOptions {
  const profiles = readProfileOptions(method, options);
  const cache = options?.viewerCache;
  if (cache !== undefined && (!Number.isInteger(cache) || (cache as number) < 0 || (cache as number) > MAX_VIEWER_CACHE_SIZE)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: viewerCache must be an integer from 0 to ${MAX_VIEWER_CACHE_SIZE}, got ${describeValue(cache)}`);
  }
  return { profiles, viewerCache: cache as number | undefined };
}

/**
 * Sets up the search features of a new graph from its validated options.
 *
 * @remarks O(attributes).
 * @example
 * ```ts
 * initSearchFeatures(internals, readSearchGraphOptions(method, options));
 * ```
 * @internal
 */
export function initSearchFeatures(internals: GraphInternals, options: SearchGraphOptions): void {
  if (options.profiles !== undefined) createProfileStore(internals, options.profiles);
  if (options.viewerCache !== undefined) configureViewerCache(internals, options.viewerCache);
}
