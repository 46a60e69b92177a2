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
  type ConnectOptions,
  type DegreeOptions,
  type Reach,
  type EdgeLoadReport,
  type IndexedEdges,
} from './social-graph.js';
export { SocialGraphError, type SocialGraphErrorCode } from './errors.js';
export {
  readEdgeList,
  parseEdgeList,
  parseEdgeListText,
  formatEdgeList,
  edgeListLines,
  EdgeListFormatError,
  type EdgeListSource,
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
} from './io/snapshot.js';
export {
  registerSnapshotSection,
  snapshotSections,
  snapshotSection,
  type SnapshotSection,
  type SnapshotReadContext,
  type SnapshotWriteContext,
} from './io/snapshot-sections.js';
export { ByteReader } from './io/byte-reader.js';
export { ByteWriter } from './io/byte-writer.js';
export { crc32 } from './io/crc32.js';
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
} from './policy/policy.js';
export { DEFAULT_POLICY } from './policy/default-policy.js';
export { STRICT_POLICY } from './policy/strict-policy.js';
export { definePolicy, degreeRule, type PolicyOverrides, type DegreeRuleOptions, type SimpleAction } from './policy/define-policy.js';
export {
  DEFAULT_PRIVACY,
  type PrivacySettings,
  type ConnectionsVisibility,
  type ProfileVisibility,
  type InvitationPreference,
} from './policy/privacy-settings.js';
export { SlidingWindowQuota, MAX_QUOTA_LIMIT, type QuotaLimit, type QuotaUsage } from './policy/sliding-window-quota.js';
export { ViewerWindow, type Gated, type WindowDegreeOptions } from './policy/viewer-window.js';
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
