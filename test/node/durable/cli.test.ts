/**
 * The CLI on durable directories: `info DIR` and `query DIR ...` read snapshot + journal without
 * writing; `checkpoint DIR` folds the journal into a new snapshot; a directory in use is refused.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckpointCommand } from '../../../src/cli/commands/checkpoint.js';
import { runInfoCommand } from '../../../src/cli/commands/info.js';
import { runQueryCommand } from '../../../src/cli/commands/query.js';
import { CliError, type CliIo } from '../../../src/cli/io.js';
import { open } from '../../../src/node/index.js';

const root = mkdtempSync(join(tmpdir(), 'sg-durable-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function buffers(): CliIo & { out: () => string } {
  let out = '';
  return { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, out: () => out } as unknown as CliIo & { out: () => string };
}

describe('CLI on a durable directory', () => {
  it('info, query and checkpoint', async () => {
    const dir = join(root, 'net');
    const durable = open(dir, { sync: 'always' });
    for (const id of ['ada', 'bob', 'cy', 'dee']) durable.graph.addMember(id);
    durable.graph.connect('ada', 'bob');
    durable.graph.connect('bob', 'cy');
    durable.graph.connect('cy', 'dee');

    // While the directory is open elsewhere: reading works, checkpointing is refused.
    const info = buffers();
    expect(await runInfoCommand([dir, '--json'], info)).toBe(0);
    expect(JSON.parse(info.out())).toMatchObject({ memberCount: 4, connectionCount: 3, snapshot: 0, journalRecords: 7 });
    const query = buffers();
    expect(await runQueryCommand([dir, 'degree', 'ada', 'dee'], query)).toBe(0);
    expect(query.out()).toBe('3\n');
    await expect(runCheckpointCommand([dir], buffers())).rejects.toThrow(CliError);
    await durable.close();

    const checkpoint = buffers();
    expect(await runCheckpointCommand([dir, '--json'], checkpoint)).toBe(0);
    expect(JSON.parse(checkpoint.out())).toMatchObject({ memberCount: 4, connectionCount: 3, recordsReplayed: 7 });
    expect(readdirSync(dir).filter((f) => f.startsWith('snapshot-'))).toEqual(['snapshot-00000002.sg']);
    const after = buffers();
    expect(await runInfoCommand([dir, '--json'], after)).toBe(0);
    expect(JSON.parse(after.out())).toMatchObject({ memberCount: 4, connectionCount: 3, snapshot: 2, journalRecords: 0 });
  });
});
