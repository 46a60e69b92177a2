/**
 * The registry of feature sections of snapshots: each feature that keeps state on a graph
 * (the permission policy, invitations, profiles, ...) registers a named section with a write and a
 * read function, and snapshots carry it after the core sections.
 *
 * This module imports nothing at run time, so a feature module may register itself at its top
 * level without an import cycle.
 *
 * @packageDocumentation
 */
import type { GraphInternals } from '../social-graph.js';
import type { ByteReader } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';

/**
 * What a section writer knows of the snapshot being written.
 * @public
 */
export interface SnapshotWriteContext {
  /** Members written (live members, renumbered densely `0..members-1` in index order). */
  readonly members: number;
  /**
   * Dense snapshot index of each internal member index (`-1` for the holes left by removed
   * members): feature state keyed by member index must be written through it.
   */
  readonly denseIndex: Int32Array;
}

/**
 * What a section reader knows of the snapshot being read. The graph it reads into already holds
 * every member (internal index = dense snapshot index) and every connection.
 * @public
 */
export interface SnapshotReadContext {
  /** Number of members. */
  readonly members: number;
  /** Minor version of the format of the file (the major is always the reader's own). */
  readonly minorVersion: number;
  /** The options given to `SocialGraph.fromBytes` (what a snapshot cannot hold, such as code). */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * A named section of a snapshot, registered by a feature with {@link registerSnapshotSection}.
 *
 * @remarks
 * `write` appends the feature's state to `out` and returns `true`, or returns `false` when the
 * graph holds no such state (the section is then left out). `read` restores it from `input`
 * (exactly the bytes written), validating everything: out-of-range indices or values must throw
 * through `input.fail(...)` (code `SNAPSHOT_CORRUPT`); any other error it throws is reported as
 * `SNAPSHOT_CORRUPT` too. Bytes left unread are corruption.
 *
 * `required`: a reader that does not know a required section refuses the file with
 * `SNAPSHOT_VERSION`; an unknown optional section is skipped. Mark a section required when
 * loading a graph without it would change answers (a policy); optional when it only adds
 * information (a cache).
 * @example
 * ```ts
 * registerSnapshotSection({
 *   name: 'policy',
 *   required: true,
 *   write(graph, out, context) { ... return true; },
 *   read(graph, input, context) { ... },
 * });
 * ```
 * @public
 */
export interface SnapshotSection {
  /** 1 to 64 characters of `[a-z0-9._-]`, unique; `meta`, `ids`, `adjacency` and `times` are the core's. */
  readonly name: string;
  /** Whether readers that do not know this section must refuse the file. */
  readonly required: boolean;
  write(graph: GraphInternals, out: ByteWriter, context: SnapshotWriteContext): boolean;
  read(graph: GraphInternals, input: ByteReader, context: SnapshotReadContext): void;
}

/** Names of the core sections, always first, in this order. @internal */
export const CORE_SECTIONS: readonly string[] = ['meta', 'ids', 'adjacency'];
/** The core section of connection times: right after the core sections, present when recorded. @internal */
export const TIMES_SECTION = 'times';
/** Names of the sections built into the snapshot module (after `times`, before registered ones). @internal */
export const BUILTIN_SECTIONS: readonly string[] = ['policy'];

const registry = new Map<string, SnapshotSection>();

/**
 * Registers a feature's snapshot section. Call it once, at the top level of the feature module
 * (importing this module has no other effect). Sections are written in registration order, after
 * the core sections.
 *
 * Registration point for the features of this package: invitations register `invitations`;
 * profiles and labels will register theirs the same way. (The permission policy's `policy`
 * section is built into the snapshot module.)
 *
 * @remarks O(1).
 * @throws Error if the name is malformed, a core name, or already registered.
 * @example
 * ```ts
 * registerSnapshotSection({ name: 'invitations', required: true, write, read });
 * ```
 * @public
 */
export function registerSnapshotSection(section: SnapshotSection): void {
  const { name } = section;
  if (typeof name !== 'string' || !/^[a-z0-9._-]{1,64}$/.test(name)) {
    throw new Error(`registerSnapshotSection: name must be 1 to 64 characters of [a-z0-9._-], got ${JSON.stringify(name)}`);
  }
  if (CORE_SECTIONS.includes(name) || name === TIMES_SECTION || BUILTIN_SECTIONS.includes(name) || registry.has(name)) {
    throw new Error(`registerSnapshotSection: section ${JSON.stringify(name)} is already registered`);
  }
  if (typeof section.write !== 'function' || typeof section.read !== 'function' || typeof section.required !== 'boolean') {
    throw new Error(`registerSnapshotSection: section ${JSON.stringify(name)} needs write and read functions and a boolean required`);
  }
  registry.set(name, section);
}

/**
 * Removes a registered section (for tests). Returns whether it was registered.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * unregisterSnapshotSection('test-section');
 * ```
 * @internal
 */
export function unregisterSnapshotSection(name: string): boolean {
  return registry.delete(name);
}

/**
 * The registered feature sections, in registration order.
 *
 * @remarks O(sections).
 * @example
 * ```ts
 * snapshotSections().map((s) => s.name).sort(); // ['invitations', 'labels', 'profiles']: policy is built in
 * ```
 * @public
 */
export function snapshotSections(): SnapshotSection[] {
  return [...registry.values()];
}

/**
 * The registered section called `name`, if any.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * snapshotSection('invitations')?.required; // true
 * ```
 * @public
 */
export function snapshotSection(name: string): SnapshotSection | undefined {
  return registry.get(name);
}
