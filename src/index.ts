/**
 * social-graph: connection degree (1st/2nd/3rd), mutual connections, reach and more over a
 * compact in-memory social graph.
 *
 * @packageDocumentation
 */
export {
  SocialGraph,
  DEFAULT_MAX_CONNECTIONS,
  MAX_CONNECTIONS_LIMIT,
  type SocialGraphOptions,
  type DegreeOptions,
  type Reach,
  type EdgeLoadReport,
  type IndexedEdges,
} from './social-graph.js';
export { SocialGraphError, type SocialGraphErrorCode } from './errors.js';
export type { SocialGraphEvents, SocialGraphEvent, SocialGraphListener } from './events.js';
export { CompactAdjacencyStore, SLAB_ENTRIES, type StoreStats } from './store/compact-adjacency-store.js';
export { IdInterner } from './store/id-interner.js';
export type { AdjacencyView } from './store/adjacency-view.js';
export { runSearch, type Search, type FetchRequest } from './algorithms/search.js';
export { Scratch, ScratchPool } from './algorithms/scratch.js';
export { bidirectionalDistance, MAX_SEARCH_DEPTH } from './algorithms/bidirectional-distance.js';
export { batchDistances, BALL_BUDGET_PER_TARGET } from './algorithms/batch-distances.js';
export { levelCounts, BOTTOM_UP_ALPHA } from './algorithms/level-counts.js';
export { intersectionSize, intersectInto, GALLOP_RATIO } from './algorithms/intersection.js';
