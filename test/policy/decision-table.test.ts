/**
 * The decision table: every preset × action × degree 0–4 (and not connected) × block (none,
 * by the viewer, by the target) × every privacy setting × shared group × pending invitation,
 * against the plain rules of test/policy/spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { SocialGraph, type Decision, type PrivacySettings } from '../../src/index.js';
import { ACTIONS, specDecision, type Preset } from './spec.js';
import { graphInternals, memberPolicyState } from '../support/internals.js';

type Block = 'none' | 'by-viewer' | 'by-target';
const DEGREES: (number | null)[] = [0, 1, 2, 3, 4, null];
const BLOCKS: Block[] = ['none', 'by-viewer', 'by-target'];

function settings(bits: number): PrivacySettings {
  return {
    connectionsVisibility: bits & 1 ? 'private' : 'connections',
    profileVisibility: bits & 2 ? 'public' : 'network',
    openProfile: (bits & 4) !== 0,
    invitations: bits & 8 ? 'anyone' : 'network',
  };
}

interface World {
  graph: SocialGraph;
  target: string;
}

/** v - a1 - a2 - a3 - t with `degree` edges between v and t (t alone when null; t = v for 0). */
function world(degree: number | null, block: Block, bits: number, group: boolean, pending: boolean): World {
  const graph = new SocialGraph();
  for (const id of ['v', 'a1', 'a2', 'a3', 't', 'x']) graph.addMember(id);
  const target = degree === 0 ? 'v' : 't';
  if (degree !== null && degree > 0) {
    const chain = ['v', ...['a1', 'a2', 'a3'].slice(0, degree - 1), 't'];
    for (let i = 0; i + 1 < chain.length; i++) graph.connect(chain[i]!, chain[i + 1]!);
  }
  graph.connect('x', 't');
  graph.connect('x', 'a1');
  graph.block('x', 'v'); // a blocked bystander: paths through x must not count
  graph.setPrivacy(target, settings(bits));
  if (target !== 'v') graph.setPrivacy('v', settings(~bits & 15));
  graph.joinGroup('v', 'viewers');
  graph.joinGroup(target, 'targets');
  if (group) {
    graph.joinGroup('v', 'shared');
    graph.joinGroup(target, 'shared');
  }
  if (block === 'by-viewer') graph.block('v', target);
  if (block === 'by-target') graph.block(target, 'v');
  const internals = graphInternals(graph);
  const vi = internals.index('test', 'v');
  const ti = internals.index('test', target);
  memberPolicyState(internals).pendingInvitation = (a, b) => pending && ((a === vi && b === ti) || (a === ti && b === vi));
  return { graph, target };
}

describe('decision table', () => {
  for (const preset of ['default', 'strict'] as Preset[]) {
    it(`${preset}: every action × degree × block × privacy × group × pending`, () => {
      const mismatches: string[] = [];
      let rows = 0;
      for (const degree of DEGREES) {
        for (const block of BLOCKS) {
          if (degree === 0 && block !== 'none') continue;
          for (let bits = 0; bits < 16; bits++) {
            for (const group of [false, true]) {
              for (const pending of [false, true]) {
                const { graph, target } = world(degree, block, bits, group, pending);
                graph.setPolicy(preset);
                for (const action of ACTIONS) {
                  rows++;
                  const expected = specDecision(preset, action, {
                    degree,
                    blocked: block !== 'none',
                    sharedGroup: group,
                    target: settings(bits),
                    pending,
                    quotaExceeded: false,
                  });
                  const actual: Decision = graph.can('v', action, target);
                  const windowed = graph.viewAs('v').can(action, target);
                  if (JSON.stringify(actual) !== JSON.stringify(expected) || JSON.stringify(windowed) !== JSON.stringify(expected)) {
                    mismatches.push(
                      `${action} degree=${degree} block=${block} privacy=${JSON.stringify(settings(bits))} group=${group} pending=${pending}: ` +
                        `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
                    );
                  }
                }
              }
            }
          }
        }
      }
      expect(rows).toBe(7 * (1 + 5 * 3) * 16 * 2 * 2);
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  }

  it('quota-exceeded replaces an allow of a limited action, and only an allow', () => {
    let now = 0;
    const graph = new SocialGraph({ clock: () => now });
    for (const id of ['v', 'a', 't', 'far']) graph.addMember(id);
    graph.connect('v', 'a');
    graph.connect('a', 't');
    graph.setQuota('message', { limit: 2, windowMs: 1000 });
    expect(graph.attempt('v', 'message', 't')).toEqual({ allowed: true, reason: 'second-degree', degree: 2 });
    now = 10;
    expect(graph.attempt('v', 'message', 'a')).toEqual({ allowed: true, reason: 'connected', degree: 1 });
    expect(graph.can('v', 'message', 't')).toEqual({ allowed: false, reason: 'quota-exceeded', degree: 2 });
    expect(graph.can('v', 'message', 'far')).toEqual({ allowed: false, reason: 'too-far', degree: null });
    expect(graph.can('v', 'message', 'v')).toEqual({ allowed: false, reason: 'self', degree: 0 });
    expect(graph.can('v', 'invite', 't').allowed).toBe(true); // other actions unaffected
    expect(graph.can('t', 'message', 'v').allowed).toBe(true); // per member
    graph.block('t', 'v');
    expect(graph.can('v', 'message', 't').reason).toBe('blocked'); // blocks first
    graph.unblock('t', 'v');
    now = 1000; // the first use leaves the window (it counts for exactly windowMs)
    expect(graph.quota('v', 'message')).toMatchObject({ used: 1, remaining: 1, resetAt: 1010 });
    expect(graph.can('v', 'message', 'a').allowed).toBe(true);
  });
});
