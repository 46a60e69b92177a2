/**
 * The `policy` snapshot section: blocks, privacy settings, groups, quota limits and the rule set
 * survive a snapshot; custom policies must be passed back; random policy states round-trip, and a
 * replica fed only the change events (policy events included) ends with the same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { inspectSnapshot } from '../../src/graph/snapshot-format.js';
import { fcParams } from '../support/fc-config.js';
import { codeOf } from '../support/errors.js';

const MEMBERS = ['ada', 'bob', 'cy', 'dee', 'eve'];

function policyState(graph: SocialGraph): unknown {
  return {
    policy: graph.policy().name,
    members: graph.members().map((id) => ({
      id,
      blocked: graph.blockedMembers(id).sort(),
      privacy: graph.privacy(id),
      groups: graph.groupsOf(id),
      invite: graph.quota(id, 'invite'),
    })),
  };
}

describe('policy section', () => {
  it('keeps blocks, privacy, groups, quota limits and the preset', () => {
    const graph = new SocialGraph({ clock: () => 1_000 });
    for (const id of MEMBERS) graph.addMember(id);
    graph.connect('ada', 'bob');
    graph.block('cy', 'ada');
    graph.block('dee', 'eve');
    graph.setPrivacy('bob', { profileVisibility: 'public' });
    graph.joinGroup('ada', 'chess');
    graph.joinGroup('cy', 'chess');
    graph.joinGroup('cy', 'go');
    graph.setQuota('invite', { limit: 5, windowMs: 7 * 24 * 3600_000 });
    graph.setPolicy('strict');
    graph.removeMember('eve'); // its block goes with it
    const copy = SocialGraph.fromBytes(graph.toBytes(), { clock: () => 1_000 });
    expect(policyState(copy)).toEqual(policyState(graph));
    expect(copy.isBlocked('ada', 'cy')).toBe(true);
    expect(copy.sharedGroups('ada', 'cy')).toEqual(['chess']);
    expect(inspectSnapshot(graph.toBytes()).sections.map((s) => s.name)).toContain('policy');
    // Decisions agree.
    for (const a of copy.members()) for (const b of copy.members()) expect(copy.can(a, 'message', b)).toEqual(graph.can(a, 'message', b));
  });

  it('names a custom policy, which must be passed back', () => {
    const graph = new SocialGraph();
    graph.addMember('a');
    graph.addMember('b');
    const custom = { name: 'open', rules: { ...graph.policy().rules } };
    graph.setPolicy(custom);
    const bytes = graph.toBytes();
    expect(codeOf(() => SocialGraph.fromBytes(bytes))).toBe('INVALID_OPTION');
    expect(codeOf(() => SocialGraph.fromBytes(bytes, { policy: { ...custom, name: 'other' } }))).toBe('INVALID_OPTION');
    expect(SocialGraph.fromBytes(bytes, { policy: custom }).policy().name).toBe('open');
  });

  it('round-trips random policy states (property)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('block' as const), a: fc.nat(4), b: fc.nat(4) }),
      fc.record({ kind: fc.constant('unblock' as const), a: fc.nat(4), b: fc.nat(4) }),
      fc.record({ kind: fc.constant('join' as const), a: fc.nat(4), group: fc.constantFrom('g1', 'g2', 'é', 'x y') }),
      fc.record({ kind: fc.constant('leave' as const), a: fc.nat(4), group: fc.constantFrom('g1', 'g2') }),
      fc.record({
        kind: fc.constant('privacy' as const),
        a: fc.nat(4),
        profile: fc.constantFrom('network' as const, 'public' as const),
        connections: fc.constantFrom('connections' as const, 'private' as const),
      }),
      fc.record({ kind: fc.constant('remove' as const), a: fc.nat(4) }),
      fc.record({ kind: fc.constant('policy' as const), preset: fc.constantFrom('default' as const, 'strict' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const graph = new SocialGraph();
        // A replica fed only the change events (policy events included) must end equal.
        const replica = new SocialGraph();
        graph.on('memberAdded', (e) => replica.addMember(e.id));
        graph.on('memberRemoved', (e) => replica.removeMember(e.id));
        graph.on('connected', (e) => replica.connect(e.a, e.b));
        graph.on('disconnected', (e) => replica.disconnect(e.a, e.b));
        graph.on('blocked', (e) => expect(replica.block(e.a, e.b)).toBe(true));
        graph.on('unblocked', (e) => expect(replica.unblock(e.a, e.b)).toBe(true));
        graph.on('privacyChanged', (e) => replica.setPrivacy(e.id, e.settings));
        graph.on('groupJoined', (e) => expect(replica.joinGroup(e.id, e.group)).toBe(true));
        graph.on('groupLeft', (e) => expect(replica.leaveGroup(e.id, e.group)).toBe(true));
        for (const id of MEMBERS) graph.addMember(id);
        graph.connect('ada', 'bob');
        graph.connect('cy', 'bob');
        for (const o of ops) {
          const members = graph.members();
          if (o.kind === 'policy') {
            graph.setPolicy(o.preset);
            continue;
          }
          if (members.length === 0) continue;
          const a = members[o.a % members.length]!;
          if (o.kind === 'remove') graph.removeMember(a);
          else if (o.kind === 'join') graph.joinGroup(a, o.group);
          else if (o.kind === 'leave') graph.leaveGroup(a, o.group);
          else if (o.kind === 'privacy') graph.setPrivacy(a, { profileVisibility: o.profile, connectionsVisibility: o.connections });
          else {
            const b = members[o.b % members.length]!;
            if (a === b) continue;
            if (o.kind === 'block') graph.block(a, b);
            else graph.unblock(a, b);
          }
        }
        const copy = SocialGraph.fromBytes(graph.toBytes());
        expect(policyState(copy)).toEqual(policyState(graph));
        replica.setPolicy(graph.policy().name === 'strict' ? 'strict' : 'default'); // setPolicy emits nothing
        expect(policyState(replica)).toEqual(policyState(graph));
        expect(replica.connectionCount).toBe(graph.connectionCount);
        expect(copy.toBytes()).toEqual(graph.toBytes());
      }),
      fcParams(200),
    );
  });
});
