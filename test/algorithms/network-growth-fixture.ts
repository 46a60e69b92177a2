/**
 * Random graphs with the state that introductions and suggestions must respect (blocks, private
 * connection lists, groups, hidden members, pending invitations, dismissed suggestions), built on
 * a real SocialGraph, plus the adjacency read back from it for the brute-force oracles.
 */
import fc from 'fast-check';
import { SocialGraph } from '../../src/index.js';
import { smallGraph } from '../support/arbitraries.js';

export interface GrowthCase {
  graph: SocialGraph;
  members: string[];
  adj: Map<string, Set<string>>;
  blocked: (a: string, b: string) => boolean;
  /** Pending invitations "from to". */
  pending: Set<string>;
  /** Dismissed suggestions "member other". */
  dismissed: Set<string>;
  /** Hidden "viewer target". */
  hidden: Set<string>;
}

const pairs = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 });

/** A random graph and random feature state over it. */
export const growthCase: fc.Arbitrary<GrowthCase> = fc
  .record({
    g: smallGraph,
    blocks: pairs,
    privateLists: fc.array(fc.nat(), { maxLength: 4 }),
    groups: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 })), { maxLength: 12 }),
    hides: pairs,
    invites: pairs,
    dismissals: pairs,
  })
  .map(({ g, blocks, privateLists, groups, hides, invites, dismissals }) => {
    const graph = new SocialGraph({ clock: () => 1 });
    const members = g.members;
    const n = members.length;
    const at = (i: number): string => members[i % n]!;
    for (const m of members) graph.addMember(m);
    for (const [a, b] of g.edges) if (a !== b) graph.connect(a, b);
    for (const [x, y] of blocks) if (x % n !== y % n) graph.block(at(x), at(y));
    for (const x of privateLists) graph.setPrivacy(at(x), { connectionsVisibility: 'private' });
    for (const [x, k] of groups) graph.joinGroup(at(x), `g${k}`);
    const hidden = new Set<string>();
    for (const [x, y] of hides) {
      if (x % n === y % n) continue;
      graph.hide(at(x), at(y));
      hidden.add(`${at(x)} ${at(y)}`);
    }
    const pending = new Set<string>();
    for (const [x, y] of invites) {
      const a = at(x);
      const b = at(y);
      if (pending.has(`${b} ${a}`)) continue; // would accept theirs (and connect)
      try {
        graph.invite(a, b);
        pending.add(`${a} ${b}`);
      } catch {
        // denied by the policy: nothing pending
      }
    }
    const dismissed = new Set<string>();
    for (const [x, y] of dismissals) {
      if (graph.dismissSuggestion(at(x), at(y))) dismissed.add(`${at(x)} ${at(y)}`);
    }
    const adj = new Map(members.map((m) => [m, new Set(graph.connections(m))]));
    return { graph, members, adj, blocked: (a: string, b: string) => graph.isBlocked(a, b), pending, dismissed, hidden };
  });
