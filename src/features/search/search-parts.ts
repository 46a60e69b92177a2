/**
 * SearchParts: what a viewer's network search reads, handed to it when the graph is built: the
 * core, the permissions (blocks and the viewer's rights), the profiles (columns to filter and
 * sort by) and the labels (hidden members), plus the scan's reusable counter array.
 *
 * @packageDocumentation
 */
import type { GraphCore } from '../../graph/graph-core.js';
import type { Labels } from '../labels/labels.js';
import type { Permissions } from '../policy/permissions.js';
import type { Profiles } from '../profiles/profiles.js';

/**
 * The collaborators of search and facets.
 *
 * @remarks `scanCounts` grows to the member index bound (4 bytes per member) on the first scan.
 * @example
 * ```ts
 * const parts = new SearchParts(core, permissions, profiles, labels);
 * ```
 * @internal
 */
export class SearchParts {
  /** Mutual-connection counts of a scan, per member index (all zero between scans), per scan depth (a scan started from a search predicate is one deeper). */
  readonly scanCounts: Int32Array[] = [];

  constructor(
    readonly core: GraphCore,
    readonly permissions: Permissions,
    readonly profiles: Profiles,
    readonly labels: Labels,
  ) {}
}
