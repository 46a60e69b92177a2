// The command's failures speak in one voice: one line 'social-graph: ...' on stderr, no stack
// trace, and the documented exit codes (0 ok, 1 failure, 2 usage; `social-graph --help`).
// Run as users run it: a child process under tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingChartPackages } from '../../src/cli/bench/chart.js';
import { PEERS, peerAvailable } from '../../src/cli/bench/peers.js';
import { parseArgsError } from '../../src/cli/io.js';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sg-cli-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One voice: every line of a failure starts as the command's own, and none is a stack frame. */
function oneVoice(stderr: string): void {
  expect(stderr).toMatch(/^social-graph: /m);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\uFFFD|\x89/);
}

describe('social-graph CLI: errors', () => {
  it('--help documents the exit codes; import --help its -o alias', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:\n\s+0\s+success\n\s+1\s+failure[\s\S]*\n\s+2\s+usage/);
    expect(cli('import', '--help').stdout).toContain('-o, --out FILE.sg');
  });

  it('an unknown option: exit 2, in the CLI words, with the options and their aliases', () => {
    const r = cli('import', 'edges.txt', '--bogus');
    expect(r.code).toBe(2);
    oneVoice(r.stderr);
    expect(r.stderr).toContain('import: unknown option --bogus (options: -o, --out VALUE;');
    expect(r.stderr).not.toContain('To specify a positional');
    expect(r.stderr.split('\n')[0]!.split("'").length % 2).toBe(1); // balanced quotes
  });

  it('a truncated .gz: exit 1, one line saying so', () => {
    const gz = readFileSync(join(root, 'test', 'fixtures', 'ca-grqc.txt.gz'));
    const file = join(dir, 'cut.txt.gz');
    writeFileSync(file, gz.subarray(0, 3000));
    const r = cli('import', file, '--out', join(dir, 'cut.sg'));
    expect(r.code).toBe(1);
    oneVoice(r.stderr);
    expect(r.stderr).toContain(`social-graph: ${file}: not a whole gzip file (unexpected end of file): truncated or damaged`);
    expect(existsSync(join(dir, 'cut.sg'))).toBe(false);
  });

  it('a snapshot given as an edge list: exit 1, says what it is and what to run; --out creates missing folders', () => {
    const snapshot = join(dir, 'new', 'folder', 'karate.sg');
    const made = cli('import', join(root, 'test', 'fixtures', 'karate.txt'), '-o', snapshot);
    expect(made.code).toBe(0);
    expect(existsSync(snapshot)).toBe(true);
    const r = cli('import', snapshot, '--out', join(dir, 'again.sg'));
    expect(r.code).toBe(1);
    oneVoice(r.stderr);
    expect(r.stderr).toContain(`${snapshot} is a social-graph snapshot, not an edge list: 'social-graph info ${snapshot}'`);
  });

  it('progress of a gzip import counts the text parsed, against the uncompressed size', () => {
    const r = cli('import', join(root, 'test', 'fixtures', 'ca-grqc.txt.gz'), '--out', join(dir, 'grqc.sg'));
    expect(r.code).toBe(0);
    // Not a terminal: a line per 10%. Compressed bytes ran ahead of parsing and jumped to 100%.
    const deciles = [...r.stderr.matchAll(/^import:\s+(\d+)%/gm)].map((m) => Number(m[1]));
    expect(deciles).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('a library error and a missing file: exit 1, one line, no stack', () => {
    const snapshot = join(dir, 'new', 'folder', 'karate.sg');
    const unknown = cli('query', snapshot, 'degree', 'nobody', '1');
    expect(unknown.code).toBe(1);
    oneVoice(unknown.stderr);
    expect(unknown.stderr).toContain('MEMBER_NOT_FOUND');
    const missing = cli('info', join(dir, 'none.sg'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`social-graph: ${join(dir, 'none.sg')}: no such file\n`);
  });
});

describe('social-graph CLI: error wording (in process)', () => {
  it('parse errors of node:util parseArgs', () => {
    const options = { out: { type: 'string', short: 'o' }, json: { type: 'boolean' } } as const;
    const words = (args: string[]) => {
      try {
        parseArgs({ args, options, strict: true, allowPositionals: false });
      } catch (error) {
        return parseArgsError('x', error, options).message;
      }
      return '';
    };
    expect(words(['--nope'])).toBe('x: unknown option --nope (options: -o, --out VALUE; --json)');
    expect(words(['--out'])).toBe('x: option --out needs a value (options: -o, --out VALUE; --json)');
    expect(words(['--json=1'])).toBe('x: option --json takes no value (options: -o, --out VALUE; --json)');
    expect(words(['file'])).toBe("x: unexpected argument file (options: -o, --out VALUE; --json)");
  });

  it('bench names every missing package of a peer at once; --chart checks its packages first', () => {
    const graphology = PEERS.find((p) => p.name === 'graphology')!;
    expect(peerAvailable({ ...graphology, packages: ['no-such-package-a', 'graphology', 'no-such-package-b'] })).toBe(
      'packages no-such-package-a, no-such-package-b are not installed (npm install no-such-package-a no-such-package-b)',
    );
    expect(peerAvailable(graphology)).toBeNull();
    expect(missingChartPackages()).toEqual([]); // installed as devDependencies here
  });
});
