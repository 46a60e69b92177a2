/**
 * Snapshots are a stable format: a file written by an earlier build (committed in
 * test/fixtures/golden) still loads, and the same state written today gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { goldenGraph } from './golden-graph.js';

const GOLDEN = new URL('../fixtures/golden/all-sections-v1.0.sg', import.meta.url);

describe('golden snapshot', () => {
  it('a snapshot written by an earlier build loads with the same answers', () => {
    const graph = SocialGraph.fromBytes(readFileSync(GOLDEN), { clock: () => 1_767_225_700_000 });
    expect(graph.memberCount).toBe(8);
    expect(graph.connectionCount).toBe(5);
    expect(graph.degree('ada', 'urn:li:member:123456789')).toBe(null);
    expect(graph.degree('zoë', 'dee')).toBe(null);
    expect(graph.degree('zoë', 'cy')).toBe(3);
    expect(graph.connectedAt('bob', 'cy')).toBe(1_700_000_000_000);
    expect(graph.profile('ada')).toEqual({ name: 'Ada', company: 'Acme' });
    expect(graph.privacy('cy').openProfile).toBe(true);
    expect(graph.sharedGroups('ada', 'cy')).toEqual(['rust-paris']);
    expect(graph.policy().name).toBe('strict');
    expect(graph.isBlocked('fay', 'eve')).toBe(true);
    expect(graph.sentInvitations('ada').map((i) => i.to)).toEqual(['cy']);
    expect(graph.tagsOf('ada', 'bob')).toEqual(['mentor']);
    expect(graph.list('ada', 'hiring')).toEqual(['cy']);
    expect(graph.favorites('ada')).toEqual(['zoë']);
    expect(graph.hiddenMembers('bob')).toEqual(['urn:li:member:123456789']);
    expect(graph.quota('bob', 'invite')?.limit).toBe(5);
  });

  it('the same state written today gives the same bytes', () => {
    const bytes = goldenGraph().toBytes();
    expect(Buffer.from(bytes).equals(readFileSync(GOLDEN))).toBe(true);
  });
});
