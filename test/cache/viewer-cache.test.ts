/**
 * The viewer cache of SocialGraph.degrees: model-based runs mixing connection changes, member
 * removals and additions, label changes and cached badge pages, against a naive BFS; and the
 * invalidation rule itself: every ball the cache keeps after a change holds exactly the distances
 * of the test's own model (naive BFS over a Map of Sets; the graph's interner only names indices).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { fcParams, FC_SEED } from '../support/fc-config.js';
import { Coverage } from '../support/coverage.js';
import { naiveDistance, type Naive } from '../support/oracle.js';
import { graphInternals, viewerCache } from '../support/internals.js';

const N = 14;
const name = (i: number): string => `m${i}`;

interface Model {
  g: Naive;
  /**
   * 2 when the cache builds no 3rd-degree bitset that costs any work (thirdDegreeWork 0): a ball
   * then has radius 2, unless its viewer has no 2nd degree (the bitset costs nothing: radius 3).
   */
  radius: 2 | 3;
  stats: { commands: number; ballsChecked: number; ballsKeptAcrossChanges: number; maxConnections: number; badgesAt3: number };
}
interface Real {
  graph: SocialGraph;
}

const FAR = 4;

/**
 * Every cached ball holds the model's distances: each member within the ball's radius at its BFS
 * distance, everything else (members further away, free and unused indices) "beyond" (4); its
 * size counts the members at distance ≤ 2. Indices are named through the graph's interner only.
 */
function ballsExact(m: Model, graph: SocialGraph): void {
  const internals = graphInternals(graph);
  const cache = viewerCache(internals);
  const indexOf = new Map<number, string>();
  for (const id of m.g.keys()) indexOf.set(internals.ids.indexOf(id), id);
  expect(indexOf.size).toBe(m.g.size);
  let connections = 0;
  for (const set of m.g.values()) connections += set.size;
  m.stats.maxConnections = Math.max(m.stats.maxConnections, connections / 2);
  for (let v = 0; v < internals.store.indexBound + 2; v++) {
    const cached = cache.peek(v);
    if (cached === undefined) continue;
    const viewer = indexOf.get(v);
    expect(viewer, `cached ball of index ${v}, not a member`).toBeDefined();
    m.stats.ballsChecked++;
    const second = [...m.g.keys()].some((id) => naiveDistance(m.g, viewer!, id, 2) === 2);
    const radius = m.radius === 2 && second ? 2 : 3;
    expect(cached.radius).toBe(radius);
    let within2 = 0;
    for (let x = 0; x < internals.store.indexBound + 2; x++) {
      const id = indexOf.get(x);
      const d = id === undefined ? null : naiveDistance(m.g, viewer!, id, radius);
      if (d !== null && d <= 2) within2++;
      expect(cached.levelOf(x), `ball of ${viewer}: index ${x} (${id ?? 'no member'})`).toBe(d ?? FAR);
    }
    expect(cached.size).toBe(within2);
  }
}

/** A change: counts the balls that survive it (they are then checked exactly). */
function changed(m: Model, graph: SocialGraph, before: number): void {
  if (before > 0 && viewerCache(graphInternals(graph)).size > 0) m.stats.ballsKeptAcrossChanges++;
  ballsExact(m, graph);
}

const cachedCount = (r: Real): number => viewerCache(graphInternals(r.graph)).size;

class Connect implements fc.Command<Model, Real> {
  constructor(readonly a: number, readonly b: number) {}
  check(m: Readonly<Model>): boolean {
    return m.g.has(name(this.a)) && m.g.has(name(this.b)) && this.a !== this.b;
  }
  run(m: Model, r: Real): void {
    const [a, b] = [name(this.a), name(this.b)];
    const before = cachedCount(r);
    expect(r.graph.connect(a, b)).toBe(!m.g.get(a)!.has(b));
    m.g.get(a)!.add(b);
    m.g.get(b)!.add(a);
    changed(m, r.graph, before);
  }
  toString(): string {
    return `connect(${this.a}, ${this.b})`;
  }
}

class Disconnect implements fc.Command<Model, Real> {
  constructor(readonly a: number, readonly b: number) {}
  check(m: Readonly<Model>): boolean {
    return m.g.has(name(this.a)) && m.g.has(name(this.b));
  }
  run(m: Model, r: Real): void {
    const [a, b] = [name(this.a), name(this.b)];
    const before = cachedCount(r);
    expect(r.graph.disconnect(a, b)).toBe(a !== b && m.g.get(a)!.has(b));
    m.g.get(a)!.delete(b);
    m.g.get(b)!.delete(a);
    changed(m, r.graph, before);
  }
  toString(): string {
    return `disconnect(${this.a}, ${this.b})`;
  }
}

class Remove implements fc.Command<Model, Real> {
  constructor(readonly a: number) {}
  check(m: Readonly<Model>): boolean {
    return m.g.has(name(this.a));
  }
  run(m: Model, r: Real): void {
    const a = name(this.a);
    const before = cachedCount(r);
    r.graph.removeMember(a);
    for (const b of m.g.get(a)!) m.g.get(b)!.delete(a);
    m.g.delete(a);
    changed(m, r.graph, before);
  }
  toString(): string {
    return `removeMember(${this.a})`;
  }
}

class Add implements fc.Command<Model, Real> {
  constructor(readonly a: number) {}
  check(m: Readonly<Model>): boolean {
    return !m.g.has(name(this.a));
  }
  run(m: Model, r: Real): void {
    r.graph.addMember(name(this.a));
    m.g.set(name(this.a), new Set());
    ballsExact(m, r.graph);
  }
  toString(): string {
    return `addMember(${this.a})`;
  }
}

class Label implements fc.Command<Model, Real> {
  constructor(readonly a: number, readonly b: number, readonly hide: boolean) {}
  check(m: Readonly<Model>): boolean {
    return m.g.has(name(this.a)) && m.g.has(name(this.b)) && this.a !== this.b;
  }
  run(_m: Model, r: Real): void {
    if (this.hide) r.graph.hide(name(this.a), name(this.b));
    else r.graph.tag(name(this.a), name(this.b), 't');
  }
  toString(): string {
    return `${this.hide ? 'hide' : 'tag'}(${this.a}, ${this.b})`;
  }
}

class Badges implements fc.Command<Model, Real> {
  constructor(readonly viewer: number, readonly targets: number[], readonly maxDepth: number, readonly times: number) {}
  check(m: Readonly<Model>): boolean {
    return m.g.has(name(this.viewer));
  }
  run(m: Model, r: Real): void {
    const ids = this.targets.map(name).filter((t) => m.g.has(t));
    const expected = ids.map((t) => naiveDistance(m.g, name(this.viewer), t, this.maxDepth));
    m.stats.badgesAt3 += expected.filter((d) => d === 3).length;
    for (let i = 0; i < this.times; i++) {
      expect(r.graph.degrees(name(this.viewer), ids, { maxDepth: this.maxDepth })).toEqual(expected);
    }
  }
  toString(): string {
    return `degrees(${this.viewer}, [${this.targets}], ${this.maxDepth}) x${this.times}`;
  }
}

const node = fc.nat(N - 1);
// Connections four times as often as disconnections or removals, so that runs reach 10+ connections.
const commands = [
  fc.tuple(node, node).map(([a, b]) => new Connect(a, b)),
  fc.tuple(node, node).map(([a, b]) => new Connect(a, b)),
  fc.tuple(node, node).map(([a, b]) => new Connect(a, b)),
  fc.tuple(node, node).map(([a, b]) => new Connect(a, b)),
  fc.tuple(node, node).map(([a, b]) => new Disconnect(a, b)),
  node.map((a) => new Remove(a)),
  node.map((a) => new Add(a)),
  fc.tuple(node, node, fc.boolean()).map(([a, b, h]) => new Label(a, b, h)),
  fc.tuple(node, fc.array(node, { maxLength: 8 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 })).map(
    ([v, t, d, k]) => new Badges(v, t, d, k),
  ),
  fc.tuple(node, fc.array(node, { maxLength: 8 })).map(([v, t]) => new Badges(v, t, 3, 2)),
];

describe('viewer cache', () => {
  it('answers exactly as BFS under any mix of changes, and keeps only exact balls', () => {
    const cov = new Coverage(`viewer cache model (seed ${FC_SEED})`);
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 100, size: 'max' }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (cmds, capacity, radius2) => {
        const graph = new SocialGraph({ viewerCache: capacity });
        // Radius-2 balls (no 3rd-degree bitset: targets' lists are scanned) or radius 3.
        if (radius2) viewerCache(graphInternals(graph)).thirdDegreeWork = 0;
        const g: Naive = new Map();
        for (let i = 0; i < N; i++) {
          graph.addMember(name(i));
          g.set(name(i), new Set());
        }
        const model: Model = { g, radius: radius2 ? 2 : 3, stats: { commands: 0, ballsChecked: 0, ballsKeptAcrossChanges: 0, maxConnections: 0, badgesAt3: 0 } };
        fc.modelRun(() => ({ model, real: { graph } }), cmds);
        const cache = viewerCache(graphInternals(graph));
        expect(cache.size).toBeLessThanOrEqual(capacity);
        const commandsRun = [...cmds].length;
        cov.hit({
          '>= 40 commands': commandsRun >= 40,
          '>= 10 connections at some point': model.stats.maxConnections >= 10,
          '>= 15 connections at some point': model.stats.maxConnections >= 15,
          'a cached ball checked against the model': model.stats.ballsChecked > 0,
          'a ball kept across a change (then checked)': model.stats.ballsKeptAcrossChanges > 0,
          'a badge page answered from the cache': cache.hits > 0,
          'a ball evicted (LRU or invalidation)': cache.evictions > 0,
          'a badge at distance 3': model.stats.badgesAt3 > 0,
        });
        cov.max('commands in a run', commandsRun);
        cov.max('connections', model.stats.maxConnections);
      }),
      fcParams(500),
    );
    console.log(cov.table());
    cov.expect(
      {
        '>= 40 commands': 0.4,
        '>= 10 connections at some point': 0.2,
        '>= 15 connections at some point': 0.02,
        'a cached ball checked against the model': 0.5,
        'a ball kept across a change (then checked)': 0.3,
        'a badge page answered from the cache': 0.4,
        'a ball evicted (LRU or invalidation)': 0.3,
        'a badge at distance 3': 0.15,
      },
      { 'commands in a run': 90 },
    );
  });

  it('serves repeated viewers from the cache and keeps balls that a change cannot alter', () => {
    const graph = SocialGraph.fromEdges([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['x', 'y'],
    ]);
    const cache = viewerCache(graphInternals(graph));
    graph.degrees('a', ['c']);
    expect(cache.size).toBe(0); // first sighting: not cached
    expect(graph.degrees('a', ['c', 'd', 'e'])).toEqual([2, 3, null]);
    expect(cache.size).toBe(1);
    const hits = cache.hits;
    expect(graph.degrees('a', ['d'])).toEqual([3]);
    expect(cache.hits).toBe(hits + 1);
    expect(cache.peek(0)?.radius).toBe(3);
    graph.connect('x', 'e'); // both beyond a's 3rd degree: kept
    graph.connect('d', 'y'); // d at distance 3, y beyond: y at 4, still beyond: kept
    expect(cache.size).toBe(1);
    expect(graph.degrees('a', ['y', 'x', 'e'])).toEqual([null, null, null]);
    graph.connect('c', 'y'); // c at distance 2, y beyond: y enters the 3rd degree
    expect(cache.size).toBe(0);
    expect(graph.degrees('a', ['y', 'x'])).toEqual([3, null]);
  });

  it('is off with viewerCache: 0', () => {
    const graph = SocialGraph.fromEdges([['a', 'b']], { viewerCache: 0 });
    for (let i = 0; i < 3; i++) expect(graph.degrees('a', ['b'])).toEqual([1]);
    expect(viewerCache(graphInternals(graph)).size).toBe(0);
  });
});
