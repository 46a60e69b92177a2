/**
 * The label methods of {@link SocialGraph} (tags, lists, favorites, hidden members): argument
 * checks and the calls into the {@link LabelStore}. Every check runs before any change.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';
import { existingPolicyState } from '../policy/member-policy-state.js';
import type { GraphInternals } from '../../social-graph.js';
import { checkLabelName, existingLabelStore, labelStore } from './label-store.js';

/**
 * The kinds of per-member marks.
 * @internal
 */
export type MarkKind = 'favorite' | 'hidden';

/** Indices of a viewer and a target, checked: both members, not the same one. */
function pair(internals: GraphInternals, method: string, viewer: string, target: string): [number, number] {
  const u = internals.index(method, viewer);
  const v = internals.index(method, target);
  if (u === v) throw new SocialGraphError('INVALID_OPTION', `${method}: member ${describeValue(viewer)} cannot label itself`);
  return [u, v];
}

/** Whether the two are blocked (labels between them are refused: they would vanish at once). */
function blocked(internals: GraphInternals, u: number, v: number): boolean {
  return existingPolicyState(internals)?.blockedPair(u, v) ?? false;
}

function idsOf(internals: GraphInternals, list: number[]): string[] {
  return list.map((x) => internals.ids.idOf(x));
}

/**
 * `SocialGraph.tag`: returns whether the tag was added (false when already there, or when the
 * two members are blocked).
 *
 * @remarks O(1).
 * @example
 * ```ts
 * tagMember(internals, 'ada', 'bob', 'recruiter');
 * ```
 * @internal
 */
export function tagMember(internals: GraphInternals, viewer: string, target: string, tag: string): boolean {
  const method = 'SocialGraph.tag';
  const [u, v] = pair(internals, method, viewer, target);
  checkLabelName(method, 'tag', tag);
  if (blocked(internals, u, v)) return false;
  return labelStore(internals).tag(u, v, tag);
}

/**
 * `SocialGraph.untag`: returns whether the tag was there.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * untagMember(internals, 'ada', 'bob', 'recruiter');
 * ```
 * @internal
 */
export function untagMember(internals: GraphInternals, viewer: string, target: string, tag: string): boolean {
  const method = 'SocialGraph.untag';
  const [u, v] = pair(internals, method, viewer, target);
  checkLabelName(method, 'tag', tag);
  return existingLabelStore(internals)?.untag(u, v, tag) ?? false;
}

/**
 * `SocialGraph.tagged`: members `viewer` tagged with `tag`, in tagging order.
 *
 * @remarks O(k) for k members.
 * @example
 * ```ts
 * taggedMembers(internals, 'ada', 'recruiter'); // ['bob']
 * ```
 * @internal
 */
export function taggedMembers(internals: GraphInternals, viewer: string, tag: string): string[] {
  const method = 'SocialGraph.tagged';
  const u = internals.index(method, viewer);
  checkLabelName(method, 'tag', tag);
  return idsOf(internals, existingLabelStore(internals)?.tagged(u, tag) ?? []);
}

/**
 * `SocialGraph.tagsOf`: the tags `viewer` put on `target`, sorted.
 *
 * @remarks O(t log t) for the viewer's t tags.
 * @example
 * ```ts
 * tagsOfMember(internals, 'ada', 'bob'); // ['recruiter']
 * ```
 * @internal
 */
export function tagsOfMember(internals: GraphInternals, viewer: string, target: string): string[] {
  const [u, v] = pair(internals, 'SocialGraph.tagsOf', viewer, target);
  return existingLabelStore(internals)?.tagsOf(u, v) ?? [];
}

/**
 * `SocialGraph.createList`: a new empty list; `DUPLICATE_LIST` if the viewer has one so named.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * createMemberList(internals, 'ada', 'hiring');
 * ```
 * @internal
 */
export function createMemberList(internals: GraphInternals, viewer: string, name: string): void {
  const method = 'SocialGraph.createList';
  const u = internals.index(method, viewer);
  checkLabelName(method, 'list name', name);
  const store = labelStore(internals);
  if (store.hasList(u, name)) {
    throw new SocialGraphError('DUPLICATE_LIST', `${method}: member ${describeValue(viewer)} already has a list ${describeValue(name)}`);
  }
  store.createList(u, name);
}

function existingList(internals: GraphInternals, method: string, viewer: string, u: number, name: unknown): string {
  checkLabelName(method, 'list name', name);
  if (existingLabelStore(internals)?.hasList(u, name) !== true) {
    throw new SocialGraphError('LIST_NOT_FOUND', `${method}: member ${describeValue(viewer)} has no list ${describeValue(name)}`);
  }
  return name;
}

/**
 * `SocialGraph.renameList`: `LIST_NOT_FOUND` for an unknown list, `DUPLICATE_LIST` when the new
 * name is taken (by another list).
 *
 * @remarks O(l) for the viewer's l lists (the order of lists is kept).
 * @example
 * ```ts
 * renameMemberList(internals, 'ada', 'hiring', 'hiring 2027');
 * ```
 * @internal
 */
export function renameMemberList(internals: GraphInternals, viewer: string, from: string, to: string): void {
  const method = 'SocialGraph.renameList';
  const u = internals.index(method, viewer);
  existingList(internals, method, viewer, u, from);
  checkLabelName(method, 'list name', to);
  if (from === to) return;
  const store = labelStore(internals);
  if (store.hasList(u, to)) {
    throw new SocialGraphError('DUPLICATE_LIST', `${method}: member ${describeValue(viewer)} already has a list ${describeValue(to)}`);
  }
  store.renameList(u, from, to);
}

/**
 * `SocialGraph.deleteList`: `LIST_NOT_FOUND` for an unknown list.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * deleteMemberList(internals, 'ada', 'hiring');
 * ```
 * @internal
 */
export function deleteMemberList(internals: GraphInternals, viewer: string, name: string): void {
  const method = 'SocialGraph.deleteList';
  const u = internals.index(method, viewer);
  existingList(internals, method, viewer, u, name);
  labelStore(internals).deleteList(u, name);
}

/**
 * `SocialGraph.addToList` / `removeFromList`: returns whether the list changed (adding to a
 * blocked member returns false).
 *
 * @remarks O(1).
 * @example
 * ```ts
 * changeMemberList(internals, 'ada', 'hiring', 'bob', true);
 * ```
 * @internal
 */
export function changeMemberList(internals: GraphInternals, viewer: string, name: string, target: string, add: boolean): boolean {
  const method = add ? 'SocialGraph.addToList' : 'SocialGraph.removeFromList';
  const [u, v] = pair(internals, method, viewer, target);
  existingList(internals, method, viewer, u, name);
  const store = labelStore(internals);
  if (!add) return store.removeFromList(u, name, v);
  if (blocked(internals, u, v)) return false;
  return store.addToList(u, name, v);
}

/**
 * `SocialGraph.list`: the members of a list, in insertion order.
 *
 * @remarks O(k).
 * @example
 * ```ts
 * memberListMembers(internals, 'ada', 'hiring'); // ['bob']
 * ```
 * @internal
 */
export function memberListMembers(internals: GraphInternals, viewer: string, name: string): string[] {
  const method = 'SocialGraph.list';
  const u = internals.index(method, viewer);
  existingList(internals, method, viewer, u, name);
  return idsOf(internals, labelStore(internals).listMembers(u, name));
}

/**
 * `SocialGraph.lists`: names of the viewer's lists, in creation order.
 *
 * @remarks O(l).
 * @example
 * ```ts
 * memberLists(internals, 'ada'); // ['hiring']
 * ```
 * @internal
 */
export function memberLists(internals: GraphInternals, viewer: string): string[] {
  const u = internals.index('SocialGraph.lists', viewer);
  return existingLabelStore(internals)?.listNames(u) ?? [];
}

/**
 * `SocialGraph.favorite` / `unfavorite` / `hide` / `unhide`: returns whether anything changed
 * (marking a blocked member returns false).
 *
 * @remarks O(1).
 * @example
 * ```ts
 * markMember(internals, 'hidden', 'ada', 'spammer', true);
 * ```
 * @internal
 */
export function markMember(internals: GraphInternals, kind: MarkKind, viewer: string, target: string, on: boolean): boolean {
  const method = `SocialGraph.${kind === 'favorite' ? (on ? 'favorite' : 'unfavorite') : on ? 'hide' : 'unhide'}`;
  const [u, v] = pair(internals, method, viewer, target);
  if (!on) return existingLabelStore(internals)?.unmark(u, v, kind === 'hidden') ?? false;
  if (blocked(internals, u, v)) return false;
  return labelStore(internals).mark(u, v, kind === 'hidden');
}

/**
 * `SocialGraph.favorites` / `hiddenMembers`: the viewer's marked members, in marking order.
 *
 * @remarks O(k).
 * @example
 * ```ts
 * markedMembers(internals, 'favorite', 'ada'); // ['bob']
 * ```
 * @internal
 */
export function markedMembers(internals: GraphInternals, kind: MarkKind, viewer: string): string[] {
  const u = internals.index(kind === 'favorite' ? 'SocialGraph.favorites' : 'SocialGraph.hiddenMembers', viewer);
  return idsOf(internals, existingLabelStore(internals)?.marked(u, kind === 'hidden') ?? []);
}
