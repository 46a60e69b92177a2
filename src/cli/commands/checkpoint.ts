/**
 * `social-graph checkpoint DIR`: opens a durable directory (recovering it), writes a checkpoint
 * (a new snapshot; the journal it covers is deleted) and closes it.
 */
import { open } from '../../node/index.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';
import { cliErrorOf, formatBytes, parseCommandLine } from './snapshot-cli.js';

export const CHECKPOINT_USAGE = `Usage: social-graph checkpoint DIR [options]

Recovers the durable graph kept in DIR (see docs/durability.md), writes a new snapshot of it and
deletes the journal segments the snapshot covers. Fails (exit code 1) if another process has DIR
open, or if the journal is damaged before its tail.

Options:
  --json        print a JSON object instead of text
  -h, --help    this help
`;

export const CHECKPOINT_SUMMARY = 'checkpoint a durable directory (snapshot + journal)';

/** Runs `social-graph checkpoint`. Resolves to 0, 1 (locked, damaged or unreadable) or 2 (usage). */
export async function runCheckpointCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('checkpoint', args, {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(CHECKPOINT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`checkpoint: expected one DIR, got ${positionals.length}`);
  const dir = positionals[0]!;
  const started = performance.now();
  let summary: Record<string, unknown>;
  try {
    const durable = open(dir);
    try {
      const before = durable.stats().journalBytes;
      const { recordsReplayed, bytesDropped } = durable.recovery;
      await durable.checkpoint();
      summary = {
        dir,
        memberCount: durable.graph.memberCount,
        connectionCount: durable.graph.connectionCount,
        recordsReplayed,
        bytesDropped,
        journalBytesBefore: before,
        snapshot: durable.stats().segment,
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      await durable.close();
    }
  } catch (error) {
    throw cliErrorOf(error, dir);
  }
  if (values.json === true) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    io.stdout.write(
      `${dir}: checkpoint ${String(summary['snapshot'])} written in ${(summary['seconds'] as number).toFixed(2)} s: ` +
        `${String(summary['members'])} members, ${String(summary['connections'])} connections; ` +
        `${String(summary['recordsReplayed'])} journal records (${formatBytes(summary['journalBytesBefore'] as number)}) folded in` +
        `${(summary['bytesDropped'] as number) > 0 ? `, ${String(summary['bytesDropped'])} bytes of torn tail cut` : ''}\n`,
    );
  }
  return 0;
}

/** The `checkpoint` subcommand, for the command table of src/cli/cli.ts. */
export const checkpointCommand: CliCommand = { summary: CHECKPOINT_SUMMARY, run: runCheckpointCommand };
