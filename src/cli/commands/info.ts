/**
 * `social-graph info FILE.sg`: what a snapshot holds (version, members, connections, sections and
 * their sizes), checksums verified, without building the graph; `--check` also loads it fully.
 */
import { readFileSync } from 'node:fs';
import { isDurableDirectory, readDurable } from '../../node/index.js';
import { inspectSnapshot, SocialGraph } from '../../index.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';
import { cliErrorOf, formatBytes, parseCommandLine } from './snapshot-cli.js';

export const INFO_USAGE = `Usage: social-graph info FILE.sg|DIR [options]

DIR: a durable directory (docs/durability.md): its snapshot and journal, replayed without writing.

Prints the format version, members, connections, maxConnectionsPerMember and each section of a
snapshot, after verifying every checksum. Exit code 1 if the file is damaged or too new.

Options:
  --check       also decode the whole graph (validates everything a load validates)
  --json        print a JSON object instead of text
  -h, --help    this help
`;

export const INFO_SUMMARY = 'describe a snapshot file (sections, sizes, checksums verified)';

/** Runs `social-graph info`. Resolves to 0, 1 (damaged, too new or unreadable file) or 2 (usage). */
export async function runInfoCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('info', args, {
    check: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(INFO_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`info: expected one FILE.sg, got ${positionals.length}`);
  const file = positionals[0]!;
  if (isDurableDirectory(file)) return durableInfo(file, values.json === true, io);
  let checkSeconds: number | null = null;
  let info: ReturnType<typeof inspectSnapshot>;
  try {
    const bytes = readFileSync(file);
    info = inspectSnapshot(bytes);
    if (values.check === true) {
      const started = performance.now();
      SocialGraph.fromBytes(bytes);
      checkSeconds = (performance.now() - started) / 1000;
    }
  } catch (error) {
    throw cliErrorOf(error, file);
  }
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify({ file, ...info, ...(checkSeconds === null ? {} : { loadSeconds: checkSeconds }) }, null, 1)}\n`);
    return 0;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `${file}: social-graph snapshot, format ${info.majorVersion}.${info.minorVersion}, ${formatBytes(info.bytes)}`,
    `  members      ${n(info.memberCount)}`,
    `  connections  ${n(info.connectionCount)}${info.connectionCount > 0 ? ` (${(info.bytes / info.connectionCount).toFixed(2)} bytes/connection)` : ''}`,
    `  max connections per member  ${n(info.maxConnectionsPerMember)}`,
    '  sections (checksums OK):',
    ...info.sections.map(
      (s) => `    ${s.name.padEnd(14)} ${formatBytes(s.bytes).padStart(10)}  ${s.required ? 'required' : 'optional'}${s.known ? '' : ', unknown to this version (skipped)'}`,
    ),
  ];
  if (checkSeconds !== null) lines.push(`  full load OK in ${checkSeconds.toFixed(2)} s`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `info DIR`: what recovery would rebuild from a durable directory. */
function durableInfo(dir: string, json: boolean, io: CliIo): number {
  const started = performance.now();
  let info: ReturnType<typeof readDurable>;
  try {
    info = readDurable(dir);
  } catch (error) {
    throw cliErrorOf(error, dir);
  }
  const summary = {
    dir,
    memberCount: info.graph.memberCount,
    connectionCount: info.graph.connectionCount,
    snapshot: info.snapshot,
    segments: info.segments,
    journalRecords: info.records,
    journalBytes: info.journalBytes,
    tornTailBytes: info.bytesDropped,
    loadSeconds: (performance.now() - started) / 1000,
  };
  if (json) {
    io.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
    return 0;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  io.stdout.write(
    [
      `${dir}: social-graph durable directory (checksums OK)`,
      `  members      ${n(summary.memberCount)}`,
      `  connections  ${n(summary.connectionCount)}`,
      `  snapshot     ${summary.snapshot}, then ${summary.segments} journal segment(s): ${n(summary.journalRecords)} records, ${formatBytes(summary.journalBytes)}`,
      ...(summary.tornTailBytes > 0 ? [`  torn tail    ${summary.tornTailBytes} bytes (cut at the next open)`] : []),
      `  loaded in ${summary.loadSeconds.toFixed(2)} s`,
    ].join('\n') + '\n',
  );
  return 0;
}

/** The `info` subcommand, for the command table of src/cli/cli.ts. */
export const infoCommand: CliCommand = { summary: INFO_SUMMARY, run: runInfoCommand };
