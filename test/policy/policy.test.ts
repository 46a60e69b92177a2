/**
 * Unit tests of the policy feature: blocks, privacy, groups, custom rules, quotas, windows,
 * index reuse after removal, events, and bad input (typed errors that change nothing).
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  POLICY_ACTIONS,
  SlidingWindowQuota,
  SocialGraph,
  STRICT_POLICY,
  definePolicy,
  degreeRule,
  type Policy,
  type SocialGraphErrorCode,
  type SocialGraphEvent,
} from '../../src/index.js';
import { codeOf } from '../support/errors.js';
import { graphInternals, memberPolicyState } from '../support/internals.js';

/** ada - bob - cy - dee - eve, and fay alone. */
function line(options?: ConstructorParameters<typeof SocialGraph>[0]): SocialGraph {
  const graph = new SocialGraph(options);
  for (const id of ['ada', 'bob', 'cy', 'dee', 'eve', 'fay']) graph.addMember(id);
  graph.connect('ada', 'bob');
  graph.connect('bob', 'cy');
  graph.connect('cy', 'dee');
  graph.connect('dee', 'eve');
  return graph;
}

/** Everything observable about the policy state of a graph. */
function policySnapshot(graph: SocialGraph): unknown {
  const members = graph.members().sort();
  return {
    policy: graph.policy().name,
    edges: members.map((id) => [id, graph.connections(id).sort()]),
    blocks: members.map((id) => [id, graph.blockedMembers(id).sort()]),
    privacy: members.map((id) => [id, graph.privacy(id)]),
    groups: members.map((id) => [id, graph.groupsOf(id)]),
    quotas: members.map((id) => [id, POLICY_ACTIONS.map((a) => graph.quota(id, a))]),
  };
}

describe('blocks', () => {
  it('are symmetric, remove the connection, and are lifted only by the blocker', () => {
    const graph = line();
    expect(graph.block('bob', 'ada')).toBe(true);
    expect(graph.areConnected('ada', 'bob')).toBe(false);
    expect(graph.isBlocked('ada', 'bob')).toBe(true);
    expect(graph.isBlocked('bob', 'ada')).toBe(true);
    expect(graph.block('bob', 'ada')).toBe(false);
    expect(graph.unblock('ada', 'bob')).toBe(false); // ada did not block bob
    expect(graph.isBlocked('ada', 'bob')).toBe(true);
    expect(graph.block('ada', 'bob')).toBe(true); // both directions now
    expect(graph.unblock('bob', 'ada')).toBe(true);
    expect(graph.isBlocked('ada', 'bob')).toBe(true); // ada's block stands
    expect(graph.unblock('ada', 'bob')).toBe(true);
    expect(graph.isBlocked('ada', 'bob')).toBe(false);
    expect(graph.areConnected('ada', 'bob')).toBe(false); // not restored
    expect(graph.blockedMembers('ada')).toEqual([]);
  });

  it('override everything, including public and open profiles, groups and self-rules of the target', () => {
    const graph = line();
    graph.setPrivacy('cy', { profileVisibility: 'public', openProfile: true, invitations: 'anyone' });
    graph.joinGroup('ada', 'g');
    graph.joinGroup('cy', 'g');
    graph.block('cy', 'ada');
    for (const action of POLICY_ACTIONS) {
      expect(graph.can('ada', action, 'cy')).toMatchObject({ allowed: false, reason: 'blocked', degree: null });
      expect(graph.can('cy', action, 'ada')).toMatchObject({ allowed: false, reason: 'blocked', degree: null });
    }
    expect(graph.can('ada', 'viewProfile', 'cy').level).toBe('none');
  });

  it('paths through a member blocked with the viewer do not count', () => {
    const graph = line();
    graph.block('ada', 'cy'); // ada's world loses cy: dee and eve are now unreachable
    expect(graph.degree('ada', 'dee')).toBe(3); // raw API: unfiltered
    expect(graph.viewAs('ada').degree('dee')).toBeNull();
    expect(graph.can('ada', 'viewProfile', 'dee')).toMatchObject({ reason: 'out-of-network', degree: null });
    expect(graph.viewAs('ada').reach()).toEqual({ first: 1, second: 0, third: 0 });
    // bob's world is untouched
    expect(graph.viewAs('bob').degree('dee')).toBe(2);
    // Another path around cy brings dee back at the right degree.
    graph.addMember('zed');
    graph.connect('bob', 'zed');
    graph.connect('zed', 'dee');
    expect(graph.viewAs('ada').degree('dee')).toBe(3);
    expect(graph.viewAs('ada').degrees(['bob', 'cy', 'dee', 'eve', 'fay', 'ada'])).toEqual([1, null, 3, null, null, 0]);
  });

  it('hide blocked members from every window result', () => {
    const graph = line();
    graph.connect('ada', 'cy');
    graph.connect('ada', 'dee');
    graph.connect('bob', 'dee');
    graph.block('dee', 'ada');
    graph.connect('ada', 'dee'); // trusted code reconnects: still hidden
    const me = graph.viewAs('ada');
    const mutual = me.mutualConnections('bob');
    expect(mutual.allowed && mutual.value.sort()).toEqual(['cy']);
    const mine = me.connections();
    expect(mine.allowed && mine.value.sort()).toEqual(['bob', 'cy']);
    const bobs = me.connections('bob');
    expect(bobs.allowed && bobs.value.sort()).toEqual(['ada', 'cy']);
    expect(me.degree('dee')).toBeNull();
    expect(me.reach()).toEqual({ first: 2, second: 0, third: 0 }); // eve only via dee
    expect(me.can('message', 'dee').reason).toBe('blocked');
  });
});

describe('privacy', () => {
  it('merges partial updates and rejects unknown keys and values', () => {
    const graph = line();
    expect(graph.privacy('ada')).toEqual({ connectionsVisibility: 'connections', profileVisibility: 'network', openProfile: false, invitations: 'network' });
    expect(graph.setPrivacy('ada', { openProfile: true })).toMatchObject({ openProfile: true, invitations: 'network' });
    expect(graph.setPrivacy('ada', { invitations: 'anyone' })).toMatchObject({ openProfile: true, invitations: 'anyone' });
    const privacy = graph.privacy('ada');
    privacy.openProfile = false; // a copy
    expect(graph.privacy('ada').openProfile).toBe(true);
  });

  it('private connections hide the list from 1st degree but not the mutual connections', () => {
    const graph = line();
    graph.setPrivacy('bob', { connectionsVisibility: 'private' });
    expect(graph.can('ada', 'viewConnections', 'bob')).toEqual({ allowed: false, reason: 'private', degree: 1 });
    expect(graph.can('bob', 'viewConnections', 'bob')).toEqual({ allowed: true, reason: 'self', degree: 0 });
    expect(graph.can('ada', 'viewMutualConnections', 'bob')).toEqual({ allowed: true, reason: 'connected', degree: 1 });
    expect(graph.viewAs('ada').connections('bob')).toEqual({ allowed: false, reason: 'private', degree: 1 });
  });
});

describe('groups', () => {
  it('share, leave and vanish', () => {
    const graph = line();
    expect(graph.joinGroup('ada', 'ts')).toBe(true);
    expect(graph.joinGroup('ada', 'ts')).toBe(false);
    graph.joinGroup('ada', 'rust');
    graph.joinGroup('fay', 'ts');
    graph.joinGroup('fay', 'go');
    expect(graph.groupsOf('ada')).toEqual(['rust', 'ts']);
    expect(graph.sharedGroups('ada', 'fay')).toEqual(['ts']);
    expect(graph.can('ada', 'message', 'fay')).toEqual({ allowed: true, reason: 'shared-group', degree: null });
    expect(graph.can('ada', 'viewProfile', 'fay')).toEqual({ allowed: true, reason: 'shared-group', degree: null, level: 'limited' });
    expect(graph.leaveGroup('fay', 'ts')).toBe(true);
    expect(graph.leaveGroup('fay', 'ts')).toBe(false);
    expect(graph.sharedGroups('ada', 'fay')).toEqual([]);
    expect(graph.can('ada', 'message', 'fay').allowed).toBe(false);
  });
});

describe('member indices are reused after removal: nothing leaks to the next member', () => {
  it('blocks, privacy, groups and quota history vanish with the member', () => {
    let now = 0;
    const graph = line({ clock: () => now });
    graph.setQuota('message', { limit: 1, windowMs: 1000 });
    graph.block('fay', 'ada');
    graph.block('bob', 'fay');
    graph.setPrivacy('fay', { connectionsVisibility: 'private', openProfile: true });
    graph.joinGroup('fay', 'secret');
    graph.joinGroup('ada', 'secret');
    graph.joinGroup('fay', 'only-fay');
    graph.connect('fay', 'cy');
    expect(graph.attempt('fay', 'message', 'cy').allowed).toBe(true);
    const internals = graphInternals(graph);
    const index = internals.index('test', 'fay');
    graph.removeMember('fay');
    graph.addMember('gus');
    expect(internals.index('test', 'gus')).toBe(index); // the same index
    expect(graph.isBlocked('gus', 'ada')).toBe(false);
    expect(graph.isBlocked('bob', 'gus')).toBe(false);
    expect(graph.blockedMembers('bob')).toEqual([]);
    expect(graph.privacy('gus')).toEqual(graph.privacy('eve'));
    expect(graph.groupsOf('gus')).toEqual([]);
    expect(graph.groupsOf('ada')).toEqual(['secret']);
    expect(graph.quota('gus', 'message')).toMatchObject({ used: 0 });
    graph.connect('gus', 'cy');
    expect(graph.attempt('gus', 'message', 'cy').allowed).toBe(true);
    // the group 'only-fay' is gone and its slot reused cleanly
    graph.joinGroup('gus', 'new');
    expect(graph.sharedGroups('gus', 'ada')).toEqual([]);
  });
});

describe('custom policies', () => {
  it('definePolicy + degreeRule, swapped at run time', () => {
    const graph = line();
    const recruiters: Policy = definePolicy('recruiters', DEFAULT_POLICY, {
      message: degreeRule<'message'>({ upTo: 3, openProfile: true }),
      viewContactInfo: degreeRule<'viewContactInfo'>({
        upTo: 1,
        maxDegree: 2,
        when: (f) => (f.degree === 2 && f.sharedGroup ? { allowed: true, reason: 'custom' } : undefined),
      }),
    });
    expect(graph.can('ada', 'message', 'dee').allowed).toBe(false);
    graph.setPolicy(recruiters);
    expect(graph.policy()).toBe(recruiters);
    expect(graph.can('ada', 'message', 'dee')).toEqual({ allowed: true, reason: 'third-degree', degree: 3 });
    expect(graph.can('ada', 'viewContactInfo', 'cy')).toEqual({ allowed: false, reason: 'too-far', degree: 2 });
    graph.joinGroup('ada', 'g');
    graph.joinGroup('cy', 'g');
    expect(graph.can('ada', 'viewContactInfo', 'cy')).toEqual({ allowed: true, reason: 'custom', degree: 2 });
    expect(graph.can('ada', 'viewContactInfo', 'dee').allowed).toBe(false);
    graph.setPolicy('strict');
    expect(graph.policy()).toBe(STRICT_POLICY);
    expect(graph.can('ada', 'message', 'cy').allowed).toBe(true); // shared group
    graph.setPolicy('default');
    expect(graph.policy()).toBe(DEFAULT_POLICY);
  });

  it('a rule with maxDegree 0 makes no degree lookup; engine rules stay in force', () => {
    const graph = line();
    const open = definePolicy('open', DEFAULT_POLICY, {
      message: { maxDegree: 0, decide: () => ({ allowed: true, reason: 'custom' }) },
    });
    graph.setPolicy(open);
    expect(graph.can('ada', 'message', 'fay')).toEqual({ allowed: true, reason: 'custom', degree: null });
    expect(graph.can('ada', 'message', 'ada')).toEqual({ allowed: false, reason: 'self', degree: 0 });
    graph.block('fay', 'ada');
    expect(graph.can('ada', 'message', 'fay').reason).toBe('blocked');
    graph.setQuota('message', { limit: 1, windowMs: 10 });
    expect(graph.attempt('ada', 'message', 'bob').allowed).toBe(true);
    expect(graph.can('ada', 'message', 'bob').reason).toBe('quota-exceeded');
  });

  it('a rule returning a malformed verdict throws INVALID_OPTION', () => {
    const graph = line();
    graph.setPolicy(definePolicy('bad', DEFAULT_POLICY, { message: { maxDegree: 1, decide: () => ({ allowed: 'yes', reason: 'custom' }) as never } }));
    expect(codeOf(() => graph.can('ada', 'message', 'bob'))).toBe('INVALID_OPTION');
    graph.setPolicy(definePolicy('bad2', DEFAULT_POLICY, { message: { maxDegree: 1, decide: () => ({ allowed: true, reason: 'because' }) as never } }));
    expect(codeOf(() => graph.can('ada', 'message', 'bob'))).toBe('INVALID_OPTION');
    graph.setPolicy(definePolicy('bad3', DEFAULT_POLICY, { viewProfile: { maxDegree: 1, decide: () => ({ allowed: true, reason: 'custom', level: 'none' }) } }));
    expect(codeOf(() => graph.can('ada', 'viewProfile', 'bob'))).toBe('INVALID_OPTION');
  });

  it('rejects malformed policies and rules', () => {
    expect(codeOf(() => definePolicy('x', DEFAULT_POLICY, { shout: degreeRule({ upTo: 1 }) } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => definePolicy('x', DEFAULT_POLICY, { message: { maxDegree: 1 } } as never))).toBe('INVALID_OPTION');
    expect(codeOf(() => definePolicy('x', DEFAULT_POLICY, { message: { maxDegree: -1, decide: () => ({ allowed: true, reason: 'custom' }) } }))).toBe('INVALID_OPTION');
    expect(codeOf(() => definePolicy('', DEFAULT_POLICY))).toBe('INVALID_OPTION');
    expect(codeOf(() => degreeRule({ upTo: 4 as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => degreeRule({ upTo: 2, maxDegree: 1 }))).toBe('INVALID_OPTION');
  });
});

describe('invitation hook', () => {
  it('pendingInvitation is asked only for invite, and denies it', () => {
    const graph = line();
    const asked: string[] = [];
    memberPolicyState(graphInternals(graph)).pendingInvitation = (a, b) => {
      asked.push(`${a}-${b}`);
      return true;
    };
    expect(graph.can('ada', 'invite', 'cy')).toEqual({ allowed: false, reason: 'invitation-pending', degree: 2 });
    expect(graph.can('ada', 'message', 'cy').allowed).toBe(true);
    expect(asked.length).toBe(1);
  });
});

describe('quotas', () => {
  it('slide: each use counts for exactly windowMs, and changing the limit carries uses over', () => {
    let now = 0;
    const graph = line({ clock: () => now });
    graph.setQuota('message', { limit: 3, windowMs: 100 });
    for (const t of [0, 10, 20]) {
      now = t;
      expect(graph.attempt('ada', 'message', 'cy').allowed).toBe(true);
    }
    expect(graph.can('ada', 'message', 'cy').reason).toBe('quota-exceeded');
    expect(graph.attempt('ada', 'message', 'cy').reason).toBe('quota-exceeded'); // a denied attempt uses nothing
    expect(graph.quota('ada', 'message')).toEqual({ limit: 3, windowMs: 100, used: 3, remaining: 0, resetAt: 100 });
    now = 100;
    expect(graph.quota('ada', 'message')).toMatchObject({ used: 2, remaining: 1, resetAt: 110 });
    graph.setQuota('message', { limit: 1, windowMs: 100 });
    expect(graph.quota('ada', 'message')).toMatchObject({ used: 1, remaining: 0 });
    graph.setQuota('message', null);
    expect(graph.quota('ada', 'message')).toBeNull();
    expect(graph.can('ada', 'message', 'cy').allowed).toBe(true);
  });

  it('SlidingWindowQuota counts each use at its own time: a clock going back frees no slot', () => {
    const quota = new SlidingWindowQuota({ limit: 2, windowMs: 10 });
    quota.record(0, 100);
    quota.record(0, 50);
    expect(quota.usage(0, 100)).toMatchObject({ used: 1, resetAt: 110 });
    expect(quota.usage(0, 55)).toMatchObject({ used: 2, resetAt: 60 }); // the use at 100 counts at 55 too
    expect(quota.used(0, 110)).toBe(0);
  });
});

describe('events', () => {
  it('emits blocked, unblocked, privacyChanged, groupJoined, groupLeft', () => {
    const graph = line();
    const log: SocialGraphEvent[] = [];
    for (const type of ['blocked', 'unblocked', 'privacyChanged', 'groupJoined', 'groupLeft', 'disconnected'] as const) {
      graph.on(type, (event) => log.push(event));
    }
    graph.block('ada', 'bob');
    graph.block('ada', 'bob');
    graph.unblock('ada', 'bob');
    graph.unblock('ada', 'bob');
    graph.setPrivacy('ada', { openProfile: true });
    graph.joinGroup('ada', 'g');
    graph.joinGroup('ada', 'g');
    graph.leaveGroup('ada', 'g');
    expect(log.map((e) => e.type)).toEqual(['disconnected', 'blocked', 'unblocked', 'privacyChanged', 'groupJoined', 'groupLeft']);
    expect(log[1]).toEqual({ type: 'blocked', a: 'ada', b: 'bob' });
    expect(log[3]).toMatchObject({ type: 'privacyChanged', id: 'ada', settings: { openProfile: true } });
  });
});

describe('clock', () => {
  it('is injectable and validated', () => {
    expect(new SocialGraph({ clock: () => 42 }).now()).toBe(42);
    // The default clock is Date.now: its reading lies between two readings taken around it.
    const before = Date.now();
    const now = new SocialGraph().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(codeOf(() => new SocialGraph({ clock: 42 as never }))).toBe('INVALID_OPTION');
    expect(codeOf(() => SocialGraph.fromEdges([], { clock: 'now' as never }))).toBe('INVALID_OPTION');
  });
});

describe('bad input: typed errors that change nothing', () => {
  const cases: [string, SocialGraphErrorCode, (g: SocialGraph) => unknown][] = [
    ['can with an unknown action', 'INVALID_OPTION', (g) => g.can('ada', 'poke' as never, 'bob')],
    ['can with a non-string action', 'INVALID_OPTION', (g) => g.can('ada', 7 as never, 'bob')],
    ['can with an unknown viewer', 'MEMBER_NOT_FOUND', (g) => g.can('zed', 'message', 'bob')],
    ['can with an unknown target', 'MEMBER_NOT_FOUND', (g) => g.can('ada', 'message', 'zed')],
    ['can with an invalid id', 'INVALID_ID', (g) => g.can('', 'message', 'bob')],
    ['attempt with an unknown action', 'INVALID_OPTION', (g) => g.attempt('ada', 'poke' as never, 'bob')],
    ['attempt with an unknown target', 'MEMBER_NOT_FOUND', (g) => g.attempt('ada', 'message', 'zed')],
    ['block of self', 'SELF_BLOCK', (g) => g.block('ada', 'ada')],
    ['block of an unknown member', 'MEMBER_NOT_FOUND', (g) => g.block('ada', 'zed')],
    ['block with an invalid id', 'INVALID_ID', (g) => g.block(null as never, 'ada')],
    ['unblock of an unknown member', 'MEMBER_NOT_FOUND', (g) => g.unblock('zed', 'ada')],
    ['isBlocked of an unknown member', 'MEMBER_NOT_FOUND', (g) => g.isBlocked('ada', 'zed')],
    ['setPrivacy with an unknown key', 'INVALID_OPTION', (g) => g.setPrivacy('ada', { shy: true } as never)],
    ['setPrivacy with a bad value', 'INVALID_OPTION', (g) => g.setPrivacy('ada', { connectionsVisibility: 'friends' } as never)],
    ['setPrivacy with a good and a bad value', 'INVALID_OPTION', (g) => g.setPrivacy('ada', { openProfile: true, invitations: 'all' } as never)],
    ['setPrivacy with a non-boolean openProfile', 'INVALID_OPTION', (g) => g.setPrivacy('ada', { openProfile: 1 } as never)],
    ['setPrivacy with null', 'INVALID_OPTION', (g) => g.setPrivacy('ada', null as never)],
    ['setPrivacy of an unknown member', 'MEMBER_NOT_FOUND', (g) => g.setPrivacy('zed', { openProfile: true })],
    ['joinGroup with an empty name', 'INVALID_OPTION', (g) => g.joinGroup('ada', '')],
    ['joinGroup with a number', 'INVALID_OPTION', (g) => g.joinGroup('ada', 3 as never)],
    ['joinGroup of an unknown member', 'MEMBER_NOT_FOUND', (g) => g.joinGroup('zed', 'g')],
    ['leaveGroup with an empty name', 'INVALID_OPTION', (g) => g.leaveGroup('ada', '')],
    ['sharedGroups of an unknown member', 'MEMBER_NOT_FOUND', (g) => g.sharedGroups('ada', 'zed')],
    ['setPolicy with a name that is no preset', 'INVALID_OPTION', (g) => g.setPolicy('lenient' as never)],
    ['setPolicy with a policy missing a rule', 'INVALID_OPTION', (g) => g.setPolicy({ name: 'x', rules: { ...DEFAULT_POLICY.rules, message: undefined } } as never)],
    ['setPolicy with an unknown action', 'INVALID_OPTION', (g) => g.setPolicy({ name: 'x', rules: { ...DEFAULT_POLICY.rules, poke: DEFAULT_POLICY.rules.message } } as never)],
    ['setQuota with an unknown action', 'INVALID_OPTION', (g) => g.setQuota('poke' as never, { limit: 1, windowMs: 1 })],
    ['setQuota with limit 0', 'INVALID_OPTION', (g) => g.setQuota('invite', { limit: 0, windowMs: 1 })],
    ['setQuota with limit 1.5', 'INVALID_OPTION', (g) => g.setQuota('invite', { limit: 1.5, windowMs: 1 })],
    ['setQuota with windowMs 0', 'INVALID_OPTION', (g) => g.setQuota('invite', { limit: 1, windowMs: 0 })],
    ['setQuota with windowMs Infinity', 'INVALID_OPTION', (g) => g.setQuota('invite', { limit: 1, windowMs: Infinity })],
    ['quota with an unknown action', 'INVALID_OPTION', (g) => g.quota('ada', 'poke' as never)],
    ['viewAs of an unknown member', 'MEMBER_NOT_FOUND', (g) => g.viewAs('zed')],
    ['window degree with a bad maxDepth', 'INVALID_OPTION', (g) => g.viewAs('ada').degree('bob', { maxDepth: -1 })],
    ['window degrees with an unknown id', 'MEMBER_NOT_FOUND', (g) => g.viewAs('ada').degrees(['bob', 'zed'])],
    ['window can with an unknown action', 'INVALID_OPTION', (g) => g.viewAs('ada').can('poke' as never, 'bob')],
    ['window of a removed viewer', 'MEMBER_NOT_FOUND', (g) => {
      const me = g.viewAs('fay');
      g.removeMember('fay');
      g.addMember('fay2');
      return me.reach();
    }],
  ];
  it.each(cases)('%s', (_, code, call) => {
    const graph = line({ clock: () => 5 });
    graph.block('eve', 'fay');
    graph.setPrivacy('bob', { openProfile: true });
    graph.joinGroup('cy', 'g');
    graph.setQuota('message', { limit: 5, windowMs: 10 });
    graph.attempt('ada', 'message', 'bob');
    const removes = call.toString().includes('removeMember');
    const before = policySnapshot(graph);
    expect(codeOf(() => call(graph))).toBe(code);
    if (!removes) expect(policySnapshot(graph)).toEqual(before);
  });
});
