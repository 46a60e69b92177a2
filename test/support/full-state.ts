/**
 * Everything a graph lets one read, feature by feature, in a canonical order (plus its snapshot
 * bytes): what "changes nothing" and "round-trips every piece of state" compare. Reads only the
 * public API. The bytes are taken last: some reads (privacy, lists, ...) create a feature's empty
 * state on first use, which adds an empty section to toBytes(); reading first makes two calls on
 * an unchanged graph agree.
 */
import type { SocialGraph } from '../../src/index.js';

export interface FullState {
  bytes: Uint8Array;
  cap: number;
  members: string[];
  edges: string[];
  times: (number | null)[];
  blocks: string[][];
  privacy: unknown[];
  groups: string[][];
  profiles: unknown[];
  labels: unknown[];
  invitations: unknown[];
  policy: unknown;
}

const byString = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export function fullState(graph: SocialGraph): FullState {
  const members = graph.members().sort(byString);
  const edges: string[] = [];
  const times: (number | null)[] = [];
  for (const id of members) {
    for (const other of [...graph.connections(id)].sort(byString)) {
      if (id < other) {
        edges.push(`${id}\u0000${other}`);
        times.push(graph.connectedAt(id, other));
      }
    }
  }
  const state = {
    cap: graph.maxConnectionsPerMember(),
    members,
    edges,
    times,
    blocks: members.map((id) => graph.blockedMembers(id)),
    privacy: members.map((id) => graph.privacy(id)),
    groups: members.map((id) => graph.groupsOf(id)),
    profiles: members.map((id) => graph.profile(id) ?? null),
    labels: members.map((id) => ({
      lists: graph.lists(id).map((name) => [name, graph.list(id, name)]),
      favorites: graph.favorites(id),
      hidden: graph.hiddenMembers(id),
      tags: members.filter((other) => other !== id).map((other) => graph.tagsOf(id, other)),
    })),
    invitations: members.map((id) => [graph.sentInvitations(id), graph.receivedInvitations(id)]),
    policy: graph.policy(),
  };
  return { ...state, bytes: graph.toBytes() };
}
