// The bench's pieces as functions: flag parsing, the answer comparison, progress output, the
// dataset reader's clean-up and the query samples.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choiceFlag, intFlag, parseCount } from '../../src/cli/args.js';
import { duration, ratio } from '../../src/cli/bench/format.js';
import { compareAnswers, type PeerOutcome } from '../../src/cli/bench/run-bench.js';
import { WORKLOADS, type WorkerResult } from '../../src/cli/bench/protocol.js';
import { makeQueries, readDataset } from '../../src/cli/bench/workload.js';
import { UsageError } from '../../src/cli/io.js';
import { Progress } from '../../src/cli/progress.js';
import { barabasiAlbert } from '../../src/generators/barabasi-albert.js';
import { buildCsr } from '../../src/generators/edge-list.js';

describe('flags', () => {
  it('parses counts with separators and k/M suffixes', () => {
    expect(parseCount('1000000')).toBe(1_000_000);
    expect(parseCount('1_000_000')).toBe(1_000_000);
    expect(parseCount('100k')).toBe(100_000);
    expect(parseCount('5M')).toBe(5_000_000);
    expect(parseCount('1.5M')).toBe(1_500_000);
    expect(parseCount('x')).toBeNaN();
  });
  it('rejects out-of-range integers and unknown choices with UsageError', () => {
    expect(() => intFlag({ n: '0' }, 'n', 1, 1, 10)).toThrow(UsageError);
    expect(intFlag({}, 'n', 7, 1, 10)).toBe(7);
    expect(choiceFlag({ m: 'ba' }, 'm', 'x', ['x', 'barabasi-albert'] as const, { ba: 'barabasi-albert' })).toBe('barabasi-albert');
    expect(() => choiceFlag({ m: 'y' }, 'm', 'x', ['x'] as const)).toThrow(UsageError);
  });
  it('formats durations with units and ratios', () => {
    expect(duration(0.5)).toBe('500 ns');
    expect(duration(12.34)).toBe('12.3 µs');
    expect(duration(4500)).toBe('4.50 ms');
    expect(duration(2_000_000)).toBe('2.00 s');
    expect(ratio(30, 10)).toBe('3.0×');
    expect(ratio(1, 0)).toBe('-');
  });
});

function result(peer: string, degree: number[]): WorkerResult {
  const timing = { p50: 1, p99: 2, max: 3, mean: 1, n: degree.length };
  const workloads = Object.fromEntries(WORKLOADS.map((w) => [w, timing])) as WorkerResult['workloads'];
  const answers = Object.fromEntries(WORKLOADS.map((w) => [w, w === 'degreeRandom' ? degree : []])) as unknown as WorkerResult['answers'];
  return { type: 'result', peer, ok: true, members: 5, connections: 4, generateMs: 0, build: 'connect', buildMs: 1, connectPerSecond: 1, bytes: 1, bytesPerConnection: 1, workloads, answers };
}

describe('compareAnswers', () => {
  it('reports a disagreement with its first query, and compares only what both answered', () => {
    const outcomes: PeerOutcome[] = [
      result('social-graph', [1, 2, 3, -1]),
      result('naive', [1, 2, 2]),
      { type: 'result', peer: 'graphology', ok: false, phase: 'skipped', error: 'too big' },
    ];
    const { lines, compared } = compareAnswers(outcomes);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/naive disagrees with SocialGraph on 1 of 3 degreeRandom answers \(first at query #2: 3 vs 2\)/);
    expect(compared.naive!.degreeRandom).toBe(3);
    expect(compared.graphology).toBeUndefined();
  });
});

describe('Progress', () => {
  it('writes plain lines off a terminal, once per phase', () => {
    let out = '';
    const p = new Progress({ write: (s: string) => (out += s) }, false);
    p.update('build', 0, 10);
    p.update('build', 5, 10);
    p.update('query', 1, 10);
    expect(out).toBe('  build...\n  query...\n');
  });
  it('rewrites one bar with \\r on a terminal', () => {
    let out = '';
    const p = new Progress({ write: (s: string) => (out += s), isTTY: true, columns: 80 }, true);
    p.update('build', 5, 10);
    p.log('hello');
    expect(out).toMatch(/^\r {2}\[#{12}-{12}\] {2}50% build/);
    expect(out).toContain('\r\x1b[K');
    expect(out.endsWith('hello\n')).toBe(true);
  });
});

describe('readDataset', () => {
  it('numbers ids by first appearance, drops self-pairs and repeats in either direction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-ds-'));
    const file = join(dir, 'g.txt');
    writeFileSync(file, '# FromNodeId\tToNodeId\r\n10\t20\r\n20\t10\r\n20 30\r\n30 30\r\n10\t20\r\n');
    const g = await readDataset(file);
    rmSync(dir, { recursive: true, force: true });
    expect(g.memberCount).toBe(3);
    expect(g.edges).toBe(2);
    expect([...g.sources]).toEqual([0, 1]);
    expect([...g.targets]).toEqual([1, 2]);
    expect(g.params.pairsRead).toBe(4);
  });
});

describe('makeQueries', () => {
  const g = barabasiAlbert({ members: 2000, avgDegree: 8, seed: 3 });
  const counts = { pairs: 300, pages: 4, reach: 5, churn: 50 };
  it('is deterministic per seed', () => {
    const a = makeQueries(g, counts, 9);
    const b = makeQueries(g, counts, 9);
    expect(a).toEqual(b);
    expect(makeQueries(g, counts, 10).random.a).not.toEqual(a.random.a);
  });
  it('near pairs are distinct members at most 3 hops apart; pages hold 100 targets; churn edges are distinct', () => {
    const q = makeQueries(g, counts, 9);
    const csr = buildCsr(g);
    const within3 = (a: number, b: number) => {
      let frontier = new Set([a]);
      const seen = new Set([a]);
      for (let d = 0; d < 3; d++) {
        const next = new Set<number>();
        for (const u of frontier) for (let i = csr.offsets[u]!; i < csr.offsets[u + 1]!; i++) if (!seen.has(csr.neighbors[i]!)) (seen.add(csr.neighbors[i]!), next.add(csr.neighbors[i]!));
        frontier = next;
      }
      return seen.has(b);
    };
    for (let i = 0; i < 300; i++) {
      expect(q.near.a[i]).not.toBe(q.near.b[i]);
      expect(within3(q.near.a[i]!, q.near.b[i]!)).toBe(true);
    }
    expect(q.pages.targets.length).toBe(400);
    expect(new Set(q.churn).size).toBe(50);
  });
});
