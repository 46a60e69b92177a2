/**
 * A custom permission policy for a recruiting product, derived from the default preset:
 *
 * - recruiters (members of the group "recruiters") may message anyone up to degree 3;
 * - everybody else follows the default rules, except that contact info is also shown at degree 2
 *   to members who share a group;
 * - invitations are limited to 3 per week per member (a sliding window on an injected clock).
 *
 * It asserts its own output: `npx tsx examples/custom-policy.ts` exits non-zero on any mismatch.
 * In a project that installed the package, import from 'social-graph' instead of '../src/index.js'.
 */
import assert from 'node:assert/strict';
import { DEFAULT_POLICY, SocialGraph, definePolicy, degreeRule, type PairFacts } from 'social-graph';

const WEEK = 7 * 24 * 3600_000;
let now = Date.UTC(2026, 0, 5);
const graph = new SocialGraph({ clock: () => now });

// ada - bob - cy - dee - eve, and ray the recruiter knows ada.
for (const id of ['ada', 'bob', 'cy', 'dee', 'eve', 'ray']) graph.addMember(id);
graph.connect('ada', 'bob');
graph.connect('bob', 'cy');
graph.connect('cy', 'dee');
graph.connect('dee', 'eve');
graph.connect('ray', 'ada');
graph.joinGroup('ray', 'recruiters');

// Which groups a member is in is application data: look it up through the graph.
const isRecruiter = (facts: PairFacts): boolean => graph.groupsOf(facts.viewer).includes('recruiters');

const recruiting = definePolicy('recruiting', DEFAULT_POLICY, {
  // Degree thresholds as data, plus a custom predicate asked first.
  message: degreeRule<'message'>({
    upTo: 2,
    sharedGroup: true,
    openProfile: true,
    maxDegree: 3, // the predicate needs to see degree 3
    when: (facts) => (isRecruiter(facts) && facts.degree !== null ? { allowed: true, reason: 'custom' } : undefined),
  }),
  // A hand-written rule: full typing of the facts and of the verdict.
  viewContactInfo: {
    maxDegree: 2,
    decide: (facts) => {
      if (facts.degree === 1) return { allowed: true, reason: 'connected' };
      if (facts.degree === 2 && facts.sharedGroup) return { allowed: true, reason: 'shared-group' };
      return { allowed: false, reason: 'too-far' };
    },
  },
});

// Default rules first, then swap the rule set at run time.
assert.deepEqual(graph.can('ray', 'message', 'cy'), { allowed: false, reason: 'too-far', degree: null });
graph.setPolicy(recruiting);
assert.equal(graph.policy().name, 'recruiting');
assert.deepEqual(graph.can('ray', 'message', 'cy'), { allowed: true, reason: 'custom', degree: 3 });
assert.deepEqual(graph.can('ray', 'message', 'dee'), { allowed: false, reason: 'too-far', degree: null }); // degree 4
assert.deepEqual(graph.can('ada', 'message', 'dee'), { allowed: false, reason: 'too-far', degree: 3 });
assert.deepEqual(graph.can('ada', 'viewContactInfo', 'cy'), { allowed: false, reason: 'too-far', degree: 2 });
graph.joinGroup('ada', 'typescript');
graph.joinGroup('cy', 'typescript');
assert.deepEqual(graph.can('ada', 'viewContactInfo', 'cy'), { allowed: true, reason: 'shared-group', degree: 2 });

// Blocks override every rule, custom ones included; the viewer's window hides the blocked member.
graph.block('cy', 'ray');
assert.deepEqual(graph.can('ray', 'message', 'cy'), { allowed: false, reason: 'blocked', degree: null });
assert.equal(graph.viewAs('ray').degree('cy'), null);
graph.unblock('cy', 'ray');
assert.equal(graph.can('ray', 'message', 'cy').allowed, true);

// Quotas: 2 invitations a week, sliding; attempt then invite is one invitation, one unit.
graph.setQuota('invite', { limit: 2, windowMs: WEEK });
assert.equal(graph.attempt('ada', 'invite', 'cy').allowed, true); // uses one unit...
graph.invite('ada', 'cy'); // ...and sending that invitation uses no second one
assert.equal(graph.attempt('ada', 'invite', 'dee').allowed, true);
assert.deepEqual(graph.quota('ada', 'invite'), { limit: 2, windowMs: WEEK, used: 2, remaining: 0, resetAt: now + WEEK });
now += WEEK; // the first invitations leave the window
assert.equal(graph.quota('ada', 'invite')?.remaining, 2);

// The strict preset is one call away.
graph.setPolicy('strict');
assert.deepEqual(graph.can('ada', 'message', 'cy'), { allowed: true, reason: 'shared-group', degree: null });
assert.deepEqual(graph.can('bob', 'message', 'dee'), { allowed: false, reason: 'too-far', degree: null });

console.log('custom-policy example: all assertions passed');
