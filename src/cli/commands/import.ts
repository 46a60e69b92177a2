/**
 * `social-graph import EDGES --out FILE.sg`: streams a SNAP / CSV edge list (plain or .gz) into a
 * graph, with a progress bar, and saves it as a snapshot (atomically).
 */
import { statSync } from 'node:fs';
import { importEdgeListFile, save } from '../../node/index.js';
import type { EdgeListDelimiter } from '../../index.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';
import { ByteProgress, cliErrorOf, formatBytes, parseCommandLine } from './snapshot-cli.js';

export const IMPORT_USAGE = `Usage: social-graph import EDGES --out FILE.sg [options]

Reads an edge list (one connection per line: two ids separated by tabs, spaces or a comma;
# and % comment lines, CRLF, a header line and gzip are handled) and saves the graph as a
snapshot.

Options:
  --out FILE.sg            snapshot to write (required; written atomically)
  --delimiter D            auto (default), tab, comma or space
  --header H               auto (default), yes or no
  --max-connections N      maxConnectionsPerMember (default 30000)
  -h, --help               this help
`;

export const IMPORT_SUMMARY = 'import an edge list (SNAP / CSV, .gz) into a snapshot file';

const DELIMITERS: Record<string, EdgeListDelimiter> = { auto: 'auto', tab: '\t', comma: ',', space: ' ', '\t': '\t', ',': ',', ' ': ' ' };
const HEADERS: Record<string, boolean | 'auto'> = { auto: 'auto', yes: true, no: false, true: true, false: false };

/**
 * Runs `social-graph import`. Resolves to the exit code: 0 saved, 1 failure (a malformed line,
 * named by its number; a member over the cap; an unreadable file), 2 bad command line.
 */
export async function runImportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('import', args, {
    out: { type: 'string', short: 'o' },
    delimiter: { type: 'string' },
    header: { type: 'string' },
    'max-connections': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(IMPORT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`import: expected one EDGES file, got ${positionals.length}`);
  const edges = positionals[0]!;
  const out = values.out;
  if (typeof out !== 'string' || out.length === 0) throw new UsageError('import: --out FILE.sg is required');
  const delimiter = DELIMITERS[String(values.delimiter ?? 'auto')];
  if (delimiter === undefined) throw new UsageError(`import: --delimiter must be auto, tab, comma or space, got ${JSON.stringify(values.delimiter)}`);
  const header = HEADERS[String(values.header ?? 'auto')];
  if (header === undefined) throw new UsageError(`import: --header must be auto, yes or no, got ${JSON.stringify(values.header)}`);
  let cap: number | undefined;
  if (values['max-connections'] !== undefined) {
    cap = Number(values['max-connections']);
    if (!Number.isInteger(cap) || cap < 1 || cap > 1 << 22) {
      throw new UsageError(`import: --max-connections must be an integer from 1 to ${1 << 22}, got ${JSON.stringify(values['max-connections'])}`);
    }
  }
  let total: number;
  try {
    total = statSync(edges).size;
  } catch (error) {
    throw cliErrorOf(error, edges);
  }
  const started = performance.now();
  const progress = new ByteProgress(io.stderr, total, 'import');
  let result: Awaited<ReturnType<typeof importEdgeListFile>>;
  try {
    result = await importEdgeListFile(edges, {
      delimiter,
      header,
      maxConnectionsPerMember: cap,
      onProgress: ({ phase, bytes, pairs }) => {
        if (phase === 'read') progress.update(bytes, `${pairs.toLocaleString('en-US')} pairs`);
        else if (phase === 'build') progress.update(total, `${pairs.toLocaleString('en-US')} pairs, building`);
      },
    });
  } catch (error) {
    progress.done();
    throw cliErrorOf(error, edges);
  }
  progress.done();
  const { graph, report } = result;
  const readSeconds = (performance.now() - started) / 1000;
  const saveStarted = performance.now();
  try {
    await save(graph, out);
  } catch (error) {
    throw cliErrorOf(error, out);
  }
  const size = statSync(out).size;
  const saveSeconds = (performance.now() - saveStarted) / 1000;
  const n = (x: number) => x.toLocaleString('en-US');
  io.stdout.write(
    `${edges}: ${n(report.lines)} lines, ${n(report.pairs)} pairs (${n(report.duplicates)} duplicates, ${n(report.selfPairs)} self-pairs` +
      `${report.headerSkipped ? ', header skipped' : ''}), read and built in ${readSeconds.toFixed(2)} s\n` +
      `${out}: ${n(graph.memberCount)} members, ${n(graph.connectionCount)} connections, ${formatBytes(size)}` +
      `${graph.connectionCount > 0 ? ` (${(size / graph.connectionCount).toFixed(2)} bytes/connection)` : ''}, saved in ${saveSeconds.toFixed(2)} s\n`,
  );
  return 0;
}

/** The `import` subcommand, for the command table of src/cli/cli.ts. */
export const importCommand: CliCommand = { summary: IMPORT_SUMMARY, run: runImportCommand };
