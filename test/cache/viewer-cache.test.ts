/**
 * The viewer cache of SocialGraph.degrees: model-based runs mixing connection changes, member
 * removals and additions, label changes and cached badge pages, against a naive BFS; and the
 * invalidation rule itself: every ball the cache keeps after a change equals a fresh one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { ViewerBall, MAX_BALL_WORK } from '../../src/features/cache/viewer-cache.js';
import { fcParams } from '../support/fc-config.js';
import { naiveDistance, type Naive } from '../support/oracle.js';
import { graphInternals, viewerCache } from '../support/internals.js';

const N = 14;
const name = (i: number): string => `m${i}`;

interface Model {
  g: Naive;
}
interface Real {
  graph: SocialGraph;
}

/** Every cached ball equals the ball built now from the graph. */
function ballsExact(graph: SocialGraph): void {
  const internals = graphInternals(graph);
  const cache = viewerCache(internals);
  for (let v = 0; v < internals.store.indexBound; v++) {
    const cached = cache.peek(v);
    if (cached === undefined) continue;
    expect(internals.store.isAlive(v)).toBe(true);
    const fresh = ViewerBall.build(internals.store, internals.scratch, v, MAX_BALL_WORK, cache.thirdDegreeWork)!;
    expect(cached.size).toBe(fresh.size);
    expect(cached.radius).toBe(fresh.radius);
    for (let x = 0; x < internals.store.indexBound + 2; x++) expect(cached.levelOf(x)).toBe(fresh.levelOf(x));
  }
}

class Connect implements fc.Command<Model, Real> {
  constructor(readonly a: number, readonly b: number) {}
  check(m: Readonly<Model>): boolean {
    return m.g.has(name(this.a)) && m.g.has(name(this.b)) && this.a !== this.b;
  }
  run(m: Model, r: Real): void {
    const [a, b] = [name(this.a), name(this.b)];
    expect(r.graph.connect(a, b)).toBe(!m.g.get(a)!.has(b));
    m.g.get(a)!.add(b);
    m.g.get(b)!.add(a);
    ballsExact(r.graph);
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
    expect(r.graph.disconnect(a, b)).toBe(a !== b && m.g.get(a)!.has(b));
    m.g.get(a)!.delete(b);
    m.g.get(b)!.delete(a);
    ballsExact(r.graph);
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
    r.graph.removeMember(a);
    for (const b of m.g.get(a)!) m.g.get(b)!.delete(a);
    m.g.delete(a);
    ballsExact(r.graph);
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
    ballsExact(r.graph);
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
    for (let i = 0; i < this.times; i++) {
      expect(r.graph.degrees(name(this.viewer), ids, { maxDepth: this.maxDepth })).toEqual(expected);
    }
  }
  toString(): string {
    return `degrees(${this.viewer}, [${this.targets}], ${this.maxDepth}) x${this.times}`;
  }
}

const node = fc.nat(N - 1);
const commands = [
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
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (cmds, capacity, radius2) => {
        const graph = new SocialGraph({ viewerCache: capacity });
        // Radius-2 balls (no 3rd-degree bitset: targets' lists are scanned) or radius 3.
        if (radius2) viewerCache(graphInternals(graph)).thirdDegreeWork = 0;
        const g: Naive = new Map();
        for (let i = 0; i < N; i++) {
          graph.addMember(name(i));
          g.set(name(i), new Set());
        }
        fc.modelRun(() => ({ model: { g }, real: { graph } }), cmds);
        expect(viewerCache(graphInternals(graph)).size).toBeLessThanOrEqual(capacity);
      }),
      fcParams(250),
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
