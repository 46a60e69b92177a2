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
  describeValue,
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
