/**
 * Random graphs with the state that introductions and suggestions must respect (blocks, private
 * connection lists, members who accept invitations from anyone, groups, hidden members, pending
 * invitations, dismissed suggestions), applied both to a real SocialGraph and to a naive model of
 * plain Maps and Sets. The oracles read only the model: every piece of it is what the recipe
 * applied, with the rules of docs/policy.md and docs/invitations.md restated here (blocks remove
 * the connection, a raw `connect` after a block is allowed; `invite` accepts a crossing invitation, refuses a duplicate, then applies the
 * default policy's `invite` rule in the sender's world; `hide` and `dismissSuggestion` report
 * whether they changed anything). While it builds, it checks each call's answer against the model.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { DEFAULT_POLICY, definePolicy, InvitationDeniedError, SocialGraph, type Policy } from '../../src/index.js';
import { smallGraph, type SmallGraph } from '../support/arbitraries.js';

/** What the recipe applied, kept by the test itself. */
export interface GrowthModel {
  members: string[];
  adj: Map<string, Set<string>>;
  /** Directed blocks "a b" (a blocked b); their effect is symmetric. */
  blocks: Set<string>;
  /** Members whose connection list is private. */
  privateLists: Set<string>;
  /** Members who accept invitations from anyone (the `invitations: 'anyone'` setting). */
  inviteAnyone: Set<string>;
  /** Groups of each member. */
  groups: Map<string, Set<string>>;
  /** Pending invitations "from to". */
  pending: Set<string>;
  /** Dismissed suggestions "member other". */
  dismissed: Set<string>;
  /** Hidden "viewer target". */
  hidden: Set<string>;
  /** Whether the graph runs {@link PRIVATE_MUTUALS} instead of the default policy. */
  privateMutuals: boolean;
  /** What building met (coverage of the fixture itself). */
  built: { crossingAccepted: number; inviteDenied: Map<string, number>; outOfNetworkInvites: number };
}

export interface GrowthCase extends GrowthModel {
  graph: SocialGraph;
  blocked: (a: string, b: string) => boolean;
}

export interface GrowthRecipe {
  g: SmallGraph;
  blocks: [number, number][];
  /** Block pairs (by position in `blocks`) connected again after the block (raw connect allows it). */
  reconnects: number[];
  privateLists: number[];
  anyone: number[];
  groups: [number, number][];
  hides: [number, number][];
  invites: [number, number][];
  /** Pending invitations (by position) whose recipient invites back (which accepts them). */
  replies: number[];
  dismissals: [number, number][];
  privateMutuals: boolean;
}

/**
 * The default policy, but mutual connections are not shown to anyone when the target's connection
 * list is private (so that introductions' `viewMutualConnections` check can deny a 2nd-degree
 * target that has usable mutuals, which the default rule never does).
 */
export const PRIVATE_MUTUALS: Policy = definePolicy('private-mutuals', DEFAULT_POLICY, {
  viewMutualConnections: {
    maxDegree: 2,
    decide: (f) =>
      f.targetPrivacy.connectionsVisibility === 'private'
        ? { allowed: false, reason: 'private' }
        : f.degree === 1
          ? { allowed: true, reason: 'connected' }
          : f.degree === 2
            ? { allowed: true, reason: 'second-degree' }
            : { allowed: false, reason: 'too-far' },
  },
});

const pairs = (maxLength: number) => fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength });

/** A random graph and random feature state over it (built by {@link buildGrowth}). */
export const growthRecipe: fc.Arbitrary<GrowthRecipe> = fc.record({
  g: smallGraph,
  blocks: pairs(6),
  reconnects: fc.array(fc.nat(), { maxLength: 3 }),
  privateLists: fc.array(fc.nat(), { maxLength: 4 }),
  anyone: fc.array(fc.nat(), { maxLength: 4 }),
  groups: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 })), { maxLength: 12 }),
  hides: pairs(6),
  invites: pairs(12),
  replies: fc.array(fc.nat(), { maxLength: 2 }),
  dismissals: pairs(6),
  privateMutuals: fc.boolean(),
});

/** BFS distance from `a` to `b` capped at `cap`, avoiding members blocked with `a` (the policy's viewer world). */
export function worldDistance(m: GrowthModel, a: string, b: string, cap: number): number | null {
  if (a === b) return 0;
  const blocked = (x: string, y: string) => m.blocks.has(`${x} ${y}`) || m.blocks.has(`${y} ${x}`);
  const seen = new Set([a]);
  let frontier = [a];
  for (let d = 1; d <= cap && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const w of m.adj.get(u)!) {
        if (seen.has(w) || blocked(a, w)) continue;
        if (w === b) return d;
        seen.add(w);
        next.push(w);
      }
    }
    frontier = next;
  }
  return null;
}

/** The default policy's verdict on `invite(a, b)` with nothing pending between them (docs/policy.md), or null when allowed. */
function inviteDenial(m: GrowthModel, blocked: (a: string, b: string) => boolean, a: string, b: string): string | null {
  if (blocked(a, b)) return 'blocked';
  if (a === b) return 'self';
  const d = worldDistance(m, a, b, 3);
  if (d === 1) return 'connected';
  if (d === 2 || d === 3) return null;
  return m.inviteAnyone.has(b) ? null : 'out-of-network';
}

/** Applies the recipe to a fresh SocialGraph and to the model, checking each answer against the model. */
export function buildGrowth(r: GrowthRecipe): GrowthCase {
  const graph = new SocialGraph({ clock: () => 1 });
  const members = r.g.members;
  const n = members.length;
  const at = (i: number): string => members[i % n]!;
  const m: GrowthModel = {
    members,
    adj: new Map(members.map((id) => [id, new Set<string>()])),
    blocks: new Set(),
    privateLists: new Set(),
    inviteAnyone: new Set(),
    groups: new Map(members.map((id) => [id, new Set<string>()])),
    pending: new Set(),
    dismissed: new Set(),
    hidden: new Set(),
    privateMutuals: r.privateMutuals,
    built: { crossingAccepted: 0, inviteDenied: new Map(), outOfNetworkInvites: 0 },
  };
  const blocked = (a: string, b: string): boolean => m.blocks.has(`${a} ${b}`) || m.blocks.has(`${b} ${a}`);
  const link = (a: string, b: string): void => {
    m.adj.get(a)!.add(b);
    m.adj.get(b)!.add(a);
  };
  for (const id of members) graph.addMember(id);
  if (r.privateMutuals) graph.setPolicy(PRIVATE_MUTUALS);
  for (const [a, b] of r.g.edges) {
    if (a === b) continue;
    expect(graph.connect(a, b)).toBe(!m.adj.get(a)!.has(b));
    link(a, b);
  }
  for (const [x, y] of r.blocks) {
    const [a, b] = [at(x), at(y)];
    if (a === b) continue;
    expect(graph.block(a, b)).toBe(!m.blocks.has(`${a} ${b}`));
    m.blocks.add(`${a} ${b}`);
    m.adj.get(a)!.delete(b);
    m.adj.get(b)!.delete(a);
  }
  const blockPairs = [...m.blocks].map((k) => k.split(' ') as [string, string]);
  for (const k of r.reconnects) {
    if (blockPairs.length === 0) break;
    const [a, b] = blockPairs[k % blockPairs.length]!;
    expect(graph.connect(a, b)).toBe(!m.adj.get(a)!.has(b));
    link(a, b);
  }
  for (const x of r.privateLists) {
    graph.setPrivacy(at(x), { connectionsVisibility: 'private' });
    m.privateLists.add(at(x));
  }
  for (const x of r.anyone) {
    graph.setPrivacy(at(x), { invitations: 'anyone' });
    m.inviteAnyone.add(at(x));
  }
  for (const [x, k] of r.groups) {
    const set = m.groups.get(at(x))!;
    expect(graph.joinGroup(at(x), `g${k}`)).toBe(!set.has(`g${k}`));
    set.add(`g${k}`);
  }
  for (const [x, y] of r.hides) {
    const [a, b] = [at(x), at(y)];
    if (a === b) continue;
    // A member blocked with the viewer cannot be hidden (labels ignore blocked pairs).
    const fresh = !blocked(a, b) && !m.hidden.has(`${a} ${b}`);
    expect(graph.hide(a, b)).toBe(fresh);
    if (fresh) m.hidden.add(`${a} ${b}`);
  }
  const invite = (a: string, b: string): void => {
    if (m.pending.has(`${b} ${a}`)) {
      // Theirs first: inviting accepts it and connects the two.
      expect(graph.invite(a, b)).toMatchObject({ from: b, to: a, status: 'accepted' });
      m.pending.delete(`${b} ${a}`);
      link(a, b);
      m.built.crossingAccepted++;
      return;
    }
    const denied = m.pending.has(`${a} ${b}`) ? 'invitation-pending' : inviteDenial(m, blocked, a, b);
    let thrown: unknown = null;
    try {
      expect(graph.invite(a, b)).toMatchObject({ from: a, to: b, status: 'pending' });
    } catch (error) {
      thrown = error;
    }
    if (denied === null) {
      expect(thrown).toBeNull();
      m.pending.add(`${a} ${b}`);
      if (worldDistance(m, a, b, 3) === null) m.built.outOfNetworkInvites++;
    } else {
      expect(thrown).toBeInstanceOf(InvitationDeniedError);
      expect((thrown as InvitationDeniedError).reason).toBe(denied);
      m.built.inviteDenied.set(denied, (m.built.inviteDenied.get(denied) ?? 0) + 1);
    }
  };
  for (const [x, y] of r.invites) invite(at(x), at(y));
  for (const k of r.replies) {
    const open = [...m.pending].map((key) => key.split(' ') as [string, string]);
    if (open.length === 0) break;
    const [from, to] = open[k % open.length]!;
    invite(to, from);
  }
  for (const [x, y] of r.dismissals) {
    const [a, b] = [at(x), at(y)];
    const fresh = a !== b && !m.dismissed.has(`${a} ${b}`);
    expect(graph.dismissSuggestion(a, b)).toBe(fresh);
    if (fresh) m.dismissed.add(`${a} ${b}`);
  }
  return { ...m, graph, blocked };
}
