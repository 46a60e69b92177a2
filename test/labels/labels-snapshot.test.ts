/**
 * Profiles and labels survive a snapshot (sections `profiles` and `labels`), members renumbered
 * densely after removals; search answers are the same after the round trip.
 */
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';

type Profile = { name: string; company?: string; location?: string };

describe('profile and label snapshot sections', () => {
  it('round-trip, with removed members leaving holes', () => {
    const graph = new SocialGraph<Profile>({ indexedAttributes: ['company', 'location'], limitedProfileFields: ['name'] });
    for (let i = 0; i < 12; i++) graph.addMember(`m${i}`);
    // Chains hanging off m0 (m1-m2, m3-m4-m5, ...): search sees degrees 1, 2 and 3.
    for (let i = 1; i < 12; i++) graph.connect(`m${i}`, `m${i % 3 === 1 ? 0 : i - 1}`);
    graph.connect('m0', 'm7');
    for (let i = 0; i < 12; i++) if (i % 3 !== 0) graph.setProfile(`m${i}`, { name: `M${i}`, company: i % 2 ? 'Acme' : 'Birch', location: 'Oslo' });
    graph.tag('m0', 'm2', 'recruiter');
    graph.tag('m0', 'm4', 'recruiter');
    graph.tag('m0', 'm4', 'friend');
    graph.createList('m0', 'hiring');
    graph.createList('m0', 'empty');
    graph.addToList('m0', 'hiring', 'm5');
    graph.addToList('m0', 'hiring', 'm2');
    graph.favorite('m0', 'm7');
    graph.hide('m0', 'm8');
    graph.hide('m5', 'm0');
    graph.removeMember('m3');
    graph.removeMember('m1');
    const copy = SocialGraph.fromBytes(graph.toBytes()) as unknown as SocialGraph<Profile>;
    for (const id of graph.members()) {
      expect(copy.profile(id)).toEqual(graph.profile(id));
      expect(copy.lists(id)).toEqual(graph.lists(id));
      for (const list of graph.lists(id)) expect(copy.list(id, list)).toEqual(graph.list(id, list));
      expect(copy.favorites(id)).toEqual(graph.favorites(id));
      expect(copy.hiddenMembers(id)).toEqual(graph.hiddenMembers(id));
      for (const tag of ['recruiter', 'friend']) expect(copy.tagged(id, tag)).toEqual(graph.tagged(id, tag));
      const query = { degree: [1, 2, 3] as (1 | 2 | 3)[], where: { company: 'Acme' }, sort: { attribute: 'location' as const } };
      expect(copy.viewAs(id).search(query)).toEqual(graph.viewAs(id).search(query));
    }
    // Every feature's state: the copy's snapshot is the original's, byte for byte.
    expect(copy.toBytes()).toEqual(graph.toBytes());
    expect(graph.viewAs('m0').search({ degree: [3] }).hits.length).toBeGreaterThan(0);
    expect(copy.lists('m0')).toEqual(['hiring', 'empty']);
    expect(copy.hiddenMembers('m0')).toEqual(['m8']);
  });

  it('leaves the sections out of graphs without profiles or labels', () => {
    const graph = SocialGraph.fromEdges([['a', 'b']]);
    const copy = SocialGraph.fromBytes(graph.toBytes());
    expect(copy.profile('a')).toBeUndefined();
    expect(copy.lists('a')).toEqual([]);
  });
});
