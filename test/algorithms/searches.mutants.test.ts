import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BALL_BUDGET_PER_TARGET, batchDistances } from '../../src/algorithms/batch-distances.js';
import { badgeDistanceAt, bidirectionalDistance, EXCLUDED, MAX_SEARCH_DEPTH } from '../../src/algorithms/bidirectional-distance.js';
import { levelCounts } from '../../src/algorithms/level-counts.js';
import { Scratch } from '../../src/algorithms/scratch.js';
import { runSearch } from '../../src/algorithms/search.js';
import { fcParams } from '../support/fc-config.js';
import { testGraph } from './graphs.js';
import { bfs, bottomUpLevels, BoundCountingView, listsOf, PackedView, runRecorded, runRemote } from './views.js';

/** A scratch for `n` members whose queues hold stale member ids, as after earlier searches. */
function dirtyScratch(n: number): Scratch {
  const scratch = new Scratch();
  scratch.ensure(n);
  for (const q of [scratch.queueA, scratch.queueB, scratch.queueC]) for (let i = 0; i < q.length; i++) q[i] = (i * 13 + 5) % n;
  scratch.pair[0] = n - 1;
  scratch.pair[1] = 0;
  return scratch;
}

function expectClean(scratch: Scratch, except: ReadonlySet<number> = new Set()): void {
  for (const mark of [scratch.markA, scratch.markB, scratch.markC]) {
    for (let v = 0; v < mark.length; v++) if (mark[v] !== 0 && !except.has(v)) expect.fail(`mark left at ${v}: ${mark[v]}`);
  }
}

/** Runs at least `min` runs even when mutation testing scales runs down. */
function runs(n: number, min: number): fc.Parameters<unknown> {
  const p = fcParams<unknown>(n);
  return { ...p, numRuns: Math.max(min, p.numRuns ?? n) };
}

describe('batchDistances', () => {
  it('answers every target of any page like a BFS, local and remote, whatever the ball budget', () => {
    let balls = 0;
    let noBalls = 0;
    let far = 0;
    fc.assert(
      fc.property(
        testGraph,
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom(BALL_BUDGET_PER_TARGET, 0, 1, 3, 1_000_000),
        ({ n, lists }, viewerPick, picks, maxDepth, budget) => {
          const viewer = viewerPick % n;
          const targets = Int32Array.from(picks, (p) => p % n);
          const k = targets.length;
          const dist = bfs(lists, viewer);
          const want = Array.from(targets, (t) => (dist[t]! >= 0 && dist[t]! <= maxDepth ? dist[t]! : -1));
          const view = new PackedView(lists);
          const scratch = dirtyScratch(n);
          // `out` is longer than the page: the search writes only its first k entries.
          const out = new Int32Array(k + 2).fill(77);
          const { requests } = runRecorded(batchDistances(scratch, viewer, targets, maxDepth, out, budget), view);
          expect(Array.from(out.subarray(0, k))).toEqual(want);
          expect(Array.from(out.subarray(k))).toEqual([77, 77]);
          expectClean(scratch);
          if (k > 0 && maxDepth >= 1) {
            expect(requests[0]).toEqual([viewer]);
            // The ball grows to depth 2 exactly when the viewer's 2nd degree costs at most the
            // budget (at least 16,384 neighbour reads with the default budget).
            const cost = lists[viewer]!.reduce((t, u) => t + lists[u]!.length, 0);
            const limit = Math.max(budget === BALL_BUDGET_PER_TARGET ? 16_384 : 0, k * budget);
            const ball = maxDepth >= 2 && cost <= limit;
            if (lists[viewer]!.length > 0 && requests.length > 1) {
              expect(requests[1]!.length === lists[viewer]!.length && requests[1]!.every((u) => lists[viewer]!.includes(u))).toBe(ball);
            }
            if (ball) balls++;
            else noBalls++;
          } else {
            expect(requests).toEqual([]);
          }
          if (want.some((d) => d >= 3)) far++;
          const remote = new Int32Array(k + 1).fill(77);
          runRemote(batchDistances(dirtyScratch(n), viewer, targets, maxDepth, remote, budget), lists);
          expect(Array.from(remote.subarray(0, k))).toEqual(want);
          expect(remote[k]).toBe(77);
        },
      ),
      runs(400, 60),
    );
    expect(balls).toBeGreaterThan(0);
    expect(noBalls).toBeGreaterThan(0);
    expect(far).toBeGreaterThan(0);
  });

  it('settles a target one step outside the ball without a pair search, and falls back to one beyond', () => {
    // Path 0-1-2-3-4-5-6: targets at distance 3 are one step outside a depth-2 ball.
    const lists = [[1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5]];
    const view = new PackedView(lists);
    const out = new Int32Array(3);
    const { requests } = runRecorded(batchDistances(dirtyScratch(7), 0, Int32Array.of(3, 1, 2), 3, out), view);
    expect(Array.from(out)).toEqual([3, 1, 2]);
    // viewer, the ball's level 2, the pending target 3: no pair search.
    expect(requests).toEqual([[0], [1], [3]]);
    const far = new Int32Array(2);
    const run = runRecorded(batchDistances(dirtyScratch(7), 0, Int32Array.of(6, 4), 6, far), view);
    expect(Array.from(far)).toEqual([6, 4]);
    expect(run.requests.length).toBeGreaterThan(3);
    // maxDepth 3: distance 4 is out of reach and answered -1 without a pair search.
    const capped = new Int32Array(2);
    const r3 = runRecorded(batchDistances(dirtyScratch(7), 0, Int32Array.of(4, 3), 3, capped), view);
    expect(Array.from(capped)).toEqual([-1, 3]);
    expect(r3.requests).toEqual([[0], [1], [4, 3]]);
    // Depth 1 ball (maxDepth 1): the neighbours answer 1, others -1, one request.
    const one = new Int32Array(3);
    const r1 = runRecorded(batchDistances(dirtyScratch(7), 2, Int32Array.of(1, 3, 0), 1, one), view);
    expect(Array.from(one)).toEqual([1, 1, -1]);
    expect(r1.requests).toEqual([[2]]);
  });

  it('grows the ball to depth 2 when its cost is exactly the budget, and not one read more', () => {
    // Viewer 0 with neighbours 1 and 2 (degree 1 each): the depth-2 ball costs 2 reads.
    const lists = [[1, 2], [0], [0], []];
    const view = new PackedView(lists);
    for (const [budget, ball] of [
      [1, true], // 2 targets x 1 = 2: exactly the cost
      [0, false],
    ] as const) {
      const scratch = new Scratch();
      scratch.ensure(4);
      // A stale queue entry right after the viewer's neighbours (a member with a list).
      scratch.queueC.fill(1);
      const out = new Int32Array(2);
      const { requests } = runRecorded(batchDistances(scratch, 0, Int32Array.of(3, 1), 3, out, budget), view);
      expect(Array.from(out)).toEqual([-1, 1]);
      expect(requests[1]).toEqual(ball ? [1, 2] : [3]);
    }
  });

  it('with the default budget, a page of one target still gets a ball of up to 16,384 reads', () => {
    // Viewer 0 - hub 1 - 5,000 leaves: the ball costs 5,001 reads, more than 1 x 4,096.
    const n = 5003;
    const lists: number[][] = Array.from({ length: n }, () => []);
    lists[0] = [1];
    lists[1] = [0];
    for (let v = 2; v < 5002; v++) {
      lists[1].push(v);
      lists[v] = [1];
    }
    lists[5002] = [4];
    lists[4]!.push(5002);
    const view = new PackedView(lists);
    const out = new Int32Array(1);
    const { requests } = runRecorded(batchDistances(dirtyScratch(n), 0, Int32Array.of(5002), 3, out), view);
    expect(out[0]).toBe(3);
    expect(requests).toEqual([[0], [1], [5002]]);
    // Any other budget has no such floor.
    const { requests: small } = runRecorded(batchDistances(dirtyScratch(n), 0, Int32Array.of(5002), 3, out, 4095), view);
    expect(out[0]).toBe(3);
    expect(small[1]).toEqual([5002]);
  });

  it('answers 0 for the viewer and -1 for everyone else with maxDepth 0 or below, reading nothing', () => {
    const lists = [[1], [0]];
    for (const maxDepth of [0, -1]) {
      const out = new Int32Array(4).fill(9);
      const { requests } = runRecorded(batchDistances(dirtyScratch(2), 1, Int32Array.of(1, 0, 1), maxDepth, out), new PackedView(lists));
      expect(Array.from(out)).toEqual([0, -1, 0, 9]);
      expect(requests).toEqual([]);
    }
  });
});

describe('bidirectionalDistance', () => {
  it('equals a BFS distance for every pair, with and without excluded members, local and remote', () => {
    let excludedMatters = 0;
    let deep = 0;
    fc.assert(
      fc.property(testGraph, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 14 }), fc.array(fc.nat(), { maxLength: 6 }), ({ n, lists }, ap, bp, maxDepth, excludedPicks) => {
        const a = ap % n;
        const b = bp % n;
        const excluded = new Set(excludedPicks.map((p) => p % n).filter((x) => x !== a && x !== b));
        const plain = bfs(lists, a)[b]!;
        const around = bfs(lists, a, excluded)[b]!;
        const want = (d: number): number | null => (a === b ? 0 : d >= 0 && d <= maxDepth ? d : null);
        if (around !== plain) excludedMatters++;
        if (plain >= 4 && plain <= maxDepth) deep++;
        const view = new PackedView(lists);
        const scratch = dirtyScratch(n);
        expect(runSearch(bidirectionalDistance(scratch, a, b, maxDepth), view)).toBe(want(plain));
        expectClean(scratch);
        expect(runRemote(bidirectionalDistance(dirtyScratch(n), a, b, maxDepth), lists).result).toBe(want(plain));
        // Excluding: the caller marks the members in both arrays and clears them afterwards.
        for (const x of excluded) scratch.markA[x] = scratch.markB[x] = EXCLUDED;
        expect(runSearch(bidirectionalDistance(scratch, a, b, maxDepth, undefined, true), view)).toBe(want(around));
        expectClean(scratch, excluded);
        for (const x of excluded) {
          expect(scratch.markA[x]).toBe(EXCLUDED);
          expect(scratch.markB[x]).toBe(EXCLUDED);
        }
      }),
      runs(500, 80),
    );
    expect(excludedMatters).toBeGreaterThan(0);
    expect(deep).toBeGreaterThan(0);
  });

  it('badgeDistanceAt (the depth-3 search without a generator) equals a BFS distance capped at 3, and leaves the marks clear', () => {
    // testGraph, and a star of up to 120 leaves on top of it: a hub whose list is over 24 times
    // an end's. Asked from the hub to one of testGraph's members half the time (the gallop for
    // distance 2, and through the hub at distance 3).
    const graphs = fc.oneof(
      testGraph.map(({ n, lists }) => ({ n, lists, hub: -1, base: n })),
      fc.tuple(testGraph, fc.integer({ min: 25, max: 120 })).map(([{ n, lists }, leaves]) => {
        const all: [number, number][] = [];
        lists.forEach((l, v) => l.forEach((w) => v < w && all.push([v, w])));
        const m = n + leaves + 1;
        for (let i = 0; i <= leaves; i++) all.push([n, (n + 1 + i) % m]); // leaves n+1.., and 0
        all.push([n + 1, 0]);
        return { n: m, lists: listsOf(m, all), hub: n, base: n };
      }),
    );
    const seen = new Map<string, number>();
    const hit = (key: string): void => void seen.set(key, (seen.get(key) ?? 0) + 1);
    let total = 0;
    fc.assert(
      fc.property(graphs, fc.nat(), fc.nat(), fc.boolean(), ({ n, lists, hub, base }, ap, bp, fromHub) => {
        const toHub = fromHub && hub >= 0;
        const a = toHub ? hub : ap % n;
        const b = toHub ? bp % base : bp % n;
        const d = bfs(lists, a)[b]!;
        const want = a === b ? 0 : d >= 0 && d <= 3 ? d : null;
        const scratch = dirtyScratch(n);
        expect(badgeDistanceAt(scratch, new PackedView(lists), a, b)).toBe(want);
        expect(badgeDistanceAt(scratch, new PackedView(lists), b, a)).toBe(want);
        expectClean(scratch);
        total++;
        hit(`answer ${want}`);
        const [small, large] = [lists[a]!.length, lists[b]!.length].sort((x, y) => x - y);
        if (small! > 0 && large! > 24 * small!) hit(`lopsided ${want}`);
      }),
      runs(1500, 300),
    );
    // Every answer, and the gallop both finding 2 and not, reached on purpose (shares of the
    // runs; a share far under these means the arbitrary stopped reaching the case).
    for (const key of ['answer 0', 'answer 1', 'answer 2', 'answer 3', 'answer null', 'lopsided 2', 'lopsided 3', 'lopsided null']) {
      expect((seen.get(key) ?? 0) / total, key).toBeGreaterThan(0.005);
    }
  });

  it('expands the cheaper side each level and reads only what it requested', () => {
    // A hub (0) with 20 leaves, a path 0-21-22-23-24 and a leaf 25 of 24: from 25 the cheap side is 25's.
    const lists: number[][] = Array.from({ length: 26 }, () => []);
    const link = (x: number, y: number): void => {
      lists[x]!.push(y);
      lists[y]!.push(x);
    };
    for (let i = 1; i <= 20; i++) link(0, i);
    link(0, 21);
    link(21, 22);
    link(22, 23);
    link(23, 24);
    link(24, 25);
    for (const l of lists) l.sort((p, q) => p - q);
    const { result, requests } = runRecorded(bidirectionalDistance(dirtyScratch(26), 5, 25, 8), new PackedView(lists));
    expect(result).toBe(6);
    expect(requests[0]).toEqual([5, 25]);
    // Each level expands the side whose frontier has the smaller degree sum: after 5's side
    // reaches the hub, the thin side walks all the way and the hub's list is never read.
    expect(requests).toEqual([[5, 25], [5], [25], [24], [23], [22], [21]]);
    expect(runRemote(bidirectionalDistance(dirtyScratch(26), 5, 25, 8), lists).result).toBe(6);
    expect(runRemote(bidirectionalDistance(dirtyScratch(26), 5, 25, 5), lists).result).toBe(null);
    expect(MAX_SEARCH_DEPTH).toBe(250);
    expect(EXCLUDED).toBe(255);
  });

  it('finds 1 and 2 by the binary search and the intersection, whichever end is smaller', () => {
    const lists = [[1, 2, 3, 4, 5, 6], [0, 7], [0], [0, 7], [0], [0], [0], [1, 3]];
    const view = new PackedView(lists);
    for (const [a, b, d] of [
      [0, 6, 1],
      [6, 0, 1],
      [0, 1, 1],
      [1, 0, 1],
      [7, 0, 2],
      [0, 7, 2],
      [2, 4, 2],
      [1, 3, 2],
      [7, 5, 3],
      [2, 7, 3],
    ] as const) {
      const scratch = dirtyScratch(8);
      expect(runSearch(bidirectionalDistance(scratch, a, b, 3), view)).toBe(d);
      expectClean(scratch);
      expect(runSearch(bidirectionalDistance(dirtyScratch(8), a, b, d - 1), view)).toBe(null);
      expect(runSearch(bidirectionalDistance(dirtyScratch(8), a, b, 250), view)).toBe(d);
    }
  });
});

describe('bidirectionalDistance at depth 3 through the filter', () => {
  // a - x, and b - y, y2, y3. x has 60 more neighbours and t, whose index shares y's low 16 bits,
  // so that t passes the filter (one bit per value of the low 16 bits) built from b's list. b's
  // list is short beside the 62 entries scanned (x's list: 16 × 3 at least) and x's list is not
  // long enough to be galloped through (24 × 3 at most), so x's list is scanned through the
  // filter, and the mark decides.
  const a = 0;
  const x = 1;
  const b = 2;
  const [y, y2, y3] = [3, 7, 9];
  const t = y + 65_536;
  const fillers = Array.from({ length: 60 }, (_, k) => 10 + k);
  function lists(xy: boolean): number[][] {
    const out: number[][] = Array.from({ length: t + 1 }, () => []);
    out[a] = [x];
    out[x] = [a, ...(xy ? [y] : []), ...fillers, t];
    out[b] = [y, y2, y3];
    out[y] = [...(xy ? [x] : []), b];
    out[y2] = [b];
    out[y3] = [b];
    for (const f of fillers) out[f] = [x];
    out[t] = [x];
    return out;
  }

  it('a member that only shares the low 16 bits of the other end\'s connection is no path; the connection itself is', () => {
    // indexBound above 2^18 as well: the search then reads the lists ahead first.
    for (const bound of [t + 1, 2 ** 18 + 1]) {
      for (const [xy, d] of [
        [false, null],
        [true, 3],
      ] as const) {
        const scratch = dirtyScratch(bound);
        expect(runSearch(bidirectionalDistance(scratch, a, b, 3), new PackedView(lists(xy), bound))).toBe(d);
        expectClean(scratch);
        expect(scratch.filter.every((w) => w === 0)).toBe(true);
        expect(runSearch(bidirectionalDistance(dirtyScratch(bound), b, a, 3), new PackedView(lists(xy), bound))).toBe(d);
      }
    }
  });
});

describe('levelCounts', () => {
  it('counts members at each distance like a BFS, local (either direction) and remote (top-down, one request per level)', () => {
    let bottomUp = 0;
    let topDown = 0;
    fc.assert(
      fc.property(testGraph, fc.nat(), fc.integer({ min: 0, max: 9 }), ({ n, lists }, sp, depth) => {
        const source = sp % n;
        const dist = bfs(lists, source);
        const want = Array.from({ length: depth }, (_, i) => dist.filter((d) => d === i + 1).length);
        const view = new BoundCountingView(new PackedView(lists));
        const total = view.inner.totalSlots;
        const scratch = dirtyScratch(n);
        const { result, requests } = runRecorded(levelCounts(scratch, source, depth, total), view);
        expect(result).toEqual(want);
        expectClean(scratch);
        let levels = 0;
        for (let level = 1; level <= depth; level++) if (dist.includes(level - 1)) levels++;
        if (total > 0) {
          // Every list at hand: one request, for the source; then any list is read.
          expect(requests).toEqual([[source]]);
          const up = bottomUpLevels(view, dist, depth);
          expect(up).toBeGreaterThanOrEqual(0);
          bottomUp += up;
          topDown += levels - up;
        }
        // Top-down only: one request per level with a frontier, each exactly that frontier.
        const plain = runRecorded(levelCounts(dirtyScratch(n), source, depth, 0), new PackedView(lists));
        expect(plain.result).toEqual(want);
        expect(plain.requests.length).toBe(1 + levels);
        expect(plain.requests[0]).toEqual([source]);
        for (let level = 1; level < plain.requests.length; level++) {
          expect([...plain.requests[level]!].sort((a, b) => a - b)).toEqual(dist.flatMap((d, v) => (d === level - 1 ? [v] : [])));
        }
        expect(runRemote(levelCounts(dirtyScratch(n), source, depth, 0), lists).result).toEqual(want);
      }),
      runs(400, 60),
    );
    expect(bottomUp).toBeGreaterThan(0);
    expect(topDown).toBeGreaterThan(0);
  });
});
