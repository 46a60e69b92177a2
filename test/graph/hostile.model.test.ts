/**
 * The hostile model: random command sequences against a naive model, where the commands include
 * listeners that throw and listeners and search predicates that call back into the graph, hostile
 * ids and names (lone surrogates, `__proto__`, NUL, 100 KB ids), and a clock that jumps both ways.
 * After every step: the answers equal the model's, and `fromBytes(toBytes())` gives a graph with
 * the same bytes and the same answers. 500 sequences; the seed is printed on failure (fc-config).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';

const HOSTILE_IDS = ['a', 'b', 'c', 'd', '__proto__', 'constructor', 'nul\u0000id', 'lone\uD800', 'emoji \u{1F600}', 'x'.repeat(100_000)];
const HOSTILE_NAMES = ['t', '__proto__', 'nul\u0000', 'lone\uDC00', 'toString'];
const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

interface Model {
  members: Set<string>;
  adj: Map<string, Set<string>>;
  blocks: Set<string>; // "a\u0001b" directed
  tags: Map<string, Set<string>>; // viewer\u0001target → tags
  stats: { commands: number; throwing: number; reentrant: number; hostile: number; clockBack: number; connections: number };
}
interface Real {
  graph: SocialGraph;
  clock: { now: number };
  errors: unknown[];
}

const key = (a: string, b: string): string => `${a}\u0001${b}`;
const blocked = (m: Model, a: string, b: string): boolean => m.blocks.has(key(a, b)) || m.blocks.has(key(b, a));

/** BFS distance; with `viewer`, paths through members blocked with the viewer do not count. */
function distance(m: Model, a: string, b: string, max: number, viewer?: string): number | null {
  if (a === b) return 0;
  let frontier = [a];
  const seen = new Set([a]);
  for (let d = 1; d <= max; d++) {
    const next: string[] = [];
    for (const x of frontier) {
      for (const y of m.adj.get(x) ?? []) {
        if (seen.has(y) || (viewer !== undefined && blocked(m, viewer, y))) continue;
        seen.add(y);
        next.push(y);
      }
    }
    if (seen.has(b)) return d;
    frontier = next;
  }
  return null;
}

function dropMember(m: Model, id: string): void {
  for (const y of m.adj.get(id) ?? []) m.adj.get(y)!.delete(id);
  m.adj.delete(id);
  m.members.delete(id);
  for (const k of [...m.blocks]) if (k.split('\u0001').includes(id)) m.blocks.delete(k);
  for (const k of [...m.tags.keys()]) if (k.split('\u0001').includes(id)) m.tags.delete(k);
}

/** Every answer the model knows, compared; then the snapshot round trip, bytes and answers. */
function check(m: Model, r: Real): void {
  const g = r.graph;
  expect(g.memberCount).toBe(m.members.size);
  const ids = [...m.members];
  for (const id of ids) expect(new Set(g.connections(id))).toEqual(m.adj.get(id));
  for (let i = 0; i < Math.min(ids.length, 4); i++) {
    for (let j = 0; j < Math.min(ids.length, 4); j++) {
      const [a, b] = [ids[i]!, ids[j]!];
      expect(g.degree(a, b)).toBe(distance(m, a, b, 3));
      expect(g.isBlocked(a, b)).toBe(blocked(m, a, b));
      if (a !== b) expect(new Set(g.tagsOf(a, b))).toEqual(m.tags.get(key(a, b)) ?? new Set());
    }
  }
  const bytes = g.toBytes();
  const copy = SocialGraph.fromBytes(bytes, { clock: () => r.clock.now });
  expect(Buffer.from(copy.toBytes()).equals(Buffer.from(bytes))).toBe(true);
  for (const id of ids.slice(0, 4)) expect(copy.reach(id)).toEqual(g.reach(id));
}

type Cmd = fc.Command<Model, Real>;
const pick = (m: Model, i: number): string | undefined => [...m.members][i % Math.max(1, m.members.size)];

const commands: fc.Arbitrary<Cmd>[] = [
  fc.constantFrom(...HOSTILE_IDS).map(
    (id): Cmd => ({
      check: () => true,
      run: (m, r) => {
        m.stats.commands++;
        if (id.length > 100 || !wellFormed(id) || id.includes('\u0000') || id.startsWith('_')) m.stats.hostile++;
        expect(r.graph.mergeMember(id)).toBe(!m.members.has(id));
        if (!m.members.has(id)) (m.members.add(id), m.adj.set(id, new Set()));
        check(m, r);
      },
      toString: () => `mergeMember(${JSON.stringify(id.slice(0, 20))})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([i, j]): Cmd => ({
      check: (m) => m.members.size >= 2,
      run: (m, r) => {
        m.stats.commands++;
        const a = pick(m, i)!;
        const b = pick(m, j)!;
        if (a === b) return void expect(() => r.graph.connect(a, b)).toThrow();
        const fresh = !m.adj.get(a)!.has(b);
        expect(r.graph.connect(a, b)).toBe(fresh);
        m.adj.get(a)!.add(b);
        m.adj.get(b)!.add(a);
        check(m, r);
      },
      toString: () => `connect(#${i}, #${j})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.nat()).map(
    ([i, j]): Cmd => ({
      check: (m) => m.members.size >= 2,
      run: (m, r) => {
        m.stats.commands++;
        const a = pick(m, i)!;
        const b = pick(m, j)!;
        if (a === b) return;
        r.graph.block(a, b);
        m.blocks.add(key(a, b));
        m.adj.get(a)!.delete(b);
        m.adj.get(b)!.delete(a);
        m.tags.delete(key(a, b));
        m.tags.delete(key(b, a));
        check(m, r);
      },
      toString: () => `block(#${i}, #${j})`,
    }),
  ),
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...HOSTILE_NAMES)).map(
    ([i, j, name]): Cmd => ({
      check: (m) => m.members.size >= 2,
      run: (m, r) => {
        m.stats.commands++;
        const a = pick(m, i)!;
        const b = pick(m, j)!;
        if (a === b) return;
        if (!wellFormed(name)) {
          m.stats.hostile++;
          const before = r.graph.toBytes();
          expect(() => r.graph.tag(a, b, name)).toThrow();
          expect(Buffer.from(r.graph.toBytes()).equals(Buffer.from(before))).toBe(true);
          return;
        }
        const added = r.graph.tag(a, b, name);
        const set = m.tags.get(key(a, b)) ?? new Set<string>();
        expect(added).toBe(!blocked(m, a, b) && !set.has(name));
        if (!blocked(m, a, b)) (set.add(name), m.tags.set(key(a, b), set));
        check(m, r);
      },
      toString: () => `tag(#${i}, #${j}, ${JSON.stringify(name)})`,
    }),
  ),
  fc.nat().map(
    (i): Cmd => ({
      check: (m) => m.members.size >= 1,
      run: (m, r) => {
        m.stats.commands++;
        const id = pick(m, i)!;
        r.graph.removeMember(id);
        dropMember(m, id);
        check(m, r);
      },
      toString: () => `removeMember(#${i})`,
    }),
  ),
  // A listener that throws, or one that queries and re-enters the graph (changing nothing the
  // model does not know: it queries, and connects only members already connected).
  fc.constantFrom('throw', 'query', 'reenter').map(
    (kind): Cmd => ({
      check: () => true,
      run: (m, r) => {
        m.stats.commands++;
        if (kind === 'throw') m.stats.throwing++;
        else m.stats.reentrant++;
        const g = r.graph;
        for (const type of ['connected', 'disconnected', 'memberRemoved', 'blocked'] as const) {
          g.on(type, (event) => {
            if (kind === 'throw') throw new Error(`listener of ${event.type}`);
            const ids = g.members();
            if (ids.length >= 2) g.degree(ids[0]!, ids[ids.length - 1]!);
            if (kind === 'reenter' && event.type === 'connected') g.connect(event.a, event.b); // already connected: false
          });
        }
        check(m, r);
      },
      toString: () => `listener(${kind})`,
    }),
  ),
  // A search whose predicate queries the graph.
  fc.nat().map(
    (i): Cmd => ({
      check: (m) => m.members.size >= 1,
      run: (m, r) => {
        m.stats.commands++;
        const viewer = pick(m, i)!;
        const g = r.graph;
        const hits = g.viewAs(viewer).search({
          degree: [1, 2],
          where: (_p, id) => (g.reach(id), g.degree(viewer, id) !== null),
        });
        const expected = [...m.members].filter((x) => {
          const d = distance(m, viewer, x, 2, viewer);
          return d !== null && d > 0 && !blocked(m, viewer, x);
        });
        // A page of at most 20 hits, every one of them in the model's answer.
        expect(hits.hits.length).toBe(Math.min(expected.length, 20));
        for (const hit of hits.hits) expect(expected).toContain(hit.id);
        check(m, r);
      },
      toString: () => `search(#${i}, predicate queries the graph)`,
    }),
  ),
  // The clock jumps, forward or back; quotas and times follow the clock's readings.
  fc.integer({ min: -86_400_000, max: 86_400_000 }).map(
    (jump): Cmd => ({
      check: () => true,
      run: (m, r) => {
        m.stats.commands++;
        if (jump < 0) m.stats.clockBack++;
        r.clock.now = Math.max(1_000_000, r.clock.now + jump);
        check(m, r);
      },
      toString: () => `clock(${jump >= 0 ? '+' : ''}${jump})`,
    }),
  ),
];

describe('hostile model', () => {
  it('answers as the model and round-trips through snapshots after every step (500 sequences)', () => {
    const cov = new Coverage('hostile model');
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        const clock = { now: 1_700_000_000_000 };
        const errors: unknown[] = [];
        const graph = new SocialGraph({ clock: () => clock.now, onListenerError: (error) => errors.push(error) });
        graph.setQuota('message', { limit: 2, windowMs: 60_000 });
        const model: Model = {
          members: new Set(),
          adj: new Map(),
          blocks: new Set(),
          tags: new Map(),
          stats: { commands: 0, throwing: 0, reentrant: 0, hostile: 0, clockBack: 0, connections: 0 },
        };
        fc.modelRun(() => ({ model, real: { graph, clock, errors } }), cmds);
        cov.hit({
          '≥ 15 commands': model.stats.commands >= 15,
          'a throwing listener': model.stats.throwing > 0,
          'a re-entrant listener': model.stats.reentrant > 0,
          'a hostile id or name': model.stats.hostile > 0,
          'the clock went back': model.stats.clockBack > 0,
        });
      }),
      fcParams(500),
    );
    cov.expect({ '≥ 15 commands': 0.45, 'a throwing listener': 0.3, 'a re-entrant listener': 0.3, 'a hostile id or name': 0.5, 'the clock went back': 0.3 });
  });
});
