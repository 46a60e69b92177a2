/**
 * Properties over random graphs with random blocks, privacy settings, groups and presets:
 * no decision ever allows what the plain rules deny (nor denies what they allow), and a member
 * blocked with the viewer never appears in any result of the viewer's window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, type PrivacySettings } from '../../src/index.js';
import { smallGraph } from '../support/arbitraries.js';
import { fcParams } from '../support/fc-config.js';
import { naiveFromEdges, type Naive } from '../support/oracle.js';
import { ACTIONS, specDecision, type Preset } from './spec.js';

const world = fc.record({
  graph: smallGraph,
  blocks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
  privacy: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 15 })), { maxLength: 20 }),
  groups: fc.array(fc.tuple(fc.nat(), fc.constantFrom('g1', 'g2', 'g3')), { maxLength: 20 }),
  preset: fc.constantFrom<Preset>('default', 'strict'),
  viewers: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
});

function settings(bits: number): PrivacySettings {
  return {
    connectionsVisibility: bits & 1 ? 'private' : 'connections',
    profileVisibility: bits & 2 ? 'public' : 'network',
    openProfile: (bits & 4) !== 0,
    invitations: bits & 8 ? 'anyone' : 'network',
  };
}

/** BFS avoiding `hidden`, uncapped; null when unreachable. */
function distance(g: Naive, a: string, b: string, hidden: (x: string) => boolean): number | null {
  if (a === b) return 0;
  const seen = new Set([a]);
  let frontier = [a];
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const w of g.get(u)!) {
        if (seen.has(w) || hidden(w)) continue;
        if (w === b) return d;
        seen.add(w);
        next.push(w);
      }
    }
    frontier = next;
  }
  return null;
}

describe('policy properties', () => {
  it('decisions match the plain rules, and windows never show a member blocked with the viewer', () => {
    fc.assert(
      fc.property(world, ({ graph: { members, edges }, blocks, privacy, groups, preset, viewers }) => {
        const graph = SocialGraph.fromEdges(edges, { maxConnectionsPerMember: 1000 });
        for (const id of members) graph.mergeMember(id);
        const n = members.length;
        const blocked = new Set<string>();
        for (const [i, j] of blocks) {
          const a = members[i % n]!;
          const b = members[j % n]!;
          if (a === b) continue;
          graph.block(a, b);
          blocked.add(`${a} ${b}`).add(`${b} ${a}`);
        }
        const privacyOf = new Map<string, PrivacySettings>();
        for (const [i, bits] of privacy) {
          privacyOf.set(members[i % n]!, settings(bits));
          graph.setPrivacy(members[i % n]!, settings(bits));
        }
        const groupsOf = new Map<string, Set<string>>();
        for (const [i, group] of groups) {
          const id = members[i % n]!;
          graph.joinGroup(id, group);
          groupsOf.set(id, (groupsOf.get(id) ?? new Set()).add(group));
        }
        graph.setPolicy(preset);
        // The naive graph after blocks removed connections.
        const naive = naiveFromEdges(members, edges.filter(([a, b]) => !blocked.has(`${a} ${b}`)));
        for (const vi of viewers) {
          const viewer = members[vi % n]!;
          const hidden = (x: string) => blocked.has(`${viewer} ${x}`);
          const me = graph.viewAs(viewer);
          for (const target of members) {
            for (const action of ACTIONS) {
              const want = specDecision(preset, action, {
                degree: hidden(target) ? null : distance(naive, viewer, target, hidden),
                blocked: hidden(target),
                sharedGroup: [...(groupsOf.get(viewer) ?? [])].some((g) => groupsOf.get(target)?.has(g)),
                target: privacyOf.get(target) ?? settings(0),
                pending: false,
                quotaExceeded: false,
              });
              const got = graph.can(viewer, action, target);
              if (got.allowed) expect(want.allowed, `${viewer} ${action} ${target}`).toBe(true);
              expect(got).toEqual(want);
            }
            // Nothing of the window ever shows a hidden member.
            const mutual = me.mutualConnections(target);
            if (mutual.allowed) expect(mutual.value.filter(hidden)).toEqual([]);
            const list = me.connections(target);
            if (list.allowed) expect(list.value.filter(hidden)).toEqual([]);
            if (hidden(target)) {
              expect(me.degree(target)).toBeNull();
              expect(mutual.allowed || list.allowed).toBe(false);
            }
          }
          const degrees = me.degrees(members);
          members.forEach((x, i) => {
            if (hidden(x)) expect(degrees[i]).toBeNull();
          });
          const levels = [0, 0, 0];
          for (const x of members) {
            const d = hidden(x) ? null : distance(naive, viewer, x, hidden);
            if (d !== null && d >= 1 && d <= 3) levels[d - 1]!++;
          }
          expect(me.reach()).toEqual({ first: levels[0], second: levels[1], third: levels[2] });
        }
      }),
      fcParams(150),
    );
  });
});
