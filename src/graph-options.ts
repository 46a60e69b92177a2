/**
 * The one options pipeline: every way to get a graph (the constructor, the bulk loads,
 * `fromBytes`, the edge-list imports, `load`, `fromGraphology`) reads its graph options here, once,
 * into a frozen {@link ResolvedGraphOptions}, and the graph is built from that.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from './errors.js';
import { checkOptionsObject } from './graph/checks.js';
import { readCoreOptions } from './graph/core-options.js';
import { DEFAULT_MAX_CONNECTIONS } from './graph/graph-core.js';
import { isFreeSectionName } from './graph/snapshot-section.js';
import { DEFAULT_VIEWER_CACHE_SIZE, MAX_VIEWER_CACHE_SIZE } from './features/cache/viewer-cache.js';
import type { Policy } from './features/policy/policy.js';
import { resolvePolicy } from './features/policy/permissions.js';
import { readProfileOptions, type ProfileOptions } from './features/profiles/profile-store.js';
import type { SocialGraphEvent } from './features/events.js';

/**
 * An application's snapshot section as the pipeline keeps it (the public type is
 * `SnapshotSection`, in social-graph.ts).
 * @internal
 */
export interface AppSection {
  readonly name: string;
  readonly required: boolean;
  readonly write: (...args: never[]) => unknown;
  readonly read: (...args: never[]) => unknown;
}

/**
 * A graph's options, validated and copied (later changes to the caller's object do nothing).
 * `undefined` where the option was left out and a snapshot may decide.
 * @internal
 */
export interface ResolvedGraphOptions {
  readonly cap: number | undefined;
  readonly clock: () => number;
  readonly connectionTimes: boolean | undefined;
  readonly profiles: ProfileOptions | undefined;
  readonly viewerCache: number;
  readonly policy: Policy | undefined;
  readonly sections: readonly AppSection[];
  readonly onListenerError: ((error: unknown, event: SocialGraphEvent) => void) | undefined;
}

const KNOWN = new Set([
  'maxConnectionsPerMember',
  'clock',
  'connectionTimes',
  'indexedAttributes',
  'limitedProfileFields',
  'viewerCache',
  'policy',
  'snapshotSections',
  'onListenerError',
]);

/**
 * Reads and validates graph options (throws `INVALID_OPTION` naming `method` and the value).
 * `extra` lists the other options the caller accepts (a bulk load's `parallel`, an import's
 * `header`); any other key is an error, so a misspelt option never passes silently.
 *
 * @remarks O(attributes + sections). Each option is read once.
 * @example
 * ```ts
 * readGraphOptions('SocialGraph.constructor', { maxConnectionsPerMember: 500 }).cap; // 500
 * ```
 * @internal
 */
export function readGraphOptions(method: string, options: unknown, extra: readonly string[] = []): ResolvedGraphOptions {
  checkOptionsObject(method, options);
  const o = (options ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key) && !extra.includes(key)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: unknown option ${describeValue(key)}`);
    }
  }
  const core = readCoreOptions(method, o);
  const profiles = readProfileOptions(method, { indexedAttributes: o['indexedAttributes'], limitedProfileFields: o['limitedProfileFields'] });
  const cache = o['viewerCache'];
  if (cache !== undefined && (!Number.isInteger(cache) || (cache as number) < 0 || (cache as number) > MAX_VIEWER_CACHE_SIZE)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: viewerCache must be an integer from 0 to ${MAX_VIEWER_CACHE_SIZE}, got ${describeValue(cache)}`);
  }
  const policy = readPolicy(method, o['policy']);
  const sections = readSections(method, o['snapshotSections']);
  const onListenerError = o['onListenerError'];
  if (onListenerError !== undefined && typeof onListenerError !== 'function') {
    throw new SocialGraphError('INVALID_OPTION', `${method}: onListenerError must be a function, got ${describeValue(onListenerError)}`);
  }
  return Object.freeze({
    cap: core.cap,
    clock: core.clock ?? Date.now,
    connectionTimes: core.connectionTimes,
    profiles,
    viewerCache: (cache as number | undefined) ?? DEFAULT_VIEWER_CACHE_SIZE,
    policy,
    sections,
    onListenerError: onListenerError as ResolvedGraphOptions['onListenerError'],
  });
}

/** The cap a new graph gets: the option's, or LinkedIn's. @internal */
export function capOf(options: ResolvedGraphOptions): number {
  return options.cap ?? DEFAULT_MAX_CONNECTIONS;
}

/**
 * A policy option resolved to a frozen {@link Policy} (presets by name), or `INVALID_OPTION`.
 *
 * @remarks O(actions).
 * @example
 * ```ts
 * readPolicy('SocialGraph.constructor', 'strict')?.name; // 'strict'
 * ```
 * @internal
 */
export function readPolicy(method: string, value: unknown): Policy | undefined {
  return value === undefined ? undefined : resolvePolicy(method, value);
}

function readSections(method: string, value: unknown): readonly AppSection[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 64) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: snapshotSections must be an array of at most 64 sections, got ${describeValue(value)}`);
  }
  const names = new Set<string>();
  const out: AppSection[] = [];
  for (const section of value as unknown[]) {
    const s = section as Partial<AppSection> | null;
    if (s === null || typeof s !== 'object' || !isFreeSectionName(s.name) || names.has(s.name) || typeof s.write !== 'function' || typeof s.read !== 'function' || typeof s.required !== 'boolean') {
      throw new SocialGraphError(
        'INVALID_OPTION',
        `${method}: each of snapshotSections must be { name, required, write, read } with a unique name of 1 to 64 [a-z0-9._-] that no built-in section uses, got ${describeValue(section)}`,
      );
    }
    names.add(s.name);
    out.push(Object.freeze({ name: s.name, required: s.required, write: s.write, read: s.read }));
  }
  return Object.freeze(out);
}
