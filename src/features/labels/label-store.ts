/**
 * Labels each member keeps on other members: free tags, named lists, favorites and hidden
 * members. Everything is keyed by dense member index; labels on a member vanish when the member
 * is removed or when either member blocks the other.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import type { ByteReader } from '../../encoding/byte-reader.js';
import type { ByteWriter } from '../../encoding/byte-writer.js';
import type { BoundSection, SnapshotReadContext, SnapshotWriteContext } from '../../graph/snapshot-section.js';
import { isWellFormedText } from '../../encoding/text.js';


/** Longest tag or list name, in UTF-16 code units. */
export const MAX_LABEL_NAME = 200;

/** The labels of one viewer. */
interface ViewerLabels {
  /** Tag name → tagged members, in tagging order. */
  readonly tags: Map<string, Set<number>>;
  /** List name → members, in insertion order (lists exist even when empty). */
  readonly lists: Map<string, Set<number>>;
  readonly favorites: Set<number>;
  readonly hidden: Set<number>;
}

const NEVER = (): boolean => false;

/**
 * Tags, lists, favorites and hidden members of every viewer of a graph.
 *
 * @remarks
 * Per viewer: a `Map` of tag name to a `Set` of member indices, the same for lists, and two
 * `Set`s. A reverse index (member → viewers that may hold a label on it, a superset) makes
 * {@link LabelStore.forget} and {@link LabelStore.forgetPair} cost O(labels involved) rather
 * than a scan of every viewer. Adding or removing one label is O(1).
 * @example
 * ```ts
 * const labels = new LabelStore();
 * labels.tag(0, 1, 'recruiter');
 * labels.tagged(0, 'recruiter'); // [1]
 * ```
 * @internal
 */
export class LabelStore {
  readonly #viewers: Map<number, ViewerLabels> = new Map();
  /** Member → viewers that may hold a label on it (a superset: entries are pruned lazily). */
  readonly #labeledBy: Map<number, Set<number>> = new Map();

  /** Number of viewers holding labels (or lists). */
  get viewerCount(): number {
    return this.#viewers.size;
  }

  #of(viewer: number): ViewerLabels {
    let labels = this.#viewers.get(viewer);
    if (labels === undefined) {
      labels = { tags: new Map(), lists: new Map(), favorites: new Set(), hidden: new Set() };
      this.#viewers.set(viewer, labels);
    }
    return labels;
  }

  #note(viewer: number, target: number): void {
    let by = this.#labeledBy.get(target);
    if (by === undefined) this.#labeledBy.set(target, (by = new Set()));
    by.add(viewer);
  }

  // ------------------------------------------------------------ tags

  /** Tags `target` with `tag` for `viewer`. Returns false if it already was. */
  tag(viewer: number, target: number, tag: string): boolean {
    const tags = this.#of(viewer).tags;
    let set = tags.get(tag);
    if (set === undefined) tags.set(tag, (set = new Set()));
    if (set.has(target)) return false;
    set.add(target);
    this.#note(viewer, target);
    return true;
  }

  /** Removes a tag. Returns whether it was there. */
  untag(viewer: number, target: number, tag: string): boolean {
    const tags = this.#viewers.get(viewer)?.tags;
    const set = tags?.get(tag);
    if (set === undefined || !set.delete(target)) return false;
    if (set.size === 0) tags!.delete(tag);
    return true;
  }

  /** Members `viewer` tagged with `tag`, in tagging order. */
  tagged(viewer: number, tag: string): number[] {
    return [...(this.#viewers.get(viewer)?.tags.get(tag) ?? [])];
  }

  /** Tags `viewer` put on `target`, sorted. */
  tagsOf(viewer: number, target: number): string[] {
    const out: string[] = [];
    const tags = this.#viewers.get(viewer)?.tags;
    if (tags !== undefined) for (const [name, set] of tags) if (set.has(target)) out.push(name);
    return out.sort();
  }

  /** Every tag `viewer` uses, sorted. */
  tagNames(viewer: number): string[] {
    return [...(this.#viewers.get(viewer)?.tags.keys() ?? [])].sort();
  }

  // ------------------------------------------------------------ lists

  /** Whether `viewer` has a list called `name`. */
  hasList(viewer: number, name: string): boolean {
    return this.#viewers.get(viewer)?.lists.has(name) === true;
  }

  /** Creates an empty list (the caller checked it is new). */
  createList(viewer: number, name: string): void {
    this.#of(viewer).lists.set(name, new Set());
  }

  /** Renames a list, keeping its place among the viewer's lists (the caller checked both names). */
  renameList(viewer: number, from: string, to: string): void {
    const lists = this.#of(viewer).lists;
    const entries = [...lists];
    lists.clear();
    for (const [name, set] of entries) lists.set(name === from ? to : name, set);
  }

  /** Deletes a list. Returns whether it existed. */
  deleteList(viewer: number, name: string): boolean {
    return this.#viewers.get(viewer)?.lists.delete(name) === true;
  }

  /** Adds `target` to an existing list. Returns false if it was in it. */
  addToList(viewer: number, name: string, target: number): boolean {
    const set = this.#of(viewer).lists.get(name)!;
    if (set.has(target)) return false;
    set.add(target);
    this.#note(viewer, target);
    return true;
  }

  /** Removes `target` from an existing list. Returns whether it was in it. */
  removeFromList(viewer: number, name: string, target: number): boolean {
    return this.#viewers.get(viewer)?.lists.get(name)?.delete(target) === true;
  }

  /** Members of an existing list, in insertion order. */
  listMembers(viewer: number, name: string): number[] {
    return [...(this.#viewers.get(viewer)?.lists.get(name) ?? [])];
  }

  /** Names of `viewer`'s lists, in creation order. */
  listNames(viewer: number): string[] {
    return [...(this.#viewers.get(viewer)?.lists.keys() ?? [])];
  }

  // ------------------------------------------------------------ favorites and hidden

  /** Marks `target` as a favorite (`hidden` false) or hidden (`true`) of `viewer`. Returns false if it was. */
  mark(viewer: number, target: number, hidden: boolean): boolean {
    const labels = this.#of(viewer);
    const set = hidden ? labels.hidden : labels.favorites;
    if (set.has(target)) return false;
    set.add(target);
    this.#note(viewer, target);
    return true;
  }

  /** Removes a favorite or hidden mark. Returns whether it was there. */
  unmark(viewer: number, target: number, hidden: boolean): boolean {
    const labels = this.#viewers.get(viewer);
    if (labels === undefined) return false;
    return (hidden ? labels.hidden : labels.favorites).delete(target);
  }

  /** Favorites (`hidden` false) or hidden members of `viewer`, in marking order. */
  marked(viewer: number, hidden: boolean): number[] {
    const labels = this.#viewers.get(viewer);
    if (labels === undefined) return [];
    return [...(hidden ? labels.hidden : labels.favorites)];
  }

  /** Whether `viewer` hid `target`. O(1). */
  isHidden(viewer: number, target: number): boolean {
    return this.#viewers.get(viewer)?.hidden.has(target) === true;
  }

  /** A test of "hidden by `viewer`" (a constant `false` when the viewer hides nobody). */
  hiddenBy(viewer: number): (index: number) => boolean {
    const hidden = this.#viewers.get(viewer)?.hidden;
    if (hidden === undefined || hidden.size === 0) return NEVER;
    return (index) => hidden.has(index);
  }

  /** Calls `fn` for each member hidden by `viewer`. */
  forEachHidden(viewer: number, fn: (index: number) => void): void {
    this.#viewers.get(viewer)?.hidden.forEach((x) => fn(x));
  }

  /** Number of members hidden by `viewer`. */
  hiddenCount(viewer: number): number {
    return this.#viewers.get(viewer)?.hidden.size ?? 0;
  }

  /** Calls `fn` for each viewer with labels, in no particular order (for snapshots). */
  forEachViewer(fn: (viewer: number, labels: Readonly<ViewerLabels>) => void): void {
    this.#viewers.forEach((labels, viewer) => fn(viewer, labels));
  }

  // ------------------------------------------------------------ vanishing

  /** Removes every label `viewer` holds on `target`. */
  #drop(viewer: number, target: number): void {
    const labels = this.#viewers.get(viewer);
    if (labels === undefined) return;
    for (const [name, set] of labels.tags) if (set.delete(target) && set.size === 0) labels.tags.delete(name);
    for (const set of labels.lists.values()) set.delete(target);
    labels.favorites.delete(target);
    labels.hidden.delete(target);
  }

  /** Labels between `a` and `b` vanish, both ways (a block). O(tags + lists of both). */
  forgetPair(a: number, b: number): void {
    this.#drop(a, b);
    this.#drop(b, a);
  }

  /** Member `v` is removed: its own labels and every label on it vanish (its index is reused). */
  forget(v: number): void {
    const own = this.#viewers.get(v);
    if (own !== undefined) {
      this.#viewers.delete(v);
      const targets = new Set<number>();
      for (const set of own.tags.values()) for (const t of set) targets.add(t);
      for (const set of own.lists.values()) for (const t of set) targets.add(t);
      for (const t of own.favorites) targets.add(t);
      for (const t of own.hidden) targets.add(t);
      for (const t of targets) this.#labeledBy.get(t)?.delete(v);
    }
    const by = this.#labeledBy.get(v);
    if (by !== undefined) {
      this.#labeledBy.delete(v);
      for (const viewer of by) this.#drop(viewer, v);
    }
  }
}

/**
 * Validates a tag or list name: a non-empty string of at most {@link MAX_LABEL_NAME} code units.
 * Throws `INVALID_OPTION` naming `method`.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * checkLabelName('SocialGraph.tag', 'tag', 'recruiter');
 * ```
 * @internal
 */
export function checkLabelName(method: string, what: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_LABEL_NAME || !isWellFormedText(name)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: ${what} must be a well-formed (no lone surrogate) non-empty string of at most ${MAX_LABEL_NAME} characters, got ${describeValue(name)}`);
  }
}

const SECTION_VERSION = 1;

/**
 * The `labels` snapshot section: every viewer's tags, lists, favorites and hidden members.
 * Required: hidden members change search answers.
 *
 * Layout: u8 version · varint viewers · per viewer (ascending dense index): varint viewer ·
 * varint tags · per tag (string name · member list) · varint lists · per list (string name ·
 * member list) · member list (favorites) · member list (hidden); a member list is a varint count
 * then that many varint dense indices, in insertion order.
 *
 * @remarks O(labels) both ways; reading validates every index (in range, not the viewer itself,
 * no repeat) and every name.
 * @example
 * ```ts
 * labelsSection(new LabelStore()).required; // true
 * ```
 * @internal
 */
export function labelsSection(store: LabelStore): BoundSection {
  return {
  name: 'labels',
  required: true,
  write(out: ByteWriter, context: SnapshotWriteContext): boolean {
    const rows: [number, Readonly<ViewerLabels>][] = [];
    store.forEachViewer((viewer, labels) => {
      if (labels.tags.size + labels.lists.size + labels.favorites.size + labels.hidden.size > 0) rows.push([context.denseIndex[viewer]!, labels]);
    });
    if (rows.length === 0) return false;
    rows.sort((a, b) => a[0] - b[0]);
    const list = (members: Iterable<number>, size: number): void => {
      out.varint(size);
      for (const x of members) out.varint(context.denseIndex[x]!);
    };
    out.u8(SECTION_VERSION);
    out.varint(rows.length);
    for (const [viewer, labels] of rows) {
      out.varint(viewer);
      out.varint(labels.tags.size);
      for (const [name, members] of labels.tags) (out.string(name), list(members, members.size));
      out.varint(labels.lists.size);
      for (const [name, members] of labels.lists) (out.string(name), list(members, members.size));
      list(labels.favorites, labels.favorites.size);
      list(labels.hidden, labels.hidden.size);
    }
    return true;
  },
  read(input: ByteReader, context: SnapshotReadContext): void {
    if (input.u8() !== SECTION_VERSION) input.fail('unknown labels section version');
    const n = context.memberCount;
    const name = (): string => {
      const value = input.string();
      if (value.length === 0 || value.length > MAX_LABEL_NAME) input.fail('bad tag or list name');
      return value;
    };
    const members = (viewer: number, add: (x: number) => boolean): void => {
      const count = input.varint();
      if (count > n) input.fail(`${count} members announced`);
      for (let i = 0; i < count; i++) {
        const x = input.varint();
        if (x >= n || x === viewer) input.fail(`label of member ${viewer} on ${x} out of range`);
        if (!add(x)) input.fail(`label of member ${viewer} on ${x} repeated`);
      }
    };
    const viewers = input.varint();
    if (viewers > n) input.fail(`${viewers} viewers announced`);
    let last = -1;
    for (let k = 0; k < viewers; k++) {
      const viewer = input.varint();
      if (viewer <= last || viewer >= n) input.fail(`viewer ${viewer} out of order or range`);
      last = viewer;
      const tags = input.varint();
      for (let t = 0; t < tags; t++) {
        const tag = name();
        if (store.tagged(viewer, tag).length > 0) input.fail(`tag ${JSON.stringify(tag)} repeated`);
        members(viewer, (x) => store.tag(viewer, x, tag));
      }
      const lists = input.varint();
      for (let l = 0; l < lists; l++) {
        const list = name();
        if (store.hasList(viewer, list)) input.fail(`list ${JSON.stringify(list)} repeated`);
        store.createList(viewer, list);
        members(viewer, (x) => store.addToList(viewer, list, x));
      }
      members(viewer, (x) => store.mark(viewer, x, false));
      members(viewer, (x) => store.mark(viewer, x, true));
    }
  },
  };
}
