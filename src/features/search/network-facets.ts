/**
 * Facets of a viewer's network ({@link ViewerWindow.facets}): how many members of the network
 * hold each value of an attribute, the "organize by company, industry, location" view.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import { NO_VALUE } from '../profiles/attribute-index.js';
import type { SearchParts } from './search-parts.js';
import { compileFilter, matchesColumns, type NetworkDegree, type NetworkWhere } from './network-filter.js';
import { scanNetwork } from './scan-network.js';

/** Default number of values of {@link ViewerWindow.facets}. */
export const DEFAULT_FACET_TOP = 10;
/** Largest `top` of {@link ViewerWindow.facets}. */
export const MAX_FACET_TOP = 10_000;

/**
 * Options of {@link ViewerWindow.facets}.
 * @public
 */
export interface FacetOptions<Profile = Record<string, unknown>> {
  /** The indexed attribute counted. */
  by: keyof Profile & string;
  /** Degrees counted. @defaultValue 2 */
  degree?: NetworkDegree | readonly NetworkDegree[];
  /** Only members matching this (as in search). */
  where?: NetworkWhere<Profile>;
  /** How many values to return, most frequent first (1 to 10,000). @defaultValue 10 */
  top?: number;
  /** Also count members the viewer hid. @defaultValue false */
  includeHidden?: boolean;
}

/**
 * One value of a facet and how many members hold it.
 * @public
 */
export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

/**
 * The counts of one attribute over a viewer's network.
 * @public
 */
export interface Facets {
  /** The attribute counted. */
  readonly by: string;
  /** Members counted (matching `degree` and `where`, hidden and blocked ones left out). */
  readonly total: number;
  /** Of those, members with no value for the attribute. */
  readonly missing: number;
  /** Distinct values among them. */
  readonly distinct: number;
  /** The `top` most frequent values, by count (descending) then value (ascending). */
  readonly values: FacetCount[];
}

/**
 * Counts the viewer's network by attribute `by`. Validates everything first (`UNKNOWN_ATTRIBUTE`,
 * `INVALID_OPTION`).
 *
 * @remarks One walk of the network (as search), one integer increment per member, then a sort of
 * the distinct values found by (count, rank), integers only.
 * @example
 * ```ts
 * facetNetwork(parts, 'ViewerWindow.facets', u, { by: 'company', top: 5 });
 * ```
 * @internal
 */
export function facetNetwork<Profile>(parts: SearchParts, method: string, u: number, options: FacetOptions<Profile>): Facets {
  if (options === null || typeof options !== 'object') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object { by, degree, top }, got ${describeValue(options)}`);
  }
  const profiles = parts.profiles.store;
  const by: unknown = options.by;
  if (typeof by !== 'string') throw new SocialGraphError('INVALID_OPTION', `${method}: by must be an attribute name, got ${describeValue(by)}`);
  const index = profiles.index(by);
  if (index === undefined) {
    throw new SocialGraphError('UNKNOWN_ATTRIBUTE', `${method}: cannot count by ${describeValue(by)}: it is not an indexed attribute`);
  }
  const filter = compileFilter(method, profiles, options.where, options.degree, options.includeHidden, [2]);
  const top = options.top ?? DEFAULT_FACET_TOP;
  if (!Number.isInteger(top) || top < 1 || top > MAX_FACET_TOP) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: top must be an integer from 1 to ${MAX_FACET_TOP}, got ${describeValue(top)}`);
  }
  const counts = new Int32Array(index.codeBound);
  const column = index.codes;
  const found: number[] = [];
  let total = 0;
  if (!filter.empty) {
    const ids = parts.core.ids;
    const hidden = filter.includeHidden ? undefined : parts.labels.hiddenBy(u);
    const degrees = filter.degrees;
    const predicate = filter.predicate;
    const checkColumns = filter.columns.length > 0;
    scanNetwork(parts, parts.permissions.state, u, filter.maxDepth, (x, degree) => {
      if ((degrees & (1 << degree)) === 0) return;
      if (checkColumns && !matchesColumns(filter, x)) return;
      if (hidden !== undefined && hidden(x)) return;
      if (predicate !== undefined && !predicate(profiles.get(x) as never, ids.idOf(x))) return;
      total++;
      const code = x < column.length ? column[x]! : NO_VALUE;
      if (counts[code]!++ === 0 && code !== NO_VALUE) found.push(code);
    });
  }
  const ranks = index.ranks();
  found.sort((a, b) => counts[b]! - counts[a]! || ranks[a]! - ranks[b]!);
  const values: FacetCount[] = [];
  for (let i = 0; i < found.length && i < top; i++) {
    const code = found[i]!;
    values.push({ value: index.valueOf(code)!, count: counts[code]! });
  }
  return { by, total, missing: counts[NO_VALUE]!, distinct: found.length, values };
}
