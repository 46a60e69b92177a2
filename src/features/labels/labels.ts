/**
 * Labels: the labels feature of a graph (tags, lists, favorites, hidden members). It owns the
 * {@link LabelStore} and its snapshot section; argument checks run before any change. Labels
 * between a blocked pair are refused, and vanish when either blocks the other or is removed.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import type { GraphCore } from '../../graph/graph-core.js';
import type { BoundSection } from '../../graph/snapshot-section.js';
import type { Permissions } from '../policy/permissions.js';
import { checkLabelName, labelsSection, LabelStore } from './label-store.js';

/**
 * The kinds of per-member marks.
 * @internal
 */
export type MarkKind = 'favorite' | 'hidden';

/**
 * The labels feature of one graph.
 *
 * @remarks Every method is O(1) or O(size of what it returns), as documented on `SocialGraph`.
 * @example
 * ```ts
 * const labels = new Labels(core, permissions);
 * labels.tag('ada', 'bob', 'recruiter');
 * ```
 * @internal
 */
export class Labels {
  readonly store: LabelStore = new LabelStore();
  /** The snapshot section of this state. */
  readonly section: BoundSection;
  readonly #core: GraphCore;
  readonly #permissions: Permissions;

  constructor(core: GraphCore, permissions: Permissions) {
    this.#core = core;
    this.#permissions = permissions;
    this.section = labelsSection(this.store);
    core.observe({ memberRemoving: (v) => this.store.forget(v) });
    permissions.observeBlocks((a, b) => this.store.forgetPair(a, b));
  }

  /** Indices of a viewer and a target, checked: both members, not the same one. */
  #pair(method: string, viewer: string, target: string): [number, number] {
    const u = this.#core.index(method, viewer);
    const v = this.#core.index(method, target);
    if (u === v) throw new SocialGraphError('INVALID_OPTION', `${method}: member ${describeValue(viewer)} cannot label itself`);
    return [u, v];
  }

  /** Whether the two are blocked (labels between them are refused: they would vanish at once). */
  #blocked(u: number, v: number): boolean {
    return this.#permissions.state.blockedPair(u, v);
  }

  #idsOf(list: number[]): string[] {
    return list.map((x) => this.#core.ids.idOf(x));
  }

  tag(viewer: string, target: string, tag: string): boolean {
    const method = 'SocialGraph.tag';
    const [u, v] = this.#pair(method, viewer, target);
    checkLabelName(method, 'tag', tag);
    if (this.#blocked(u, v)) return false;
    return this.store.tag(u, v, tag);
  }

  untag(viewer: string, target: string, tag: string): boolean {
    const method = 'SocialGraph.untag';
    const [u, v] = this.#pair(method, viewer, target);
    checkLabelName(method, 'tag', tag);
    return this.store.untag(u, v, tag);
  }

  tagged(viewer: string, tag: string): string[] {
    const method = 'SocialGraph.tagged';
    const u = this.#core.index(method, viewer);
    checkLabelName(method, 'tag', tag);
    return this.#idsOf(this.store.tagged(u, tag));
  }

  tagsOf(viewer: string, target: string): string[] {
    const [u, v] = this.#pair('SocialGraph.tagsOf', viewer, target);
    return this.store.tagsOf(u, v);
  }

  createList(viewer: string, name: string): void {
    const method = 'SocialGraph.createList';
    const u = this.#core.index(method, viewer);
    checkLabelName(method, 'list name', name);
    if (this.store.hasList(u, name)) {
      throw new SocialGraphError('DUPLICATE_LIST', `${method}: member ${describeValue(viewer)} already has a list ${describeValue(name)}`);
    }
    this.store.createList(u, name);
  }

  #existingList(method: string, viewer: string, u: number, name: unknown): string {
    checkLabelName(method, 'list name', name);
    if (!this.store.hasList(u, name)) {
      throw new SocialGraphError('LIST_NOT_FOUND', `${method}: member ${describeValue(viewer)} has no list ${describeValue(name)}`);
    }
    return name;
  }

  renameList(viewer: string, from: string, to: string): void {
    const method = 'SocialGraph.renameList';
    const u = this.#core.index(method, viewer);
    this.#existingList(method, viewer, u, from);
    checkLabelName(method, 'list name', to);
    if (from === to) return;
    if (this.store.hasList(u, to)) {
      throw new SocialGraphError('DUPLICATE_LIST', `${method}: member ${describeValue(viewer)} already has a list ${describeValue(to)}`);
    }
    this.store.renameList(u, from, to);
  }

  deleteList(viewer: string, name: string): void {
    const method = 'SocialGraph.deleteList';
    const u = this.#core.index(method, viewer);
    this.#existingList(method, viewer, u, name);
    this.store.deleteList(u, name);
  }

  changeList(viewer: string, name: string, target: string, add: boolean): boolean {
    const method = add ? 'SocialGraph.addToList' : 'SocialGraph.removeFromList';
    const [u, v] = this.#pair(method, viewer, target);
    this.#existingList(method, viewer, u, name);
    if (!add) return this.store.removeFromList(u, name, v);
    if (this.#blocked(u, v)) return false;
    return this.store.addToList(u, name, v);
  }

  list(viewer: string, name: string): string[] {
    const method = 'SocialGraph.list';
    const u = this.#core.index(method, viewer);
    this.#existingList(method, viewer, u, name);
    return this.#idsOf(this.store.listMembers(u, name));
  }

  lists(viewer: string): string[] {
    const u = this.#core.index('SocialGraph.lists', viewer);
    return this.store.listNames(u);
  }

  mark(kind: MarkKind, viewer: string, target: string, on: boolean): boolean {
    const method = `SocialGraph.${kind === 'favorite' ? (on ? 'favorite' : 'unfavorite') : on ? 'hide' : 'unhide'}`;
    const [u, v] = this.#pair(method, viewer, target);
    if (!on) return this.store.unmark(u, v, kind === 'hidden');
    if (this.#blocked(u, v)) return false;
    return this.store.mark(u, v, kind === 'hidden');
  }

  marked(kind: MarkKind, viewer: string): string[] {
    const u = this.#core.index(kind === 'favorite' ? 'SocialGraph.favorites' : 'SocialGraph.hiddenMembers', viewer);
    return this.#idsOf(this.store.marked(u, kind === 'hidden'));
  }

  /**
   * Whether member index `index` is hidden by `viewer` (what search and suggestions use to leave
   * hidden members out). O(1) to build and to call; a constant `false` function when the viewer
   * hides nobody.
   */
  hiddenBy(viewer: number): (index: number) => boolean {
    return this.store.hiddenBy(viewer);
  }

  /**
   * What no sequence of calls can produce, checked after a snapshot was read: a label between a
   * blocked pair (labels vanish when either blocks the other). Returns the first problem found, or
   * `null`. O(labels).
   */
  invariantProblem(): string | null {
    const state = this.#permissions.state;
    if (state.blockCount === 0) return null;
    let problem: string | null = null;
    this.store.forEachViewer((viewer, labels) => {
      if (problem !== null || !state.hasBlocks(viewer)) return;
      const sets = [...labels.tags.values(), ...labels.lists.values(), labels.favorites, labels.hidden];
      for (const set of sets) for (const x of set) if (problem === null && state.blockedPair(viewer, x)) problem = `a label of member ${viewer} on ${x}, who are blocked`;
    });
    return problem;
  }

  /** Calls `fn` for each member index hidden by `viewer`. O(h). */
  forEachHidden(viewer: number, fn: (index: number) => void): void {
    this.store.forEachHidden(viewer, fn);
  }
}
