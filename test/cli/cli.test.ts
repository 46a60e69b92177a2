// The `social-graph` command at tiny sizes, run as users run it (a child process under tsx):
// flags, exit codes (0 ok, 1 failure, 2 usage), the --json schema and the agreement check.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKLOADS } from '../../src/cli/bench/protocol.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'social-graph-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TINY = ['--members', '600', '--avg-degree', '6', '--pairs', '200', '--pages', '5', '--reach', '5', '--churn', '50'];

describe('social-graph CLI: usage', () => {
  it('--help lists the commands and exits 0; no command exits 2', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/bench/);
    expect(help.stdout).toMatch(/demo/);
    expect(cli().code).toBe(2);
  });

  it('bench --help documents every flag and exits 0', () => {
    const r = cli('bench', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['--members', '--avg-degree', '--model', '--dataset', '--order', '--ids', '--sweep', '--json', '--report', '--chart', '--peers', '--budget', '--sequential']) expect(r.stdout).toContain(flag);
  });

  it.each([
    [['bench', '--model', 'tree'], /barabasi-albert.*watts-strogatz.*stochastic-block.*erdos-renyi/],
    [['bench', '--peers', 'social-graph,igraph'], /allowed: social-graph, csr, graphology, ngraph, naive/],
    [['bench', '--order', 'random'], /--order must be one of shuffled, generation, got "random"/],
    [['bench', '--ids', 'uuid'], /--ids must be one of long, short, got "uuid"/],
    [['bench', '--bogus'], /unknown option --bogus \(options: --model VALUE;/],
    [['bench', '--members', 'many'], /--members must be an integer/],
    [['bench', '--avg-degree', '5'], /even/],
    [['bench', '--build', 'fast'], /connect, indexed/],
    [['bench', '--chart', join(dir, 'x.svg')], /--sweep/],
    [['bench', '--dataset', join(dir, 'missing.txt')], /no such file/],
    [["frobnicate"], /allowed: demo, bench, import, info, query/],
  ])('%j exits 2 and says what is allowed', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a malformed dataset fails (exit 1) naming the line', () => {
    const file = join(dir, 'bad.txt.gz');
    writeFileSync(file, gzipSync('# comment\r\n1\t2\r\n3\r\n'));
    const r = cli('bench', '--dataset', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3/);
  });
});

describe('social-graph bench at tiny sizes', () => {
  it('writes the JSON schema with every raw figure, and every peer agrees (exit 0)', () => {
    const json = join(dir, 'bench.json');
    const md = join(dir, 'bench.md');
    const r = cli('bench', ...TINY, '--model', 'ws', '--json', json, '--report', md);
    expect(r.stderr).not.toMatch(/DISAGREEMENT|failed/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SocialGraph/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.schema).toBe('social-graph-bench/1');
    expect(out.command).toMatch(/^social-graph bench /);
    expect(out.seeds).toEqual({ graph: 1, queries: 1001, members: 3001 });
    expect(out.naming).toEqual({ order: 'shuffled', ids: 'long' });
    expect(Object.keys(out.machine).sort()).toEqual(['cores', 'cpu', 'loadAverage', 'memoryGiB', 'node', 'platform']);
    expect(out.graph).toMatchObject({ model: 'watts-strogatz', members: 600, avgDegree: 6 });
    expect(out.description.degree).toHaveProperty('p99');
    expect(typeof out.description.clustering).toBe('number');
    expect(out.disagreements).toEqual([]);
    expect(out.outcomes.map((o: { peer: string }) => o.peer)).toEqual(['social-graph', 'csr', 'graphology', 'ngraph', 'naive']);
    for (const o of out.outcomes) {
      expect(o.ok).toBe(true);
      expect(o.connections).toBe(1800);
      // A heap delta: at a few hundred members GC noise can outweigh the graph, so only its type is checked.
      expect(Number.isFinite(o.bytesPerConnection)).toBe(true);
      for (const w of WORKLOADS) {
        expect(Object.keys(o.workloads[w]).sort()).toEqual(['max', 'mean', 'n', 'p50', 'p99']);
        expect(o.workloads[w].n).toBeGreaterThan(0);
      }
    }
    for (const peer of ['csr', 'graphology', 'ngraph', 'naive']) expect(out.compared[peer].degreeRandom).toBe(200);
    for (const w of WORKLOADS) expect(out.versusCsr.p50[w]).toBeGreaterThan(0);
    expect(out.versusCsr.bytesPerConnection).toEqual(expect.any(Number));
    expect(r.stdout).toMatch(/p50 vs csr/);
    expect(out.timing).toEqual({ alternate: true, slices: 10 });
    expect(r.stdout).toMatch(/timing: libraries alternate in slices of each workload, 10 per library \(20 calls of 200 pairs, 1 of 5 pages, 1 of 5 reach sources, 5 of 50 churn\), order swapped each round/);
    expect(r.stderr).toMatch(/take turns, each workload in 10 slices per library, order swapped each round/);
    const report = readFileSync(md, 'utf8');
    expect(report).toMatch(/\| workload \| library \|/);
    expect(report).toMatch(/^- timing: libraries alternate in slices/m);
  });

  it('social-graph and csr answer alike with generation order and short ids (exit 0)', () => {
    const json = join(dir, 'csr.json');
    const r = cli('bench', ...TINY, '--peers', 'social-graph,csr', '--order', 'generation', '--ids', 'short', '--no-bulk', '--json', json);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/csr \(static CSR floor\) agrees with SocialGraph on every query compared/);
    expect(r.stdout).toMatch(/SocialGraph vs csr .*p50 degreeRandom \d+\.\d\d×/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.naming).toEqual({ order: 'generation', ids: 'short' });
    expect(out.seeds.members).toBeNull();
    expect(out.disagreements).toEqual([]);
    for (const w of WORKLOADS) expect(out.compared.csr[w]).toBeGreaterThan(0);
  });

  it('--sequential times each library alone, one after the other, with the same answers (exit 0)', () => {
    const json = join(dir, 'sequential.json');
    const r = cli('bench', ...TINY, '--peers', 'social-graph,csr', '--no-bulk', '--sequential', '--json', json);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/timing: one library after the other/);
    expect(r.stdout).toMatch(/csr \(static CSR floor\) agrees with SocialGraph on every query compared/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.timing).toEqual({ alternate: false, slices: 10 });
    // Every query of TINY timed: 200 pairs, 5 pages, 5 reach sources, 50 churn.
    const asked = { degreeRandom: 200, degreeNear: 200, degreeHub: 200, degreesPage: 5, mutualCount: 200, mutualList: 200, reach: 5, disconnect: 50, connect: 50 };
    for (const o of out.outcomes) for (const w of WORKLOADS) expect(o.workloads[w].n).toBe(asked[w]);
  });

  it('agrees with every peer on the karate club (--dataset)', () => {
    const r = cli('bench', '--dataset', 'test/fixtures/karate.txt', '--pairs', '300', '--pages', '3', '--reach', '34', '--churn', '20', '--no-bulk');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/34 members, 78 connections/);
    expect(r.stdout).toMatch(/agrees? with SocialGraph on every query compared/);
  });

  it('--sweep writes a JSON per size and an SVG chart', () => {
    const json = join(dir, 'sweep.json');
    const svg = join(dir, 'sweep.svg');
    const r = cli('bench', '--sweep', '--sizes', '300,1k', '--avg-degree', '6', '--pairs', '50', '--pages', '2', '--reach', '3', '--churn', '10', '--peers', 'naive', '--json', json, '--chart', svg);
    expect(r.stderr).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.points.map((p: { members: number }) => p.members)).toEqual([300, 1000]);
    expect(out.points[1].report.outcomes.map((o: { peer: string }) => o.peer)).toEqual(['social-graph', 'naive']);
    const chart = readFileSync(svg, 'utf8');
    expect(chart.startsWith('<svg')).toBe(true);
    expect(chart).toContain('naive Map');
  });
});

describe('social-graph demo', () => {
  it('runs on a tiny network (exit 0)', () => {
    const r = cli('demo', '--members', '1000', '--avg-degree', '10');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/degree badges for a page of 10 people/);
    expect(cli('demo', '--members', '-5').code).toBe(2);
  });
});
