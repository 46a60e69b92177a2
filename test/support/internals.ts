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
