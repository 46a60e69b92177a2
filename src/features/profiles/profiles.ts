/**
 * Profiles: the profile feature of a graph. It owns the {@link ProfileStore} (the profiles and
 * their indexed columns), its configuration (the graph's `indexedAttributes` and
 * `limitedProfileFields` options) and its snapshot section.
 *
 * @packageDocumentation
 */
import type { GraphCore } from '../../graph/graph-core.js';
import type { BoundSection } from '../../graph/snapshot-section.js';
import { profilesSection, ProfileStore, type ProfileOptions } from './profile-store.js';

/**
 * The profile feature of one graph.
 *
 * @remarks `set` and `remove` are O(a) for a indexed attributes; `get` is O(1).
 * @example
 * ```ts
 * const profiles = new Profiles(core, { indexedAttributes: ['company'], limitedProfileFields: undefined });
 * ```
 * @internal
 */
export class Profiles {
  /** The store (replaced once, by a snapshot's configuration, when the options declared none). */
  store: ProfileStore;
  /** Whether the graph's options configured the profiles (they then win over a snapshot's). */
  readonly configured: boolean;
  /** The snapshot section of this state. */
  readonly section: BoundSection;
  readonly #core: GraphCore;

  constructor(core: GraphCore, options: ProfileOptions | undefined) {
    this.#core = core;
    this.configured = options !== undefined;
    this.store = new ProfileStore(options ?? { indexedAttributes: [], limitedProfileFields: undefined });
    this.section = profilesSection(this);
    core.observe({ memberRemoving: (v) => void this.store.forget(v) });
  }

  set(method: string, id: string, profile: unknown): void {
    const v = this.#core.index(method, id);
    this.store.set(v, this.store.read(method, profile));
  }

  get(method: string, id: string): Readonly<Record<string, unknown>> | undefined {
    return this.store.get(this.#core.index(method, id));
  }

  remove(method: string, id: string): boolean {
    return this.store.forget(this.#core.index(method, id));
  }
}
