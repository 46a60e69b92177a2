/**
 * The snapshot commands `import`, `info` and `query`, run in-process against buffers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../src/cli/commands/import.js';
import { runInfoCommand } from '../../src/cli/commands/info.js';
import { runQueryCommand } from '../../src/cli/commands/query.js';
import { CliError, UsageError, type CliIo } from '../../src/cli/io.js';
import { load } from '../../src/node/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sg-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function buffers(tty = false): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: tty, columns: 120 },
    out: () => out,
    err: () => err,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('social-graph import / info / query', () => {
  const snapshot = join(dir, 'karate.sg');

  it('imports an edge list into a snapshot, with progress lines off a terminal', async () => {
    const io = buffers(false);
    expect(await runImportCommand([join(FIXTURES, 'karate.txt'), '--out', snapshot], io)).toBe(0);
    expect(io.out()).toContain('34 members, 78 connections');
    const progress = io.err().trim().split('\n');
    expect(progress.at(-1)).toMatch(/^import: 100%/);
    expect(progress.every((line) => line.startsWith('import:'))).toBe(true);
    const graph = await load(snapshot);
    expect(graph.connectionCount).toBe(78);
  });

  it('draws a bar rewritten with \\r on a terminal, and reads gzip', async () => {
    const io = buffers(true);
    const out = join(dir, 'email.sg');
    expect(await runImportCommand([join(FIXTURES, 'email-eu-core.txt.gz'), '--out', out], io)).toBe(0);
    expect(io.err()).toContain('\r');
    expect(io.err()).toContain('100%');
    const info = buffers();
    expect(await runInfoCommand([out, '--check'], info)).toBe(0);
    expect(info.out()).toContain('full load OK');
  });

  it('describes a snapshot (text and JSON)', async () => {
    const io = buffers();
    expect(await runInfoCommand([snapshot], io)).toBe(0);
    expect(io.out()).toMatch(/format 1\.1/);
    expect(io.out()).toMatch(/members\s+34/);
    expect(io.out()).toContain('adjacency');
    const json = buffers();
    await runInfoCommand([snapshot, '--json'], json);
    expect(JSON.parse(json.out())).toMatchObject({ memberCount: 34, connectionCount: 78, majorVersion: 1 });
  });

  it('answers degree, mutual and reach like the library', async () => {
    const graph = await load(snapshot);
    const run = async (...args: string[]) => {
      const io = buffers();
      expect(await runQueryCommand([snapshot, ...args], io)).toBe(0);
      return io.out();
    };
    expect(await run('degree', '0', '33')).toBe(`${graph.degree('0', '33')}\n`);
    expect(await run('degree', '0', '33', '--max-depth', '0')).toBe('none\n');
    expect(await run('mutual', '0', '33')).toBe(graph.mutualConnections('0', '33').map((id) => `${id}\n`).join(''));
    expect(await run('mutual', '0', '33', '--count')).toBe(`${graph.mutualCount('0', '33')}\n`);
    const reach = graph.reach('0');
    expect(await run('reach', '0')).toBe(`1st ${reach.first}\n2nd ${reach.second}\n3rd ${reach.third}\n`);
    expect(JSON.parse(await run('reach', '0', '--json'))).toEqual({ id: '0', ...reach });
  });

  it('reports bad input as one-line errors (the line of a malformed edge list, damaged snapshots, unknown members)', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '1 2\n2 3\nlonely\n');
    const malformed = await rejection(runImportCommand([bad, '--out', join(dir, 'bad.sg')], buffers()));
    expect(malformed).toBeInstanceOf(CliError);
    expect((malformed as Error).message).toContain(`${bad}:3:`);
    const damaged = join(dir, 'damaged.sg');
    const bytes = readFileSync(snapshot);
    bytes[bytes.length - 3]! ^= 0x10;
    writeFileSync(damaged, bytes);
    expect((await rejection(runInfoCommand([damaged], buffers()))) as Error).toBeInstanceOf(CliError);
    expect(((await rejection(runQueryCommand([damaged, 'reach', '0'], buffers()))) as Error).message).toContain('SNAPSHOT_CORRUPT');
    expect(((await rejection(runQueryCommand([snapshot, 'reach', 'nobody'], buffers()))) as Error).message).toContain('MEMBER_NOT_FOUND');
    expect(((await rejection(runInfoCommand([join(dir, 'missing.sg')], buffers()))) as Error).message).toContain('no such file');
  });

  it('rejects bad command lines with UsageError', async () => {
    for (const args of [[], ['a.txt'], ['a.txt', 'b.txt', '--out', 'x.sg'], ['a.txt', '--out', 'x.sg', '--delimiter', 'pipe'], ['a.txt', '--nope']]) {
      expect(await rejection(runImportCommand(args, buffers()))).toBeInstanceOf(UsageError);
    }
    for (const args of [[], [snapshot, 'closeness', 'a'], [snapshot, 'degree', 'a'], [snapshot, 'reach', 'a', '--max-depth', 'x']]) {
      expect(await rejection(runQueryCommand(args, buffers()))).toBeInstanceOf(UsageError);
    }
    expect(await rejection(runInfoCommand([], buffers()))).toBeInstanceOf(UsageError);
    const help = buffers();
    expect(await runQueryCommand(['--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: social-graph query');
    // --help prints the usage and nothing else: no query ran, no error.
    expect(help.out()).toMatch(/degree A B[\s\S]*mutual A B[\s\S]*reach A/);
    expect(help.err()).toBe('');
  });
});
