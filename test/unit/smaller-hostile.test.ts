/**
 * Issue 15 item 12: the smaller ones — connection times before 1 s after the epoch, typos in
 * event types, gzip errors, and the CLI's output for them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { EdgeListFormatError, importEdgeList, readEdgeList, SocialGraph } from '../../src/index.js';
import { expectCode } from '../support/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'sg-smaller-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('connection times', () => {
  it('never store a known time as "unknown"', () => {
    const graph = new SocialGraph({ clock: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) graph.addMember(id);
    for (const at of [0, 1, 999, -1, 2 ** 32 * 1000]) expectCode(() => graph.connect('a', 'b', { at }), 'INVALID_OPTION');
    expect(graph.areConnected('a', 'b')).toBe(false);
    graph.connect('a', 'b', { at: 1000 });
    expect(graph.connectedAt('a', 'b')).toBe(1000);
    graph.connect('a', 'c'); // the clock reads 0: recorded as the first second
    expect(graph.connectedAt('a', 'c')).toBe(1000);
    expect(SocialGraph.fromBytes(graph.toBytes()).connectedAt('a', 'c')).toBe(1000);
  });
});

describe('event types', () => {
  it('a typo is a typed error, not a listener that never fires', () => {
    const graph = new SocialGraph();
    for (const type of ['connnected', 'Connected', '', 'toString', '__proto__', 3, null]) {
      expectCode(() => graph.on(type as never, () => {}), 'INVALID_OPTION');
      expectCode(() => graph.off(type as never, () => {}), 'INVALID_OPTION');
    }
    const seen: string[] = [];
    graph.on('memberAdded', (e) => seen.push(e.id));
    graph.addMember('ada');
    expect(seen).toEqual(['ada']);
  });
});

describe('gzip errors', () => {
  const gz = gzipSync(Buffer.from('1 2\n3 4\n'.repeat(2000)));

  it('truncated or corrupt gzip is an EdgeListFormatError, not a raw zlib error', async () => {
    for (const bad of [gz.subarray(0, gz.length - 20), Buffer.concat([gz.subarray(0, 30), Buffer.alloc(50, 7)])]) {
      const error = await importEdgeList(new Uint8Array(bad)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EdgeListFormatError);
      expect((error as Error).message).toMatch(/gzip/);
    }
  });

  it("a failing source's own error comes through unchanged", async () => {
    const boom = new Error('disk on fire');
    async function* source(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(gz.subarray(0, 40));
      throw boom;
    }
    await expect(readEdgeList(source(), () => {})).rejects.toBe(boom);
  });

  it('the CLI reports them in one line, without a stack trace', async () => {
    const file = join(dir, 'bad.txt.gz');
    writeFileSync(file, gz.subarray(0, gz.length - 20));
    let err = '';
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (s: string) => ((err += s), true), isTTY: false, columns: 80 } } as never;
    const code = await runCli(['import', file, '--out', join(dir, 'out.sg')], io);
    expect(code).toBe(1);
    expect(err).toMatch(/gzip/);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
