/**
 * `social-graph/lean`: the graph queries alone ({@link LeanGraph}), for bundles that need no
 * permissions, invitations, profiles, search or events.
 *
 * @packageDocumentation
 */
export { LeanGraph, type LeanGraphOptions } from './lean-graph.js';
export { SocialGraphError, describeValue, type SocialGraphErrorCode } from './errors.js';
export { DEFAULT_MAX_CONNECTIONS, MAX_CONNECTIONS_LIMIT, type ConnectOptions, type DegreeOptions, type Reach } from './graph/graph-core.js';
export type { IndexedEdges } from './graph/bulk-load.js';
