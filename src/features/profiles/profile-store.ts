/**
 * The profiles of a graph's members, with the searched attributes dictionary-encoded into typed
 * columns ({@link AttributeIndex}) so that searches and facets scan integers, not objects.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import type { ByteReader } from '../../encoding/byte-reader.js';
import type { ByteWriter } from '../../encoding/byte-writer.js';
import type { BoundSection, SnapshotReadContext, SnapshotWriteContext } from '../../graph/snapshot-section.js';
import { isWellFormedText } from '../../encoding/text.js';
import { AttributeIndex } from './attribute-index.js';
import { readProfile } from './read-profile.js';

/** Most indexed attributes a graph may declare. */
export const MAX_INDEXED_ATTRIBUTES = 64;

/**
 * The profile options of {@link SocialGraphOptions}, validated.
 * @internal
 */
export interface ProfileOptions {
  readonly indexedAttributes: readonly string[];
  readonly limitedProfileFields: readonly string[] | undefined;
}

/**
 * The profiles of one graph, by member index.
 *
 * @remarks
 * Profiles are stored as deep, deep-frozen copies (one per member that has a profile: the
 * application's data, only what JSON round-trips exactly). Each indexed attribute adds one {@link AttributeIndex} column: 2 bytes per
 * member index (4 past 65,535 distinct values) plus its dictionary. `set`, `get` and `forget`
 * are O(a) for a indexed attributes.
 * @example
 * ```ts
 * const store = new ProfileStore({ indexedAttributes: ["company"], limitedProfileFields: undefined });
 * store.index('company')?.lookup('Acme');
 * ```
 * @internal
 */
export class ProfileStore {
  /** The indexed attributes, in declaration order. */
  readonly attributes: readonly string[];
  /** Fields of a `limited` profile view. */
  readonly limitedFields: readonly string[];
  /** Whether the limited fields were declared (rather than defaulting to the attributes). */
  readonly limitedDeclared: boolean;
  readonly #indexes: AttributeIndex[];
  readonly #byName: Map<string, AttributeIndex> = new Map();
  #profiles: (Readonly<Record<string, unknown>> | undefined)[] = [];
  #count = 0;

  constructor(options: ProfileOptions) {
    this.attributes = Object.freeze([...options.indexedAttributes]);
    this.limitedFields = Object.freeze([...(options.limitedProfileFields ?? options.indexedAttributes)]);
    this.limitedDeclared = options.limitedProfileFields !== undefined;
    this.#indexes = this.attributes.map((name) => new AttributeIndex(name));
    for (const index of this.#indexes) this.#byName.set(index.name, index);
  }

  /** Members with a profile. */
  get count(): number {
    return this.#count;
  }

  /** The column of an indexed attribute, `undefined` when not indexed. */
  index(name: string): AttributeIndex | undefined {
    return this.#byName.get(name);
  }

  /** The columns, in declaration order. */
  get indexes(): readonly AttributeIndex[] {
    return this.#indexes;
  }

  /** Makes room for member indices below `bound` in every column. */
  reserve(bound: number): void {
    for (const index of this.#indexes) index.reserve(bound);
  }

  /** Member `v`'s profile (frozen), if any. */
  get(v: number): Readonly<Record<string, unknown>> | undefined {
    return this.#profiles[v];
  }

  /** The `limited` view of member `v`'s profile: only {@link ProfileStore.limitedFields}. */
  limited(v: number): Readonly<Record<string, unknown>> | undefined {
    const profile = this.#profiles[v];
    if (profile === undefined) return undefined;
    const out: Record<string, unknown> = {};
    for (const field of this.limitedFields) if (Object.hasOwn(profile, field)) Object.defineProperty(out, field, { value: profile[field], enumerable: true, writable: true, configurable: true });
    return Object.freeze(out);
  }

  /**
   * Reads a profile for {@link ProfileStore.set}: a deep, deep-frozen copy of a plain object
   * holding only what a snapshot round-trips exactly (see {@link readProfile}), whose indexed
   * attributes (own fields only) are strings or `null` (or absent). Throws `INVALID_OPTION`
   * naming `method`.
   */
  read(method: string, profile: unknown): Readonly<Record<string, unknown>> {
    const copy = readProfile(method, profile);
    for (const name of this.attributes) {
      const value: unknown = Object.hasOwn(copy, name) ? copy[name] : undefined;
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new SocialGraphError('INVALID_OPTION', `${method}: indexed attribute ${describeValue(name)} must be a string, got ${describeValue(value)}`);
      }
    }
    return copy;
  }

  /** Sets member `v`'s profile (a copy made by {@link ProfileStore.read}). */
  set(v: number, copy: Readonly<Record<string, unknown>>): void {
    if (this.#profiles[v] === undefined) this.#count++;
    while (this.#profiles.length < v) this.#profiles.push(undefined);
    this.#profiles[v] = copy;
    for (const index of this.#indexes) {
      const value = Object.hasOwn(copy, index.name) ? copy[index.name] : undefined;
      index.set(v, typeof value === 'string' ? value : undefined);
    }
  }

  /** Calls `fn` for each member index with a profile, in index order. */
  forEach(fn: (v: number, profile: Readonly<Record<string, unknown>>) => void): void {
    const profiles = this.#profiles;
    for (let v = 0; v < profiles.length; v++) {
      const profile = profiles[v];
      if (profile !== undefined) fn(v, profile);
    }
  }

  /** Forgets member `v`'s profile. Returns whether it had one. */
  forget(v: number): boolean {
    if (this.#profiles[v] === undefined) return false;
    this.#profiles[v] = undefined;
    this.#count--;
    for (const index of this.#indexes) index.set(v, undefined);
    return true;
  }
}

/**
 * Validates the profile options of a graph (`indexedAttributes`, `limitedProfileFields`):
 * arrays of distinct non-empty strings. Throws `INVALID_OPTION` naming `method`.
 *
 * @remarks O(a).
 * @example
 * ```ts
 * readProfileOptions('SocialGraph.constructor', { indexedAttributes: ['company'] });
 * ```
 * @internal
 */
export function readProfileOptions(
  method: string,
  options: { indexedAttributes?: unknown; limitedProfileFields?: unknown } | undefined,
): ProfileOptions | undefined {
  const indexed = options?.indexedAttributes;
  const limited = options?.limitedProfileFields;
  if (indexed === undefined && limited === undefined) return undefined;
  const attributes = readNames(method, 'indexedAttributes', indexed ?? [], MAX_INDEXED_ATTRIBUTES);
  const fields = limited === undefined ? undefined : readNames(method, 'limitedProfileFields', limited, 1024);
  return { indexedAttributes: attributes, limitedProfileFields: fields };
}

function readNames(method: string, option: string, value: unknown, max: number): string[] {
  if (!Array.isArray(value) || value.length > max) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: ${option} must be an array of at most ${max} attribute names, got ${describeValue(value)}`);
  }
  const seen = new Set<string>();
  for (const name of value as unknown[]) {
    if (typeof name !== 'string' || name.length === 0 || !isWellFormedText(name) || seen.has(name)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: ${option} must hold distinct well-formed non-empty strings, got ${describeValue(name)}`);
    }
    seen.add(name);
  }
  return [...seen];
}

const SECTION_VERSION = 1;

/**
 * The `profiles` snapshot section: the declared attributes and limited fields, then each profile
 * as JSON (profiles must be JSON values to survive a snapshot). Required: search answers depend
 * on it.
 *
 * Layout: u8 version · varint a · a strings (indexed attributes) · varint f · f strings (limited
 * fields) · varint p · p × (varint dense member index, ascending · string JSON of the profile).
 *
 * @remarks Write O(n + size of the profiles); read the same, validating every index and profile.
 * @example
 * ```ts
 * profilesSection(profiles).required; // true
 * ```
 * @internal
 */
export function profilesSection(profiles: { store: ProfileStore; readonly configured: boolean }): BoundSection {
  return {
    name: 'profiles',
    required: true,
    write(out: ByteWriter, context: SnapshotWriteContext): boolean {
      const store = profiles.store;
      if (store.count === 0 && store.attributes.length === 0 && !store.limitedDeclared) return false;
      out.u8(SECTION_VERSION);
      out.varint(store.attributes.length);
      for (const name of store.attributes) out.string(name);
      out.varint(store.limitedFields.length);
      for (const name of store.limitedFields) out.string(name);
      out.varint(store.count);
      store.forEach((v, profile) => {
        out.varint(context.denseIndex[v]!);
        out.string(JSON.stringify(profile));
      });
      return true;
    },
    read(input: ByteReader, context: SnapshotReadContext): void {
      if (input.u8() !== SECTION_VERSION) input.fail('unknown profiles section version');
      const names = (max: number): string[] => {
        const count = input.varint();
        if (count > max) input.fail(`${count} names announced`);
        return Array.from({ length: count }, () => input.string());
      };
      const method = 'SocialGraph.fromBytes';
      const indexed = names(MAX_INDEXED_ATTRIBUTES);
      const limited = names(1024);
      // The graph's own options, when given, win over the configuration the snapshot recorded.
      if (!profiles.configured) {
        profiles.store = new ProfileStore(readProfileOptions(method, { indexedAttributes: indexed, limitedProfileFields: limited })!);
      }
      const store: ProfileStore = profiles.store;
      store.reserve(context.memberCount);
      const count = input.varint();
      if (count > context.memberCount) input.fail(`${count} profiles for ${context.memberCount} members`);
      let last = -1;
      for (let i = 0; i < count; i++) {
        const v = input.varint();
        if (v <= last || v >= context.memberCount) input.fail(`profile of member ${v} out of order or range`);
        last = v;
        let profile: unknown;
        try {
          profile = JSON.parse(input.string());
        } catch {
          input.fail(`profile of member ${v} is not JSON`);
        }
        store.set(v, store.read(method, profile));
      }
    },
  };
}
