/**
 * `social-graph stats`: table, JSON and chart of the distance distribution of an edge list or a
 * snapshot.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import { saveSync } from '../../src/node/index.js';
import { importEdgeList } from '../../src/index.js';

const KARATE = 'test/fixtures/karate.txt';
const dir = mkdtempSync(join(tmpdir(), 'sg-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stdout, stderr };
}

describe('social-graph stats', () => {
  it('prints the exact distribution of karate as a table', async () => {
    const { code, stdout, stderr } = await run('stats', KARATE, '--exact');
    expect(code).toBe(0);
    // 78 connections: 156 ordered pairs at distance 1; 34·33 = 1122 reachable pairs.
    expect(stdout).toMatch(/^\s+1\s+156\s/m);
    expect(stdout).toMatch(/reachable pairs\s+1,122/);
    expect(stdout).toMatch(/method\s+exact/);
    expect(stderr).toMatch(/34 members, 78 connections; exact all-pairs BFS needs/);
  });

  it('--json gives the numbers, --chart writes an SVG; a snapshot reads the same', async () => {
    const { graph } = await importEdgeList(readFileSync(KARATE, 'utf8'));
    const snapshot = join(dir, 'karate.sg');
    saveSync(graph, snapshot);
    const chart = join(dir, 'karate.svg');
    const { code, stdout } = await run('stats', snapshot, '--precision', '8', '--json', '--chart', chart);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { memberCount: number; orderedPairs: number[]; reachablePairs: number; precision: number; shareWithin: number[] };
    expect(json.memberCount).toBe(34);
    expect(json.precision).toBe(8);
    expect(json.orderedPairs[1]).toBe(156);
    expect(json.reachablePairs).toBe(1122);
    expect(json.shareWithin.at(-1)).toBe(1);
    expect(readFileSync(chart, 'utf8')).toMatch(/^<svg[\s\S]*Distance distribution of karate\.sg/);
  }, 60_000);

  it('usage errors exit 2, unreadable files exit 1', async () => {
    expect((await run('stats')).code).toBe(2);
    expect((await run('stats', KARATE, '--precision', '3')).code).toBe(2);
    expect((await run('stats', KARATE, '--precision', '8', '--exact')).code).toBe(2);
    expect((await run('stats', KARATE, '--bogus')).code).toBe(2);
    const missing = await run('stats', join(dir, 'nope.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such file/);
    expect((await run('stats', '--help')).stdout).toMatch(/Usage: social-graph stats FILE/);
  });
});
