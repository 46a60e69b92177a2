/**
 * Profiles and their dictionary-encoded attribute columns: random updates against a naive map,
 * recycling of codes, widening past 65,535 values, removal of members, and bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { AttributeIndex, NO_VALUE } from '../../src/features/profiles/attribute-index.js';
import { fcParams } from '../support/fc-config.js';
import { graphInternals, profileStore } from '../support/internals.js';

function consistent(index: AttributeIndex, model: Map<number, string>, bound: number): void {
  const counts = new Map<string, number>();
  for (const value of model.values()) counts.set(value, (counts.get(value) ?? 0) + 1);
  expect(index.distinctValues).toBe(counts.size);
  for (let v = 0; v < bound; v++) {
    const value = model.get(v);
    const code = index.codeOf(v);
    if (value === undefined) expect(code).toBe(NO_VALUE);
    else {
      expect(code).not.toBe(NO_VALUE);
      expect(index.valueOf(code)).toBe(value);
      expect(index.lookup(value)).toBe(code);
    }
  }
  for (const [value, count] of counts) expect(index.countOf(index.lookup(value))).toBe(count);
  const sorted = [...counts.keys()].sort((a, b) => (a < b ? -1 : 1));
  expect(index.sortedValues()).toEqual(sorted);
  const ranks = index.ranks();
  for (const value of sorted) expect(sorted[ranks[index.lookup(value)]!]).toBe(value);
  expect(index.codeBound).toBeLessThanOrEqual(counts.size + 1 + 64); // codes are recycled
}

describe('AttributeIndex', () => {
  it('matches a naive map under random updates', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'é', 'B', ''), { nil: undefined })), { maxLength: 200 }), (updates) => {
        const index = new AttributeIndex('company');
        const model = new Map<number, string>();
        for (const [v, value] of updates) {
          index.set(v, value);
          if (value === undefined) model.delete(v);
          else model.set(v, value);
          consistent(index, model, 41);
        }
        expect(index.bytesPerMember).toBe(2);
      }),
      // Runs of up to 200 updates (checked after each): 50 runs make ~5,000 checked updates.
      fcParams(50),
    );
  });

  it('widens its column to 4 bytes past 65,535 distinct values, keeping every code', () => {
    const index = new AttributeIndex('title');
    const n = 70_000;
    index.reserve(n);
    for (let v = 0; v < n; v++) index.set(v, `t${v}`);
    expect(index.bytesPerMember).toBe(4);
    for (let v = 0; v < n; v += 997) expect(index.valueOf(index.codeOf(v))).toBe(`t${v}`);
    expect(index.distinctValues).toBe(n);
  });
});

type Profile = { name: string; company?: string | null; location?: string };

describe('profiles on a graph', () => {
  it('keeps the columns in step with setProfile, removeProfile and removeMember', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            op: fc.constantFrom('set', 'set', 'set', 'clear', 'remove', 'add'),
            member: fc.nat(9),
            company: fc.option(fc.constantFrom('Acme', 'Birch', 'Cobalt'), { nil: undefined }),
          }),
          { maxLength: 60 },
        ),
        (ops) => {
          const graph = new SocialGraph<Profile>({ indexedAttributes: ['company', 'location'] });
          const model = new Map<string, Profile>();
          const alive = new Set<string>();
          for (let i = 0; i < 10; i++) (graph.addMember(`p${i}`), alive.add(`p${i}`));
          for (const { op, member, company } of ops) {
            const id = `p${member}`;
            if (op === 'add') {
              if (!alive.has(id)) (graph.addMember(id), alive.add(id));
              continue;
            }
            if (!alive.has(id)) continue;
            if (op === 'set') {
              const profile: Profile = company === undefined ? { name: id } : { name: id, company };
              graph.setProfile(id, profile);
              model.set(id, profile);
            } else if (op === 'clear') expect(graph.removeProfile(id)).toBe(model.delete(id));
            else {
              graph.removeMember(id);
              alive.delete(id);
              model.delete(id);
            }
          }
          const internals = graphInternals(graph);
          const store = profileStore(internals);
          const column = store.index('company')!;
          const expected = new Map<number, string>();
          for (const id of alive) {
            expect(graph.profile(id)).toEqual(model.get(id));
            const v = internals.index('test', id);
            const company = model.get(id)?.company;
            if (typeof company === 'string') expected.set(v, company);
          }
          consistent(column, expected, internals.store.indexBound);
          expect(store.count).toBe(model.size);
        },
      ),
      fcParams(200),
    );
  });

  it('stores a frozen copy', () => {
    const graph = new SocialGraph<Profile>({ indexedAttributes: ['company'] });
    graph.addMember('a');
    const mine: Profile = { name: 'A', company: 'Acme' };
    graph.setProfile('a', mine);
    mine.company = 'Other';
    expect(graph.profile('a')).toEqual({ name: 'A', company: 'Acme' });
    expect(Object.isFrozen(graph.profile('a'))).toBe(true);
  });

  it('rejects bad profiles and options with typed errors, changing nothing', () => {
    const graph = new SocialGraph<Profile>({ indexedAttributes: ['company'] });
    graph.addMember('a');
    graph.setProfile('a', { name: 'A', company: 'Acme' });
    const code = (call: () => unknown): string | undefined => {
      try {
        call();
      } catch (error) {
        return (error as SocialGraphError).code;
      }
      return undefined;
    };
    expect(code(() => graph.setProfile('a', { name: 'A', company: 3 as never }))).toBe('INVALID_OPTION');
    expect(code(() => graph.setProfile('a', null as never))).toBe('INVALID_OPTION');
    expect(code(() => graph.setProfile('a', [] as never))).toBe('INVALID_OPTION');
    expect(code(() => graph.setProfile('zed', { name: 'Z' }))).toBe('MEMBER_NOT_FOUND');
    expect(graph.profile('a')).toEqual({ name: 'A', company: 'Acme' });
    expect(code(() => new SocialGraph({ indexedAttributes: ['a', 'a'] }))).toBe('INVALID_OPTION');
    expect(code(() => new SocialGraph({ indexedAttributes: 'company' as never }))).toBe('INVALID_OPTION');
    expect(code(() => new SocialGraph({ indexedAttributes: [''] }))).toBe('INVALID_OPTION');
    expect(code(() => new SocialGraph({ limitedProfileFields: [3 as never] }))).toBe('INVALID_OPTION');
    expect(code(() => new SocialGraph({ viewerCache: -1 }))).toBe('INVALID_OPTION');
    expect(code(() => SocialGraph.fromEdges([], { viewerCache: 1.5 }))).toBe('INVALID_OPTION');
  });
});
