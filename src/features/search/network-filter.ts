/**
 * The parts of a network query shared by search and facets: which degrees, which members
 * (`where`), hidden members or not. Validated once, compiled to integer tests over the profile
 * columns.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import { NO_VALUE } from '../profiles/attribute-index.js';
import type { ProfileStore } from '../profiles/profile-store.js';

/**
 * A degree of the viewer's network.
 * @public
 */
export type NetworkDegree = 1 | 2 | 3;

/**
 * Which members of the network match: attribute values (each attribute one value or any of
 * several; all attributes must match), or a predicate over the stored profile.
 *
 * @remarks Attribute filters only name indexed attributes (`UNKNOWN_ATTRIBUTE` otherwise) and
 * cost one integer comparison per member. A predicate is the application's own code: it sees the
 * whole stored profile (`undefined` for members without one) whatever the viewer may see, runs
 * during the walk of the network, and must not call the graph.
 * @public
 */
export type NetworkWhere<Profile> =
  | { readonly [K in keyof Profile & string]?: string | readonly string[] }
  | NetworkPredicate<Profile>;

/**
 * A predicate over a member's stored profile (`undefined` when it has none) and id. Declared as a
 * method so that a graph of a specific profile type stays assignable to `SocialGraph<object>`.
 * @public
 */
export type NetworkPredicate<Profile> = { test(profile: Readonly<Profile> | undefined, id: string): boolean }['test'];

/**
 * A compiled filter.
 * @internal
 */
export interface CompiledFilter {
  /** Degrees asked: bit d set for degree d. */
  readonly degrees: number;
  readonly maxDepth: number;
  /** Columns to test, with the accepted code (a number) or accepted codes (a mask by code). */
  readonly columns: readonly (Uint16Array | Int32Array)[];
  readonly accept: readonly (number | Uint8Array)[];
  /** Whether no member can match (a value nobody holds). */
  readonly empty: boolean;
  readonly predicate: ((profile: never, id: string) => boolean) | undefined;
  readonly includeHidden: boolean;
  /** Canonical text of the filter (for cursor fingerprints). */
  readonly canonical: string;
}

/**
 * Reads `degree` (one degree or a list of 1, 2, 3). Throws `INVALID_OPTION` naming `method`.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * readDegrees('ViewerWindow.search', [1, 2], [1, 2]); // 0b110
 * ```
 * @internal
 */
export function readDegrees(method: string, value: unknown, fallback: readonly NetworkDegree[]): number {
  const list = value === undefined ? fallback : Array.isArray(value) ? (value as unknown[]) : [value];
  let bits = 0;
  for (const d of list) {
    if (d !== 1 && d !== 2 && d !== 3) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: degree must be 1, 2, 3 or a list of them, got ${describeValue(value)}`);
    }
    bits |= 1 << d;
  }
  if (bits === 0) throw new SocialGraphError('INVALID_OPTION', `${method}: degree must name at least one of 1, 2, 3, got ${describeValue(value)}`);
  return bits;
}

/**
 * Validates and compiles `where`, `degree` and `includeHidden`.
 *
 * @remarks O(attributes + values named). Throws `UNKNOWN_ATTRIBUTE` for an attribute that is not
 * indexed, `INVALID_OPTION` for malformed values.
 * @example
 * ```ts
 * compileFilter('ViewerWindow.search', profiles.store, { company: 'Acme' }, [2], false, [1, 2]);
 * ```
 * @internal
 */
export function compileFilter(
  method: string,
  profiles: ProfileStore,
  where: unknown,
  degree: unknown,
  includeHidden: unknown,
  defaultDegrees: readonly NetworkDegree[],
): CompiledFilter {
  const degrees = readDegrees(method, degree, defaultDegrees);
  const maxDepth = degrees & 8 ? 3 : degrees & 4 ? 2 : 1;
  if (includeHidden !== undefined && typeof includeHidden !== 'boolean') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: includeHidden must be a boolean, got ${describeValue(includeHidden)}`);
  }
  const columns: (Uint16Array | Int32Array)[] = [];
  const accept: (number | Uint8Array)[] = [];
  let empty = false;
  let predicate: ((profile: never, id: string) => boolean) | undefined;
  let canonicalWhere: unknown = null;
  if (typeof where === 'function') {
    predicate = where as (profile: never, id: string) => boolean;
    canonicalWhere = 'fn';
  } else if (where !== undefined) {
    if (where === null || typeof where !== 'object' || Array.isArray(where)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: where must be an object of attribute values or a predicate, got ${describeValue(where)}`);
    }
    const canonical: [string, string[]][] = [];
    for (const name of Object.keys(where).sort()) {
      const raw: unknown = (where as Record<string, unknown>)[name];
      if (raw === undefined) continue;
      const index = profiles.index(name);
      if (index === undefined) {
        throw new SocialGraphError(
          'UNKNOWN_ATTRIBUTE',
          `${method}: attribute ${describeValue(name)} is not indexed (indexed: ${profiles.attributes.join(', ') || 'none'}; declare it in indexedAttributes)`,
        );
      }
      const values = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? (raw as unknown[]) : null;
      if (values === null || values.length === 0 || values.some((v) => typeof v !== 'string')) {
        throw new SocialGraphError('INVALID_OPTION', `${method}: where.${name} must be a string or a non-empty array of strings, got ${describeValue(raw)}`);
      }
      const strings = [...new Set(values as string[])].sort();
      canonical.push([name, strings]);
      const codes = strings.map((v) => index.lookup(v)).filter((c) => c !== NO_VALUE);
      if (codes.length === 0) {
        empty = true;
        continue;
      }
      columns.push(index.codes);
      if (codes.length === 1) accept.push(codes[0]!);
      else {
        const mask = new Uint8Array(index.codeBound);
        for (const c of codes) mask[c] = 1;
        accept.push(mask);
      }
    }
    canonicalWhere = canonical;
  }
  return {
    degrees,
    maxDepth,
    columns,
    accept,
    empty,
    predicate,
    includeHidden: includeHidden === true,
    canonical: JSON.stringify([degrees, canonicalWhere, includeHidden === true]),
  };
}

/**
 * Whether member `x` passes the attribute tests of a compiled filter (not the predicate).
 *
 * @remarks O(attributes filtered), integer comparisons only.
 * @example
 * ```ts
 * graph.setProfile('cy', { company: 'Acme' });
 * const filter = compileFilter('ViewerWindow.search', profiles.store, { company: 'Acme' }, [2], false, [1, 2]);
 * matchesColumns(filter, v); // true: cy works at Acme
 * matchesColumns(filter, target); // false: dee has no profile
 * ```
 * @internal
 */
export function matchesColumns(filter: CompiledFilter, x: number): boolean {
  const { columns, accept } = filter;
  for (let a = 0; a < columns.length; a++) {
    const column = columns[a]!;
    const code = x < column.length ? column[x]! : NO_VALUE;
    const want = accept[a]!;
    if (typeof want === 'number') {
      if (code !== want) return false;
    } else if (code === NO_VALUE || want[code] !== 1) return false;
  }
  return true;
}
