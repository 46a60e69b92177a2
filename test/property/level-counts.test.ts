/**
 * levelCounts against a plain BFS oracle on graphs dense enough for every path of the local
 * search: bottom-up levels (settled by the bounds or by the probes), top-down levels, the last
 * level counted without queueing (marks cleared by one fill), searches that visit much or little
 * of the index range, and members pre-marked by the caller (as ViewerWindow.reach excludes the
 * members blocked with the viewer). Which levels ran bottom-up is read off a view that counts
 * reads of `indexBound` (test/algorithms/views.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXCLUDED } from '../../src/algorithms/bidirectional-distance.js';
import { levelCounts, levelCountsAt } from '../../src/algorithms/level-counts.js';
import { Scratch } from '../../src/algorithms/scratch.js';
import { runSearch } from '../../src/algorithms/search.js';
import { bfs, bottomUpLevels, BoundCountingView, listsOf, PackedView, runRecorded, runRemote } from '../algorithms/views.js';
import { Coverage } from '../support/coverage.js';
import { fcParams } from '../support/fc-config.js';

/**
 * Up to 160 members: dense blocks (each pair inside a block joined with probability `p`), sparse
 * random pairs across the graph, a path, isolated members; member numbers shuffled.
 */
const denseGraph = fc
  .record(
    {
      n: fc.integer({ min: 1, max: 160 }),
      blocks: fc.array(fc.record({ start: fc.nat(), size: fc.integer({ min: 2, max: 60 }), p: fc.double({ min: 0.2, max: 1, noNaN: true }) }), { maxLength: 4, size: 'max' }),
      pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120, size: 'max' }),
      path: fc.integer({ min: 0, max: 12 }),
      seed: fc.integer(),
      order: fc.array(fc.nat(), { maxLength: 160, size: 'max' }),
    },
    { noNullPrototype: true },
  )
  .map(({ n, blocks, pairs, path, seed, order }) => {
    const all: [number, number][] = pairs.map(([a, b]) => [a % n, b % n]);
    let x = seed | 0;
    const random = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      return ((x >>> 8) & 0xffff) / 0x10000;
    };
    for (const { start, size, p } of blocks) {
      for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) if (random() < p) all.push([(start + i) % n, (start + j) % n]);
    }
    const mod = (k: number): number => ((k % n) + n) % n;
    for (let i = 0; i + 1 < path; i++) all.push([mod(n - 1 - i), mod(n - 2 - i)]);
    // Shuffle the member numbers (Fisher–Yates driven by `order`).
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = (order[i] ?? i) % (i + 1);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    return { n, lists: listsOf(n, all.map(([a, b]) => [perm[a]!, perm[b]!] as [number, number])) };
  });

describe('levelCounts on dense graphs', () => {
  it('counts each level like a BFS, whatever direction each level takes, clearing what it marked', () => {
    const cov = new Coverage('levelCounts dense');
    let bottomUp = 0;
    let topDownFrom2 = 0;
    fc.assert(
      fc.property(denseGraph, fc.nat(), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 6, size: 'max' }), ({ n, lists }, sp, depth, blockedPicks) => {
        const source = sp % n;
        const blocked = new Set(blockedPicks.map((b) => b % n).filter((b) => b !== source));
        const dist = bfs(lists, source, blocked);
        const want = Array.from({ length: depth }, (_, i) => dist.filter((d) => d === i + 1).length);
        const view = new BoundCountingView(new PackedView(lists));
        const total = view.inner.totalSlots;
        const scratch = new Scratch();
        scratch.ensure(n);
        for (const b of blocked) scratch.markA[b] = EXCLUDED;
        const got = runRecorded(levelCounts(scratch, source, depth, Math.max(1, total)), view);
        expect(got.result).toEqual(want);
        expect(got.requests).toEqual([[source]]);
        // levelCountsAt, the same search without the generator (what SocialGraph.reach runs).
        const direct = new Scratch();
        direct.ensure(n);
        for (const b of blocked) direct.markA[b] = EXCLUDED;
        expect(levelCountsAt(direct, view.inner, source, depth, Math.max(1, total))).toEqual(want);
        for (let v = 0; v < direct.markA.length; v++) if (!blocked.has(v) && direct.markA[v] !== 0) expect.fail(`levelCountsAt left a mark at ${v}`);
        // Every mark the search set is clear; a pre-mark is either kept or cleared (by a fill).
        for (let v = 0; v < scratch.markA.length; v++) {
          if (!blocked.has(v) && scratch.markA[v] !== 0) expect.fail(`mark left at ${v}`);
          if (blocked.has(v) && scratch.markA[v] !== 0 && scratch.markA[v] !== EXCLUDED) expect.fail(`pre-mark changed at ${v}`);
        }
        const filled = [...blocked].some((b) => scratch.markA[b] === 0);
        const up = total > 0 ? bottomUpLevels(view, dist, depth) : 0;
        let levels = 0;
        for (let level = 2; level <= depth; level++) if (dist.includes(level - 1)) levels++;
        expect(up).toBeGreaterThanOrEqual(0);
        expect(up).toBeLessThanOrEqual(levels);
        bottomUp += up;
        topDownFrom2 += levels - up;
        const reached = dist.filter((d) => d > 0).length;
        cov.hit({
          'a bottom-up level': up > 0,
          'a top-down level from level 2': levels - up > 0,
          'last level bottom-up': total > 0 && depth >= 2 && dist.includes(depth - 1) && (() => {
            // The last level is bottom-up iff dropping it from the count leaves one bottom-up level less.
            const shorter = new BoundCountingView(new PackedView(lists));
            const s2 = new Scratch();
            s2.ensure(n);
            for (const b of blocked) s2.markA[b] = EXCLUDED;
            runSearch(levelCounts(s2, source, depth - 1, total), shorter);
            return bottomUpLevels(shorter, dist, depth - 1) < up;
          })(),
          'marks cleared by one fill (pre-marks too)': filled,
          'reaches over half the members': reached * 2 > n,
          'pre-marked members': blocked.size > 0,
        });
        // Top-down only and remote agree (pre-marks honoured there too).
        const td = new Scratch();
        td.ensure(n);
        for (const b of blocked) td.markA[b] = EXCLUDED;
        expect(runSearch(levelCounts(td, source, depth, 0), new PackedView(lists))).toEqual(want);
        for (const b of blocked) td.markA[b] = 0;
        expect(td.markA.every((m) => m === 0)).toBe(true);
        if (blocked.size === 0) expect(runRemote(levelCounts(td, source, depth, 0), lists).result).toEqual(want);
      }),
      fcParams(300),
    );
    expect(bottomUp).toBeGreaterThan(0);
    expect(topDownFrom2).toBeGreaterThan(0);
    cov.expect({
      'a bottom-up level': 0.1,
      'a top-down level from level 2': 0.2,
      'last level bottom-up': 0.05,
      'marks cleared by one fill (pre-marks too)': 0.02,
      'reaches over half the members': 0.2,
      'pre-marked members': 0.3,
    });
  });
});
