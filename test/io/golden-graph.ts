/** The state of the golden snapshot (test/fixtures/golden): one of each kind, on a fixed clock. */
import { SocialGraph } from '../../src/index.js';

export function goldenGraph(): SocialGraph<{ name: string; company?: string }> {
  let t = 1_767_225_600_000; // 2026-01-01
  const graph = new SocialGraph<{ name: string; company?: string }>({
    indexedAttributes: ['company'],
    connectionTimes: true,
    maxConnectionsPerMember: 1_000,
    clock: () => (t += 1_000),
  });
  for (const id of ['ada', 'bob', 'cy', 'dee', 'eve', 'fay', 'urn:li:member:123456789', 'zoë']) graph.addMember(id);
  graph.connect('ada', 'bob');
  graph.connect('bob', 'cy', { at: 1_700_000_000_000 });
  graph.connect('cy', 'dee');
  graph.connect('dee', 'urn:li:member:123456789');
  graph.connect('zoë', 'ada');
  graph.addMember('gone');
  graph.connect('gone', 'ada');
  graph.removeMember('gone');
  graph.setProfile('ada', { name: 'Ada', company: 'Acme' });
  graph.setProfile('cy', { name: 'Cy', company: 'Initech' });
  graph.setPrivacy('cy', { connectionsVisibility: 'private', openProfile: true });
  graph.joinGroup('ada', 'rust-paris');
  graph.joinGroup('cy', 'rust-paris');
  graph.setQuota('invite', { limit: 5, windowMs: 86_400_000 });
  graph.setPolicy('strict');
  graph.block('eve', 'fay');
  graph.invite('ada', 'cy', { note: 'Hi Cy' });
  const withdrawn = graph.invite('ada', 'dee');
  graph.withdraw(withdrawn.id);
  graph.attempt('bob', 'invite', 'dee');
  graph.dismissSuggestion('bob', 'dee');
  graph.tag('ada', 'bob', 'mentor');
  graph.createList('ada', 'hiring');
  graph.addToList('ada', 'hiring', 'cy');
  graph.favorite('ada', 'zoë');
  graph.hide('bob', 'urn:li:member:123456789');
  return graph;
}

