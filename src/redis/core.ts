/**
 * What the Redis backend takes from the core, all through the package's public entry: the built
 * `social-graph/redis` imports these from `social-graph` itself (tsup marks the core external), so
 * that errors, classes and algorithms are the very ones a user imports from `social-graph`.
 *
 * @packageDocumentation
 */
export {
  SocialGraph,
  SocialGraphError,
  DEFAULT_MAX_CONNECTIONS,
  MAX_CONNECTIONS_LIMIT,
  MAX_SEARCH_DEPTH,
  ScratchPool,
  type Scratch,
  bidirectionalDistance,
  batchDistances,
  levelCounts,
  intersectInto,
  intersectionSize,
  type DegreeOptions,
  type IndexedEdges,
  type Reach,
  type Search,
  type FetchRequest,
  type AdjacencyView,
} from '../index.js';

/**
 * Formats a value for an error message (the core's rule: strings quoted and cut at 60 characters).
 *
 * @remarks O(1) for all but strings (O(60)).
 * @example
 * ```ts
 * describeValue('ada'); // '"ada"'
 * ```
 * @internal
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return String(value);
}
