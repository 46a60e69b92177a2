/**
 * Test access to a graph's parts (its core and features), by the names the tests use: the core
 * through `graphInternals`, each feature through a function of the core.
 */
import type { GraphCore } from '../../src/graph/graph-core.js';
import { graphParts, type GraphParts, type SocialGraph } from '../../src/social-graph.js';
import type { ViewerCache } from '../../src/features/cache/viewer-cache.js';
import type { MemberPolicyState } from '../../src/features/policy/member-policy-state.js';
import type { ProfileStore } from '../../src/features/profiles/profile-store.js';
import type { InvitationBook } from '../../src/features/invitations/invitation-book.js';
import { CountingScratch } from '../../src/algorithms/counting-scratch.js';
import { SearchParts } from '../../src/features/search/search-parts.js';

const partsByCore = new WeakMap<GraphCore, GraphParts>();

/** The graph core of `graph` (store, ids, scratch, index, now). */
export function graphInternals(graph: SocialGraph<object>): GraphCore {
  const parts = graphParts(graph);
  partsByCore.set(parts.core, parts);
  return parts.core;
}

function partsOf(core: GraphCore): GraphParts {
  const parts = partsByCore.get(core);
  if (parts === undefined) throw new Error('graphInternals(graph) first');
  return parts;
}

export const viewerCache = (core: GraphCore): ViewerCache => partsOf(core).cache;
export const memberPolicyState = (core: GraphCore): MemberPolicyState => partsOf(core).permissions.state;
export const profileStore = (core: GraphCore): ProfileStore => partsOf(core).profiles.store;
export const invitationBook = (core: GraphCore): InvitationBook => partsOf(core).invitations;
export const hiddenBy = (core: GraphCore, viewer: number): ((index: number) => boolean) => partsOf(core).labels.hiddenBy(viewer);

/**
 * The parts of `graph` by the names the TSDoc examples of internal modules use (see
 * test/docs/tsdoc-examples.test.ts): the core (also as `internals`), its store and scratch, each
 * feature, the policy state and a `SearchParts` over them.
 */
export function exampleParts(graph: SocialGraph<object>): Record<string, unknown> {
  const parts = graphParts(graph);
  const { core, cache, permissions, labels, profiles, invitations } = parts;
  const store = core.store;
  const scratch = core.scratch;
  scratch.ensure(store.indexBound);
  const countingScratch = new CountingScratch();
  countingScratch.ensure(store.indexBound);
  return {
    core,
    internals: core,
    store,
    scratch,
    countingScratch,
    cache,
    permissions,
    state: permissions.state,
    labels,
    profiles,
    invitations,
    parts: new SearchParts(core, permissions, profiles, labels),
  };
}
