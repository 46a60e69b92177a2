/**
 * Operations are atomic and their bookkeeping is internal: user listeners run after an operation
 * is complete and cannot corrupt it; re-entrant queries answer exactly; reads and failed calls
 * change nothing, bytes included; a snapshot whose sections contradict each other is refused.
 */
import { describe, expect, it } from 'vitest';
import { SocialGraph, type SocialGraphEvent } from '../../src/index.js';
import { writeSnapshot } from '../../src/graph/snapshot-format.js';
import { graphParts } from '../../src/social-graph.js';
import { codeOf } from '../support/errors.js';

type Profile = { company?: string };

/** ada - bob - cy - dee - eve, plus profiles and an index on company. */
function world(errors: unknown[] = []): SocialGraph<Profile> {
  const graph = new SocialGraph<Profile>({ indexedAttributes: ['company'], onListenerError: (error) => errors.push(error), clock: () => 1_700_000_000_000 });
  for (const id of ['ada', 'bob', 'cy', 'dee', 'eve']) graph.addMember(id);
  graph.connect('ada', 'bob');
  graph.connect('bob', 'cy');
  graph.connect('cy', 'dee');
  graph.connect('dee', 'eve');
  for (const id of ['bob', 'cy', 'dee']) graph.setProfile(id, { company: 'Acme' });
  return graph;
}

const boom = (): never => {
  throw new Error('listener failed');
};

describe('listeners cannot corrupt state', () => {
  it('a throwing invitationCancelled listener during removeMember: the member is fully removed, and others still hear', () => {
    const errors: unknown[] = [];
    const graph = world(errors);
    graph.invite('ada', 'cy');
    graph.block('cy', 'eve');
    graph.tag('cy', 'ada', 'friend');
    const heard: string[] = [];
    graph.on('invitationCancelled', boom);
    graph.on('invitationCancelled', (e) => heard.push(e.type));
    graph.on('memberRemoved', (e) => heard.push(`${e.type} ${e.id}`));
    expect(() => graph.removeMember('cy')).not.toThrow();
    expect(graph.hasMember('cy')).toBe(false);
    expect(heard).toEqual(['invitationCancelled', 'memberRemoved cy']);
    expect(errors).toHaveLength(1);
    // The index is reused by the next member, which inherits nothing.
    graph.addMember('zed');
    expect(graph.isBlocked('zed', 'eve')).toBe(false);
    expect(graph.profile('zed')).toBeUndefined();
    expect(graph.sentInvitations('ada')).toEqual([]);
    // eve, whom cy had blocked, is not hidden from anyone now.
    expect(graph.viewAs('dee').search({ degree: [1] }).hits.map((h) => h.id).sort()).toEqual(['eve']);
  });

  it('a throwing invitationAccepted listener during connect: the viewer cache stays exact', () => {
    const graph = world();
    for (let i = 0; i < 3; i++) graph.degrees('ada', ['cy', 'dee', 'eve']); // cache ada's ball
    const invitation = graph.invite('ada', 'dee');
    graph.on('invitationAccepted', boom);
    graph.accept(invitation.id);
    expect(graph.degrees('ada', ['cy', 'dee', 'eve'])).toEqual([2, 1, 2]);
    const fresh = SocialGraph.fromBytes(graph.toBytes());
    expect(fresh.degrees('ada', ['cy', 'dee', 'eve'])).toEqual([2, 1, 2]);
  });

  it('a throwing disconnected listener during block: the pair’s labels are gone', () => {
    const graph = world();
    graph.tag('ada', 'bob', 'mentor');
    graph.favorite('bob', 'ada');
    graph.on('disconnected', boom);
    expect(graph.block('ada', 'bob')).toBe(true);
    expect(graph.tagsOf('ada', 'bob')).toEqual([]);
    expect(graph.favorites('bob')).toEqual([]);
    expect(graph.areConnected('ada', 'bob')).toBe(false);
  });

  it('events go out after the operation: a listener sees the finished state, in order', () => {
    const graph = world();
    const seen: string[] = [];
    graph.on('disconnected', ({ a, b }) => seen.push(`disconnected ${a} ${b} connected=${graph.areConnected(a, b)} blocked=${graph.isBlocked(a, b)}`));
    graph.on('blocked', ({ a, b }) => seen.push(`blocked ${a} ${b}`));
    graph.block('bob', 'cy');
    expect(seen).toEqual(['disconnected bob cy connected=false blocked=true', 'blocked bob cy']);
  });

  it('every listener is called even if one throws; the error goes to onListenerError, the call returns', () => {
    const errors: unknown[] = [];
    const graph = world(errors);
    const calls: number[] = [];
    graph.on('connected', () => calls.push(1));
    graph.on('connected', boom);
    graph.on('connected', () => calls.push(3));
    expect(graph.connect('ada', 'eve')).toBe(true);
    expect(calls).toEqual([1, 3]);
    expect((errors[0] as Error).message).toBe('listener failed');
  });

  it('a re-entrant listener that changes the graph: its events follow, in order', () => {
    const graph = world();
    const seen: string[] = [];
    graph.on('connected', ({ a, b }) => {
      seen.push(`+${a}${b}`);
      if (a === 'ada' && b === 'eve') graph.connect('ada', 'dee');
    });
    graph.connect('ada', 'eve');
    expect(seen).toEqual(['+adaeve', '+adadee']);
    expect(graph.connectionCountOf('ada')).toBe(3);
  });

  it('a failed operation delivers nothing', () => {
    const graph = world();
    const seen: SocialGraphEvent[] = [];
    graph.on('connected', (e) => seen.push(e));
    expect(codeOf(() => graph.connect('ada', 'ada'))).toBe('SELF_CONNECTION');
    expect(codeOf(() => graph.accept('inv-9'))).toBe('INVITATION_NOT_FOUND');
    expect(seen).toEqual([]);
  });

  it('rejects an unknown event type (a typo is not silently accepted)', () => {
    expect(codeOf(() => new SocialGraph().on('connnected' as 'connected', () => undefined))).toBe('INVALID_OPTION');
  });
});

describe('re-entrant queries answer exactly', () => {
  it('a search predicate that queries the graph changes no answer, then or later', () => {
    const graph = world();
    const reference = world();
    const expected = reference.viewAs('ada').search({ degree: [1, 2, 3] }).hits.map((h) => h.id);
    const inner: (number | null)[] = [];
    const hits = graph
      .viewAs('ada')
      .search({
        degree: [1, 2, 3],
        where: (_profile, id) => {
          inner.push(graph.degree('eve', id));
          graph.reach(id);
          graph.viewAs('eve').search({ degree: [1, 2] });
          return true;
        },
      })
      .hits.map((h) => h.id);
    expect(hits).toEqual(expected);
    expect(inner.sort()).toEqual(['bob', 'cy', 'dee'].map((id) => reference.degree('eve', id)).sort());
    for (const [a, b] of [['ada', 'eve'], ['bob', 'dee'], ['eve', 'bob']] as const) expect(graph.degree(a, b)).toBe(reference.degree(a, b));
    expect(graph.reach('ada')).toEqual(reference.reach('ada'));
    expect(graph.viewAs('cy').search({ degree: [1, 2] }).hits).toEqual(reference.viewAs('cy').search({ degree: [1, 2] }).hits);
  });
});

describe('reads and failed calls change nothing, bytes included', () => {
  it('on a fresh graph', () => {
    const graph = new SocialGraph();
    graph.addMember('a');
    graph.addMember('b');
    const before = graph.toBytes();
    const attempts: (() => unknown)[] = [
      () => graph.setPrivacy('a', { bogus: true } as never),
      () => graph.invite('a', 'a'),
      () => graph.accept('inv-9'),
      () => graph.suggestions('a', { limit: -1 }),
      () => graph.setProfile('a', 5 as never),
      () => graph.viewAs('a').search({ limit: 0 }),
      () => graph.can('a', 'message', 'b'),
      () => graph.viewAs('a'),
      () => graph.profile('a'),
      () => graph.privacy('a'),
      () => graph.quota('a', 'invite'),
      () => graph.lists('a'),
      () => graph.tagged('a', 'x'),
      () => graph.groupsOf('a'),
      () => graph.degrees('a', ['b']),
      () => graph.introductions('a', 'b'),
      () => graph.sentInvitations('a'),
    ];
    for (const attempt of attempts) {
      try {
        attempt();
      } catch {
        // a failed call: checked below to have changed nothing
      }
    }
    expect(graph.toBytes()).toEqual(before);
  });
});

describe('crafted snapshots', () => {
  it('refuses sections that contradict each other (an invitation pending between a blocked pair)', () => {
    const invited = new SocialGraph();
    const blocked = new SocialGraph();
    for (const graph of [invited, blocked]) for (const id of ['a', 'b', 'c']) graph.addMember(id);
    invited.connect('b', 'c');
    blocked.connect('b', 'c');
    invited.connect('a', 'c');
    blocked.connect('a', 'c');
    invited.invite('a', 'b');
    blocked.block('a', 'b');
    const i = graphParts(invited);
    const b = graphParts(blocked);
    // Valid checksums, recombined sections: the blocked graph's policy with the invitations.
    const bytes = writeSnapshot(i.core, [b.permissions.section, i.labels.section, i.profiles.section, i.invitations.section]);
    expect(codeOf(() => SocialGraph.fromBytes(bytes))).toBe('SNAPSHOT_CORRUPT');
    // Labels between a blocked pair, likewise.
    const labelled = new SocialGraph();
    for (const id of ['a', 'b', 'c']) labelled.addMember(id);
    labelled.connect('b', 'c');
    labelled.connect('a', 'c');
    labelled.tag('a', 'b', 'x');
    const l = graphParts(labelled);
    expect(codeOf(() => SocialGraph.fromBytes(writeSnapshot(l.core, [b.permissions.section, l.labels.section])))).toBe('SNAPSHOT_CORRUPT');
  });
});
