/**
 * Search and facets against a brute-force oracle on random graphs with random profiles, blocks
 * and hidden members: every page of every query, concatenated, is the oracle's sorted list. The
 * oracle reads only the world the test applied: the profile level is the default policy's
 * `viewProfile` rule restated from docs/policy.md (degree 1–2 in the viewer's world: full, degree
 * 3: limited, which shows only `limitedProfileFields`), and profiles are the ones the test set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/index.js';
import { fcParams, FC_SEED } from '../support/fc-config.js';
import { Coverage } from '../support/coverage.js';

type Profile = { name: string; company?: string; location?: string; title?: string };

const COMPANIES = ['Acme', 'Birch', 'Cobalt', 'Dune'];
const LOCATIONS = ['Paris', 'Lyon', 'Oslo'];

interface World {
  n: number;
  edges: [number, number, number][]; // a, b, seconds
  profiles: (Profile | null)[];
  blocks: [number, number][];
  hides: number[]; // hidden by the viewer (member 0)
}

const world: fc.Arbitrary<World> = fc
  .integer({ min: 2, max: 28 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 50 })), { maxLength: 90 }),
      profiles: fc.array(
        fc.option(
          fc.record({
            name: fc.constantFrom('x', 'y'),
            company: fc.option(fc.constantFrom(...COMPANIES), { nil: undefined }),
            location: fc.option(fc.constantFrom(...LOCATIONS), { nil: undefined }),
          }),
          { nil: null },
        ),
        { minLength: n, maxLength: n },
      ),
      blocks: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 }),
      hides: fc.array(fc.nat(n - 1), { maxLength: 3 }),
    }),
  );

const id = (i: number): string => `m${String(i).padStart(2, '0')}`;

function build(w: World): { graph: SocialGraph<Profile>; adj: Set<number>[]; times: Map<string, number>; blocked: Set<number>; hidden: Set<number> } {
  const graph = new SocialGraph<Profile>({ indexedAttributes: ['company', 'location'], limitedProfileFields: ['name'], connectionTimes: true, clock: () => 0 });
  const adj: Set<number>[] = Array.from({ length: w.n }, () => new Set());
  const times = new Map<string, number>();
  for (let i = 0; i < w.n; i++) graph.addMember(id(i));
  for (const [a, b, s] of w.edges) {
    if (a === b || adj[a]!.has(b)) continue;
    graph.connect(id(a), id(b), { at: s * 1000 });
    adj[a]!.add(b);
    adj[b]!.add(a);
    times.set(`${a} ${b}`, s).set(`${b} ${a}`, s);
  }
  w.profiles.forEach((p, i) => {
    if (p !== null) graph.setProfile(id(i), p);
  });
  const hidden = new Set<number>();
  for (const h of w.hides) if (h !== 0 && graph.hide(id(0), id(h))) hidden.add(h);
  const blocked = new Set<number>();
  for (const [a, b] of w.blocks) {
    if (a === b) continue;
    graph.block(id(a), id(b));
    adj[a]!.delete(b);
    adj[b]!.delete(a);
    if (a === 0) blocked.add(b);
    if (b === 0) blocked.add(a);
    if (a === 0 || b === 0) hidden.delete(a === 0 ? b : a);
  }
  return { graph, adj, times, blocked, hidden };
}

interface Row {
  i: number;
  degree: number;
  mutualCount: number;
}

/** Members at distance 1..3 of member 0 in its world (blocked members neither reported nor passed through). */
function oracleRows(adj: Set<number>[], blocked: Set<number>): Row[] {
  const dist = new Map<number, number>([[0, 0]]);
  let frontier = [0];
  for (let d = 1; d <= 3; d++) {
    const next: number[] = [];
    for (const x of frontier) for (const y of adj[x]!) if (!dist.has(y) && !blocked.has(y)) (dist.set(y, d), next.push(y));
    frontier = next;
  }
  const rows: Row[] = [];
  for (const [i, d] of dist) {
    if (d === 0) continue;
    let mutual = 0;
    if (d <= 2) for (const x of adj[0]!) if (!blocked.has(x) && adj[i]!.has(x)) mutual++;
    rows.push({ i, degree: d, mutualCount: mutual });
  }
  return rows;
}

type Sort = 'degree' | 'mutual' | 'recent' | { attribute: 'company' | 'location'; order?: 'asc' | 'desc' };

const query = fc.record({
  degrees: fc.subarray([1, 2, 3] as const, { minLength: 1 }),
  // Each filter in half the queries, so that most of them match someone (asserted below).
  company: fc.option(fc.subarray([...COMPANIES, 'Nowhere'], { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 1 }),
  location: fc.option(fc.constantFrom(...LOCATIONS), { nil: undefined, freq: 1 }),
  sort: fc.constantFrom<Sort>('degree', 'mutual', 'recent', { attribute: 'company' }, { attribute: 'location', order: 'desc' }),
  limit: fc.integer({ min: 1, max: 4 }),
  includeHidden: fc.boolean(),
});

describe('search against the oracle', () => {
  it('pages through exactly the sorted matches, with degrees, mutual counts and profiles', () => {
    const cov = new Coverage(`search oracle (seed ${FC_SEED})`);
    fc.assert(
      fc.property(world, query, (w, q) => {
        const { graph, adj, times, blocked, hidden } = build(w);
        const degrees = q.sort === 'recent' ? [1] : [...q.degrees];
        const where: { company?: string[]; location?: string } = {};
        if (q.company !== undefined) where.company = q.company;
        if (q.location !== undefined) where.location = q.location;
        const value = (i: number, a: 'company' | 'location'): string | undefined => w.profiles[i]?.[a] ?? undefined;
        const rows = oracleRows(adj, blocked).filter(
          (r) =>
            degrees.includes(r.degree) &&
            (q.includeHidden || !hidden.has(r.i)) &&
            (where.company === undefined || (value(r.i, 'company') !== undefined && where.company.includes(value(r.i, 'company')!))) &&
            (where.location === undefined || value(r.i, 'location') === where.location),
        );
        const byId = (a: Row, b: Row): number => (id(a.i) < id(b.i) ? -1 : 1);
        const sort = q.sort;
        rows.sort((a, b) => {
          if (sort === 'degree') return a.degree - b.degree || b.mutualCount - a.mutualCount || byId(a, b);
          if (sort === 'mutual') return b.mutualCount - a.mutualCount || a.degree - b.degree || byId(a, b);
          if (sort === 'recent') {
            const ta = times.get(`0 ${a.i}`) || -1;
            const tb = times.get(`0 ${b.i}`) || -1;
            return tb - ta || byId(a, b);
          }
          const va = value(a.i, sort.attribute);
          const vb = value(b.i, sort.attribute);
          let c = 0;
          if (va !== vb) {
            if (va === undefined) c = 1;
            else if (vb === undefined) c = -1;
            else c = (va < vb ? -1 : 1) * (sort.order === 'desc' ? -1 : 1);
          }
          return c || b.mutualCount - a.mutualCount || a.degree - b.degree || byId(a, b);
        });
        const me = graph.viewAs(id(0));
        const got: string[] = [];
        const seen = { full: false, limited: false, pages: 0 };
        let cursor: string | undefined;
        for (let page = 0; page < 100; page++) {
          seen.pages++;
          const result = me.search({ degree: degrees as (1 | 2 | 3)[], where, sort, limit: q.limit, includeHidden: q.includeHidden, ...(cursor === undefined ? {} : { cursor }) });
          expect(result.total).toBe(rows.length);
          expect(result.hits.length).toBeLessThanOrEqual(q.limit);
          for (const hit of result.hits) {
            const row = rows[got.length]!;
            expect(hit.id).toBe(id(row.i));
            expect(hit.degree).toBe(row.degree);
            expect(hit.mutualCount).toBe(row.mutualCount);
            // The default policy's viewProfile in the viewer's world: full at degree 1–2, limited at 3.
            const level = row.degree <= 2 ? 'full' : 'limited';
            expect(hit.level).toBe(level);
            const stored = w.profiles[row.i]!;
            if (stored === null) expect(hit.profile).toBeUndefined();
            else if (level === 'full') expect(hit.profile).toEqual(stored);
            else expect(hit.profile).toEqual({ name: stored.name });
            seen.full ||= level === 'full' && stored !== null;
            seen.limited ||= level === 'limited' && stored !== null;
            if (row.degree === 1) expect(hit.connectedAt).toBe(times.get(`0 ${row.i}`)! > 0 ? times.get(`0 ${row.i}`)! * 1000 : undefined);
            got.push(hit.id);
          }
          if (result.nextCursor === null) break;
          expect(result.hits.length).toBe(q.limit);
          cursor = result.nextCursor;
        }
        expect(got).toEqual(rows.map((r) => id(r.i)));
        const reached = oracleRows(adj, blocked);
        cov.hit({
          'the viewer reaches someone': reached.length > 0,
          'the viewer reaches someone at degree 3': reached.some((r) => r.degree === 3),
          'the query matches someone': rows.length > 0,
          'a full profile in a hit': seen.full,
          'a limited profile in a hit (degree 3)': seen.limited,
          'more than one page': seen.pages > 1,
          'a member blocked with the viewer': blocked.size > 0,
          'a hidden member among the reached': reached.some((r) => hidden.has(r.i)),
        });
        cov.max('hits over all pages', rows.length);
      }),
      fcParams(250),
    );
    console.log(cov.table());
    cov.expect(
      {
        'the viewer reaches someone': 0.7,
        'the viewer reaches someone at degree 3': 0.2,
        'the query matches someone': 0.5,
        'a full profile in a hit': 0.4,
        'a limited profile in a hit (degree 3)': 0.07,
        'more than one page': 0.25,
        'a member blocked with the viewer': 0.1,
        'a hidden member among the reached': 0.1,
      },
      { 'hits over all pages': 10 },
    );
  });

  it('facets count exactly the matching members by value', () => {
    fc.assert(
      fc.property(world, fc.subarray([1, 2, 3] as const, { minLength: 1 }), fc.constantFrom('company', 'location') as fc.Arbitrary<'company' | 'location'>, fc.integer({ min: 1, max: 5 }), (w, degrees, by, top) => {
        const { graph, adj, blocked, hidden } = build(w);
        const rows = oracleRows(adj, blocked).filter((r) => degrees.includes(r.degree as 1 | 2 | 3) && !hidden.has(r.i));
        const counts = new Map<string, number>();
        let missing = 0;
        for (const r of rows) {
          const v = w.profiles[r.i]?.[by];
          if (v === undefined) missing++;
          else counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        const values = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
        const facets = graph.viewAs(id(0)).facets({ by, degree: [...degrees], top });
        expect(facets).toEqual({ by, total: rows.length, missing, distinct: values.length, values: values.slice(0, top) });
      }),
      fcParams(250),
    );
  });
});

describe('search input', () => {
  const graph = new SocialGraph<Profile>({ indexedAttributes: ['company'] });
  for (const m of ['a', 'b', 'c']) graph.addMember(m);
  graph.connect('a', 'b');
  graph.connect('b', 'c');
  graph.setProfile('c', { name: 'C', company: 'Acme' });
  const me = graph.viewAs('a');
  const code = (call: () => unknown): string | undefined => {
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(SocialGraphError);
      return (error as SocialGraphError).code;
    }
    return undefined;
  };

  it('rejects unknown attributes, bad sorts, bad cursors and bad options with typed errors', () => {
    expect(code(() => me.search({ where: { title: 'CEO' } as never }))).toBe('UNKNOWN_ATTRIBUTE');
    expect(code(() => me.search({ sort: { attribute: 'title' as never } }))).toBe('UNKNOWN_ATTRIBUTE');
    expect(code(() => me.facets({ by: 'title' as never }))).toBe('UNKNOWN_ATTRIBUTE');
    expect(code(() => me.search({ sort: 'newest' as never }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ sort: { attribute: 'company', order: 'up' as never } }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ sort: 'recent', degree: [1, 2] }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ cursor: 'not a cursor!' }))).toBe('INVALID_CURSOR');
    expect(code(() => me.search({ cursor: 'AAAA' }))).toBe('INVALID_CURSOR');
    expect(code(() => me.search({ cursor: btoa('[1,"x",1,"b"]') }))).toBe('INVALID_CURSOR');
    expect(code(() => me.search({ limit: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ limit: 1.5 }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ degree: 4 as never }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ degree: [] }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ where: { company: [] } }))).toBe('INVALID_OPTION');
    expect(code(() => me.search({ where: { company: 3 as never } }))).toBe('INVALID_OPTION');
    expect(code(() => me.search(null as never))).toBe('INVALID_OPTION');
    expect(code(() => me.facets({ by: 'company', top: 0 }))).toBe('INVALID_OPTION');
    expect(code(() => me.facets(null as never))).toBe('INVALID_OPTION');
  });

  it('refuses a cursor of another query', () => {
    const page = me.search({ degree: [1, 2], limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    expect(code(() => me.search({ degree: [1, 2], limit: 1, sort: 'mutual', cursor: page.nextCursor! }))).toBe('INVALID_CURSOR');
    expect(code(() => me.search({ degree: [2], limit: 1, cursor: page.nextCursor! }))).toBe('INVALID_CURSOR');
    expect(me.search({ degree: [1, 2], limit: 1, cursor: page.nextCursor! }).hits.map((h) => h.id)).toEqual(['c']);
  });

  it('filters with a typed predicate', () => {
    const page = me.search({ where: (profile, member) => profile?.company === 'Acme' && member === 'c' });
    expect(page.hits.map((h) => h.id)).toEqual(['c']);
  });

  it('keeps an attribute-sorted cursor in place when values change between pages', () => {
    const g = new SocialGraph<Profile>({ indexedAttributes: ['company'] });
    g.addMember('v');
    const companies = ['B', 'D', 'F', 'H'];
    companies.forEach((c, i) => {
      g.addMember(`p${i}`);
      g.connect('v', `p${i}`);
      g.setProfile(`p${i}`, { name: 'n', company: c });
    });
    const first = g.viewAs('v').search({ degree: 1, sort: { attribute: 'company' }, limit: 2 });
    expect(first.hits.map((h) => h.profile?.company)).toEqual(['B', 'D']);
    g.setProfile('p1', { name: 'n', company: 'Z' }); // D is gone: the page after D still starts at F
    g.addMember('q');
    g.connect('v', 'q');
    g.setProfile('q', { name: 'n', company: 'E' });
    const next = g.viewAs('v').search({ degree: 1, sort: { attribute: 'company' }, limit: 10, cursor: first.nextCursor! });
    expect(next.hits.map((h) => h.profile?.company)).toEqual(['E', 'F', 'H', 'Z']);
  });
});
