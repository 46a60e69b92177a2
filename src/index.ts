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
  MAX_CONNECT_ALL,
  type SocialGraphOptions,
  type ConnectOptions,
  type DegreeOptions,
  type Reach,
  type EdgeLoadOptions,
  type EdgeLoadReport,
  type IndexedEdges,
  type SnapshotSection,
  type SnapshotReadContext,
  type SnapshotWriteContext,
  logOperations,
  replayOperation,
} from './social-graph.js';
export { OPERATION_NAMES, type OperationName, type OperationRecord, type OperationLog } from './graph/operation-log.js';
export { SocialGraphError, describeValue, type SocialGraphErrorCode } from './errors.js';
/**
 * @internal For the package's own entry points (`social-graph/stats` reads adjacency through it),
 * which take the core from the package itself; not part of the public API.
 */
export { graphParts, type GraphParts } from './social-graph.js';
export {
  readEdgeList,
  parseEdgeList,
  parseEdgeListText,
  formatEdgeList,
  edgeListLines,
  EdgeListFormatError,
  type EdgeListSource,
  type ByteStreamLike,
  type EdgeListDelimiter,
  type EdgeListReadOptions,
  type EdgeListSummary,
  type EdgeListWriteOptions,
} from './io/edge-list-reader.js';
export { importEdgeList, type ImportEdgeListOptions, type ImportProgress, type ImportReport } from './io/import-edge-list.js';
export { exportEdgeList, graphEdgePairs, type ExportEdgeListOptions } from './io/export-edge-list.js';
export {
  inspectSnapshot,
  SNAPSHOT_MAGIC,
  SNAPSHOT_MAJOR_VERSION,
  SNAPSHOT_MINOR_VERSION,
  type SnapshotInfo,
  type SnapshotSectionInfo,
} from './graph/snapshot-format.js';
export { ByteReader } from './encoding/byte-reader.js';
export { ByteWriter } from './encoding/byte-writer.js';
export { crc32 } from './encoding/crc32.js';
export {
  POLICY_ACTIONS,
  REASON_CODES,
  type PolicyAction,
  type ProfileLevel,
  type ReasonCode,
  type Verdict,
  type Decision,
  type PairFacts,
  type ActionRule,
  type Policy,
} from './features/policy/policy.js';
export { DEFAULT_POLICY } from './features/policy/default-policy.js';
export { STRICT_POLICY } from './features/policy/strict-policy.js';
export { definePolicy, degreeRule, type PolicyOverrides, type DegreeRuleOptions, type SimpleAction } from './features/policy/define-policy.js';
export {
  DEFAULT_PRIVACY,
  type PrivacySettings,
  type ConnectionsVisibility,
  type ProfileVisibility,
  type InvitationPreference,
} from './features/policy/privacy-settings.js';
export { SlidingWindowQuota, MAX_QUOTA_LIMIT, type QuotaLimit, type QuotaUsage } from './features/policy/sliding-window-quota.js';
export { ViewerWindow, type Gated, type WindowDegreeOptions } from './window/viewer-window.js';
export {
  MAX_NOTE_LENGTH,
  DEFAULT_REINVITE_COOLDOWN_MS,
  type Invitation,
  type InvitationStatus,
  type InviteOptions,
  type InvitationSettings,
} from './features/invitations/invitation.js';
export { InvitationDeniedError } from './features/invitations/invitation-denied-error.js';
export {
  MAX_RESULT_LIMIT,
  type Introduction,
  type IntroductionOptions,
  type Suggestion,
  type SuggestionOptions,
} from './features/invitations/invitation-book.js';
export {
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_LIMIT,
  type SearchOptions,
  type SearchSort,
  type SearchHit,
  type SearchPage,
} from './features/search/network-search.js';
export { DEFAULT_FACET_TOP, MAX_FACET_TOP, type FacetOptions, type FacetCount, type Facets } from './features/search/network-facets.js';
export type { NetworkDegree, NetworkWhere, NetworkPredicate } from './features/search/network-filter.js';
export { DEFAULT_RECENT_LIMIT, type RecentConnection, type RecentConnectionsOptions } from './features/search/recent-connections.js';
export { AttributeIndex } from './features/profiles/attribute-index.js';
export { DEFAULT_VIEWER_CACHE_SIZE, MAX_VIEWER_CACHE_SIZE } from './features/cache/viewer-cache.js';
export { EVENT_TYPES, type SocialGraphEvents, type SocialGraphEvent, type SocialGraphListener } from './features/events.js';
export { CompactAdjacencyStore, SLAB_ENTRIES, type StoreStats } from './store/compact-adjacency-store.js';
export { IdInterner } from './store/id-interner.js';
export type { AdjacencyView } from './store/adjacency-view.js';
export { runSearch, type Search, type FetchRequest } from './algorithms/search.js';
export { Scratch, ScratchPool } from './algorithms/scratch.js';
export { badgeDistanceAt, bidirectionalDistance, MAX_SEARCH_DEPTH } from './algorithms/bidirectional-distance.js';
export { batchDistances, BALL_BUDGET_PER_TARGET } from './algorithms/batch-distances.js';
export { levelCounts, levelCountsAt, BOTTOM_UP_MEMBER_COST, BOTTOM_UP_PROBES } from './algorithms/level-counts.js';
export { intersectionSize, intersectInto, intersects, GALLOP_RATIO } from './algorithms/intersection.js';
export { introductions, type IntroductionQuery, type RankedIntroductions } from './algorithms/introductions.js';
export { suggestions, type SuggestionQuery, type RankedSuggestions } from './algorithms/suggestions.js';
export { CountingScratch } from './algorithms/counting-scratch.js';
export { TopK, type TieOrder } from './algorithms/top-k.js';
