/**
 * `social-graph import EDGES --out FILE.sg`: streams a SNAP / CSV edge list (plain or .gz) into a
 * graph, with a progress bar, and saves it as a snapshot (atomically).
 */
import { closeSync, createReadStream, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { save } from '../../node/index.js';
import { importEdgeList, type EdgeListDelimiter, type EdgeListSource } from '../../index.js';
import { CliError, UsageError, type CliCommand, type CliIo } from '../io.js';
import { ByteProgress, cliErrorOf, formatBytes, parseCommandLine } from './snapshot-cli.js';

export const IMPORT_USAGE = `Usage: social-graph import EDGES --out FILE.sg [options]

Reads an edge list (one connection per line: two ids separated by tabs, spaces or a comma;
# and % comment lines, CRLF, a header line and gzip are handled) and saves the graph as a
snapshot.

Options:
  -o, --out FILE.sg        snapshot to write (required; written atomically, missing folders created)
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
  let input: { source: EdgeListSource; total: number };
  try {
    input = openEdges(edges);
  } catch (error) {
    throw cliErrorOf(error, edges);
  }
  let total = input.total;
  const started = performance.now();
  const progress = new ByteProgress(io.stderr, total, 'import');
  let result: Awaited<ReturnType<typeof importEdgeList>>;
  try {
    result = await importEdgeList(input.source, {
      delimiter,
      header,
      maxConnectionsPerMember: cap,
      onProgress: ({ phase, bytes, pairs }) => {
        // A gzip trailer holds the size mod 2^32: past it, the next candidate (see openEdges).
        while (bytes > total) total += 2 ** 32;
        if (phase === 'read') progress.update(Math.min(bytes, total), `${pairs.toLocaleString('en-US')} pairs`, total);
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
    mkdirSync(dirname(out), { recursive: true });
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
const SNAPSHOT_MAGIC = [0x89, 0x53, 0x47, 0x52, 0x41, 0x50, 0x48, 0x0a];

/**
 * The edge list to read, and the number of bytes the reader will consume: for a gzip file the
 * file is gunzipped here (Node's zlib, whose errors {@link cliErrorOf} words) so that progress
 * counts the text actually parsed, against the uncompressed size that the gzip trailer gives
 * (mod 2^32: the smallest candidate at least the file's size; the caller moves to the next one if
 * the text runs past it). A snapshot given as an edge list is refused with what to run instead.
 */
function openEdges(path: string): { source: EdgeListSource; total: number } {
  const size = statSync(path).size;
  const head = Buffer.alloc(8);
  const tail = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 8, 0);
    if (size >= 18) readSync(fd, tail, 0, 4, size - 4);
  } finally {
    closeSync(fd);
  }
  if (SNAPSHOT_MAGIC.every((b, i) => head[i] === b)) {
    throw new CliError(
      `${path} is a social-graph snapshot, not an edge list: 'social-graph info ${path}' describes it, ` +
        `'social-graph query ${path} degree A B' queries it (to get an edge list back, load it and call writeEdgeListFile from social-graph/node)`,
    );
  }
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  if (head[0] !== 0x1f || head[1] !== 0x8b || size < 18) return { source: stream, total: size };
  let total = tail.readUInt32LE(0);
  while (total < size) total += 2 ** 32;
  const gunzip = createGunzip();
  stream.on('error', (error) => gunzip.destroy(error));
  return { source: stream.pipe(gunzip), total };
}

export const importCommand: CliCommand = { summary: IMPORT_SUMMARY, run: runImportCommand };
