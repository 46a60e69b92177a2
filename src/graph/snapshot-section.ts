/**
 * Snapshot sections: the parts of a snapshot after the core sections. Each feature of a graph
 * owns one (the permission policy, labels, profiles, invitations), and an application may add its
 * own through the graph's `snapshotSections` option. The graph is built with its sections, and
 * writes them in that fixed order; nothing registers itself on import.
 *
 * @packageDocumentation
 */
import type { ByteReader } from '../encoding/byte-reader.js';
import type { ByteWriter } from '../encoding/byte-writer.js';

/**
 * What a section writer knows of the snapshot being written.
 * @public
 */
export interface SnapshotWriteContext {
  /** Members written (live members, renumbered densely `0..memberCount-1` in index order). */
  readonly memberCount: number;
  /**
   * Dense snapshot index of each internal member index (`-1` for the holes left by removed
   * members): feature state keyed by member index is written through it.
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
  readonly memberCount: number;
  /** Minor version of the format of the file (the major is always the reader's own). */
  readonly minorVersion: number;
}

/**
 * A named section of a snapshot, bound to the state it writes and reads.
 *
 * @remarks
 * `write` appends the state to `out` and returns `true`, or returns `false` when the state is
 * empty (the section is then left out: a fresh graph's snapshot holds the core sections only).
 * `read` restores it from `input` (exactly the bytes written), validating everything: out-of-range
 * indices or values must throw through `input.fail(...)` (code `SNAPSHOT_CORRUPT`); any other
 * error it throws is reported as `SNAPSHOT_CORRUPT` too. Bytes left unread are corruption.
 *
 * `required`: a reader that does not know a required section refuses the file with
 * `SNAPSHOT_VERSION`; an unknown optional section is skipped. A section is required when
 * loading a graph without it would change answers (a policy); optional when it only adds
 * information.
 * @internal
 */
export interface BoundSection {
  /** 1 to 64 characters of `[a-z0-9._-]`, unique; `meta`, `ids`, `adjacency` and `times` are the core's. */
  readonly name: string;
  readonly required: boolean;
  write(out: ByteWriter, context: SnapshotWriteContext): boolean;
  read(input: ByteReader, context: SnapshotReadContext): void;
}

/** Names of the core sections, always first, in this order. @internal */
export const CORE_SECTIONS: readonly string[] = ['meta', 'ids', 'adjacency'];
/** The core section of connection times: right after the core sections, present when recorded. @internal */
export const TIMES_SECTION = 'times';
/** Names of the features' sections, in the order they are written (after the core's). @internal */
export const FEATURE_SECTIONS: readonly string[] = ['policy', 'quotas', 'labels', 'profiles', 'invitations'];

/** Whether `name` is a well-formed section name that no core or feature section uses. @internal */
export function isFreeSectionName(name: unknown): name is string {
  return typeof name === 'string' && /^[a-z0-9._-]{1,64}$/.test(name) && !CORE_SECTIONS.includes(name) && name !== TIMES_SECTION && !FEATURE_SECTIONS.includes(name);
}
