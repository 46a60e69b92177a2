/**
 * The shared conformance suite: one behaviour, every backend. `conformanceSuite(name, create)`
 * registers vitest tests against the async interface of ./backend.ts; each test creates a fresh
 * graph and closes it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError, type SocialGraphErrorCode } from '../../src/index.js';
import { smallGraph } from '../support/arbitraries.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';
import { naiveDistance, naiveFromEdges, naiveLevels, naiveMutual, type Naive } from '../support/oracle.js';
import type { AsyncGraph, Backend, BackendOptions, CreateBackend } from './backend.js';

export interface SuiteOptions {
  /** Runs of the property tests (each builds a graph). */
  runs?: number;
}

async function expectCode(promise: () => Promise<unknown>, code: SocialGraphErrorCode): Promise<void> {
  let error: unknown = null;
  try {
    await promise();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${code}`).toBeInstanceOf(SocialGraphError);
  expect((error as SocialGraphError).code).toBe(code);
}

async function withBackend<T>(create: CreateBackend, options: BackendOptions | undefined, body: (g: AsyncGraph) => Promise<T>): Promise<T> {
  const backend: Backend = await create(options);
  try {
    return await body(backend.graph);
  } finally {
    await backend.close();
  }
}

/** Compares every query of `g` with the naive model, over all pairs (or a sample of them). */
async function sameAnswers(g: AsyncGraph, model: Naive): Promise<void> {
  const ids = [...model.keys()];
  expect(await g.countMembers()).toBe(ids.length);
  let half = 0;
  for (const s of model.values()) half += s.size;
  expect(await g.countConnections()).toBe(half / 2);
  expect([...(await g.members())].sort()).toEqual([...ids].sort());
  const pairs: [string, string][] = [];
  for (let i = 0; i < ids.length; i++) for (let j = i; j < ids.length; j += 1 + Math.floor(ids.length / 12)) pairs.push([ids[i]!, ids[j]!]);
  const answers = await Promise.all(
    pairs.map(async ([a, b]) => [await g.degree(a, b), await g.degree(a, b, { maxDepth: 5 }), await g.mutualCount(a, b), (await g.mutualConnections(a, b)).sort()] as const),
  );
  pairs.forEach(([a, b], k) => {
    const [d3, d5, count, mutual] = answers[k]!;
    expect(d3, `degree(${a}, ${b})`).toBe(naiveDistance(model, a, b, 3));
    expect(d5, `degree(${a}, ${b}, 5)`).toBe(naiveDistance(model, a, b, 5));
    const expected = naiveMutual(model, a, b);
    expect(mutual).toEqual(expected);
    expect(count).toBe(expected.length);
  });
  for (const a of ids.slice(0, 6)) {
    const [first, second, third] = naiveLevels(model, a, 3);
    expect(await g.reach(a)).toEqual({ first, second, third });
    expect(await g.degrees(a, ids)).toEqual(ids.map((b) => naiveDistance(model, a, b, 3)));
    expect(await g.degrees(a, ids, { maxDepth: 1 })).toEqual(ids.map((b) => naiveDistance(model, a, b, 1)));
    expect((await g.connections(a)).sort()).toEqual([...model.get(a)!].sort());
    expect(await g.connectionCountOf(a)).toBe(model.get(a)!.size);
  }
}

/**
 * Registers the conformance tests of one backend.
 */
export function conformanceSuite(name: string, create: CreateBackend, suite: SuiteOptions = {}): void {
  const runs = suite.runs ?? 25;

  describe(`conformance: ${name}`, () => {
    it('answers the README example', async () => {
      await withBackend(create, undefined, async (g) => {
        for (const id of ['ada', 'bob', 'cy', 'dee', 'eve', 'zed']) await g.addMember(id);
        expect(await g.connect('ada', 'bob')).toBe(true);
        expect(await g.connect('bob', 'ada')).toBe(false);
        await g.connect('bob', 'cy');
        await g.connect('cy', 'dee');
        await g.connect('ada', 'eve');
        await g.connect('eve', 'cy');
        expect(await g.countMembers()).toBe(6);
        expect(await g.countConnections()).toBe(5);
        expect(await g.degree('ada', 'ada')).toBe(0);
        expect(await g.degree('ada', 'bob')).toBe(1);
        expect(await g.degree('ada', 'cy')).toBe(2);
        expect(await g.degree('ada', 'dee')).toBe(3);
        expect(await g.degree('ada', 'dee', { maxDepth: 2 })).toBe(null);
        expect(await g.degree('ada', 'zed')).toBe(null);
        expect(await g.degrees('ada', ['bob', 'cy', 'dee', 'zed', 'ada'])).toEqual([1, 2, 3, null, 0]);
        expect(await g.mutualCount('ada', 'cy')).toBe(2);
        expect((await g.mutualConnections('ada', 'cy')).sort()).toEqual(['bob', 'eve']);
        expect(await g.reach('ada')).toEqual({ first: 2, second: 1, third: 1 });
        expect(await g.areConnected('ada', 'bob')).toBe(true);
        expect(await g.areConnected('ada', 'cy')).toBe(false);
        expect(await g.disconnect('ada', 'bob')).toBe(true);
        expect(await g.disconnect('ada', 'bob')).toBe(false);
        expect(await g.degree('ada', 'bob')).toBe(3); // ada-eve-cy-bob
        expect(await g.countConnections()).toBe(4);
      });
    });

    it('manages members', async () => {
      await withBackend(create, undefined, async (g) => {
        expect(await g.mergeMember('ada')).toBe(true);
        expect(await g.mergeMember('ada')).toBe(false);
        await g.addMember('bob');
        await g.addMember('ünï ✓');
        expect(await g.hasMember('ada')).toBe(true);
        expect(await g.hasMember('nobody')).toBe(false);
        await g.connect('ada', 'bob');
        await g.connect('ünï ✓', 'bob');
        expect((await g.mutualConnections('ada', 'ünï ✓'))).toEqual(['bob']);
        await g.removeMember('bob');
        expect(await g.hasMember('bob')).toBe(false);
        expect(await g.countConnections()).toBe(0);
        expect(await g.connections('ada')).toEqual([]);
        await g.addMember('bob'); // back, with no connections
        expect(await g.degree('ada', 'bob')).toBe(null);
        expect((await g.members()).sort()).toEqual(['ada', 'bob', 'ünï ✓']);
        expect(await g.countMembers()).toBe(3);
      });
    });

    it('throws typed errors and changes nothing', async () => {
      await withBackend(create, { maxConnectionsPerMember: 2 }, async (g) => {
        for (const id of ['a', 'b', 'c', 'd']) await g.addMember(id);
        await g.connect('a', 'b');
        await g.connect('a', 'c');
        await expectCode(() => g.addMember('a'), 'DUPLICATE_MEMBER');
        await expectCode(() => g.addMember(''), 'INVALID_ID');
        await expectCode(() => g.addMember(42 as unknown as string), 'INVALID_ID');
        await expectCode(() => g.connect('a', 'zz'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.connect('zz', 'a'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.connect('b', 'b'), 'SELF_CONNECTION');
        await expectCode(() => g.connect('a', 'd'), 'CONNECTION_LIMIT');
        await expectCode(() => g.connect('d', 'a'), 'CONNECTION_LIMIT');
        await expectCode(() => g.disconnect('a', 'zz'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.removeMember('zz'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.degree('a', 'zz'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.degree('a', 'b', { maxDepth: -1 }), 'INVALID_OPTION');
        await expectCode(() => g.degree('a', 'b', { maxDepth: 1.5 }), 'INVALID_OPTION');
        await expectCode(() => g.degrees('a', ['b', 'zz']), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.degrees('a', 'b' as unknown as string[]), 'INVALID_OPTION');
        await expectCode(() => g.mutualConnections('zz', 'a'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.mutualCount('a', ''), 'INVALID_ID');
        await expectCode(() => g.reach('zz'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.connections('zz'), 'MEMBER_NOT_FOUND');
        expect(await g.disconnect('b', 'b')).toBe(false);
        expect(await g.countMembers()).toBe(4);
        expect(await g.countConnections()).toBe(2);
        expect((await g.connections('a')).sort()).toEqual(['b', 'c']);
        expect(await g.connections('d')).toEqual([]);
      });
    });

    it('blocks: symmetric, remove the connection, in the order blocked, forgotten with the member', async () => {
      await withBackend(create, undefined, async (g) => {
        for (const id of ['ada', 'bob', 'cy', 'dee']) await g.addMember(id);
        await g.connect('ada', 'bob');
        await g.connect('bob', 'cy');
        expect(await g.isBlocked('ada', 'bob')).toBe(false);
        expect(await g.block('ada', 'bob')).toBe(true);
        expect(await g.block('ada', 'bob')).toBe(false);
        expect(await g.isBlocked('bob', 'ada')).toBe(true);
        expect(await g.areConnected('ada', 'bob')).toBe(false);
        expect(await g.countConnections()).toBe(1);
        await g.block('ada', 'dee');
        await g.block('ada', 'cy');
        expect(await g.blockedMembers('ada')).toEqual(['bob', 'dee', 'cy']);
        expect(await g.blockedMembers('bob')).toEqual([]);
        expect(await g.unblock('bob', 'ada')).toBe(false); // each lifts their own
        expect(await g.unblock('ada', 'dee')).toBe(true);
        expect(await g.unblock('ada', 'dee')).toBe(false);
        expect(await g.blockedMembers('ada')).toEqual(['bob', 'cy']);
        await g.removeMember('cy');
        expect(await g.blockedMembers('ada')).toEqual(['bob']);
        await g.addMember('cy');
        expect(await g.isBlocked('ada', 'cy')).toBe(false);
        await expectCode(() => g.block('ada', 'ada'), 'SELF_BLOCK');
        await expectCode(() => g.block('ada', 'zz'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.isBlocked('zz', 'ada'), 'MEMBER_NOT_FOUND');
        await expectCode(() => g.blockedMembers(''), 'INVALID_ID');
        expect(await g.blockedMembers('ada')).toEqual(['bob']);
        await g.removeMember('ada');
        await g.addMember('ada');
        expect(await g.blockedMembers('ada')).toEqual([]);
        expect(await g.isBlocked('ada', 'bob')).toBe(false);
      });
    });

    it('bulk loads an edge list and a SocialGraph snapshot with the same answers', async () => {
      await fc.assert(
        fc.asyncProperty(smallGraph, fc.boolean(), async ({ members, edges }, snapshot) => {
          const model = naiveFromEdges(members, edges);
          await withBackend(create, undefined, async (g) => {
            if (snapshot) {
              const local = new SocialGraph();
              for (const m of members) local.addMember(m);
              for (const [a, b] of edges) if (a !== b) local.connect(a, b);
              // a removed member leaves a hole in the snapshot's indices
              local.addMember('gone');
              local.connect('gone', members[0]!);
              local.removeMember('gone');
              await g.load(local);
            } else {
              const pairs: (readonly [string, string])[] = [...edges];
              for (const m of members) pairs.push([m, m]); // self pairs create isolated members
              await g.load(pairs);
            }
            await sameAnswers(g, model);
          });
        }),
        fcParams(runs),
      );
    });

    it('follows a model through random mutations', async () => {
      const POOL = Array.from({ length: 10 }, (_, i) => `p${i}`);
      type Op = { kind: 'add' | 'remove'; x: number } | { kind: 'connect' | 'disconnect'; x: number; y: number } | { kind: 'query'; x: number; y: number };
      const op: fc.Arbitrary<Op> = fc.oneof(
        { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('add' as const, 'add' as const, 'remove' as const), x: fc.nat(9) }) },
        { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('connect' as const, 'connect' as const, 'disconnect' as const), x: fc.nat(9), y: fc.nat(9) }) },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), x: fc.nat(9), y: fc.nat(9) }) },
      );
      const cov = new Coverage('conformance model');
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: runs >= 100 ? 120 : 60 }), async (ops) => {
          const model: Naive = new Map();
          let connects = 0;
          let queries = 0;
          let far = 0;
          let capped = 0;
          await withBackend(create, { maxConnectionsPerMember: 4 }, async (g) => {
            // Start with the whole pool: connects and queries then find their members.
            for (const p of POOL) {
              await g.addMember(p);
              model.set(p, new Set());
            }
            for (const o of ops) {
              const a = POOL[o.x]!;
              if (o.kind === 'add') {
                expect(await g.mergeMember(a)).toBe(!model.has(a));
                if (!model.has(a)) model.set(a, new Set());
                continue;
              }
              if (o.kind === 'remove') {
                if (!model.has(a)) {
                  await expectCode(() => g.removeMember(a), 'MEMBER_NOT_FOUND');
                  continue;
                }
                await g.removeMember(a);
                for (const w of model.get(a)!) model.get(w)!.delete(a);
                model.delete(a);
                continue;
              }
              const b = POOL[(o as { y: number }).y]!;
              if (!model.has(a) || !model.has(b)) {
                await expectCode(() => (o.kind === 'query' ? g.degree(a, b) : g[o.kind as 'connect' | 'disconnect'](a, b)), 'MEMBER_NOT_FOUND');
                continue;
              }
              if (o.kind === 'connect') {
                if (a === b) await expectCode(() => g.connect(a, b), 'SELF_CONNECTION');
                else if (model.get(a)!.has(b)) expect(await g.connect(a, b)).toBe(false);
                else if (model.get(a)!.size >= 4 || model.get(b)!.size >= 4) {
                  await expectCode(() => g.connect(a, b), 'CONNECTION_LIMIT');
                  capped++;
                } else {
                  expect(await g.connect(a, b)).toBe(true);
                  connects++;
                  model.get(a)!.add(b);
                  model.get(b)!.add(a);
                }
              } else if (o.kind === 'disconnect') {
                expect(await g.disconnect(a, b)).toBe(a !== b && model.get(a)!.has(b));
                model.get(a)!.delete(b);
                model.get(b)!.delete(a);
              } else {
                queries++;
                if ((naiveDistance(model, a, b, 9) ?? 0) >= 2) far++;
                expect(await g.degree(a, b)).toBe(naiveDistance(model, a, b, 3));
                expect((await g.mutualConnections(a, b)).sort()).toEqual(naiveMutual(model, a, b));
                const [first, second, third] = naiveLevels(model, a, 3);
                expect(await g.reach(a)).toEqual({ first, second, third });
              }
            }
            await sameAnswers(g, model);
          });
          cov.hit({ '>= 5 connects': connects >= 5, 'a valid query': queries > 0, 'query at distance >= 2': far > 0, CONNECTION_LIMIT: capped > 0 });
        }),
        fcParams(runs),
      );
      // Fewer runs (a remote backend) leave more room.
      const slack = runs < 50 ? 0.5 : 1;
      cov.expect({ '>= 5 connects': 0.45 * slack, 'a valid query': 0.8 * slack, 'query at distance >= 2': 0.15 * slack, CONNECTION_LIMIT: 0.04 * slack });
    });

    it('answers concurrent queries independently', async () => {
      await withBackend(create, undefined, async (g) => {
        const edges: [string, string][] = [];
        for (let i = 0; i < 60; i++) edges.push([`c${i}`, `c${(i + 1) % 60}`], [`c${i}`, `c${(i * 7) % 60}`]);
        await g.load(edges);
        const model = naiveFromEdges(Array.from({ length: 60 }, (_, i) => `c${i}`), edges);
        const asks: Promise<unknown>[] = [];
        const expected: unknown[] = [];
        for (let i = 0; i < 60; i++) {
          const a = `c${i}`;
          const b = `c${(i * 13 + 5) % 60}`;
          asks.push(g.degree(a, b, { maxDepth: 6 }), g.reach(a), g.degrees(a, [b, `c${(i + 30) % 60}`]));
          const [first, second, third] = naiveLevels(model, a, 3);
          expected.push(naiveDistance(model, a, b, 6), { first, second, third }, [naiveDistance(model, a, b, 3), naiveDistance(model, a, `c${(i + 30) % 60}`, 3)]);
        }
        expect(await Promise.all(asks)).toEqual(expected);
      });
    });
  });
}
