/**
 * `social-graph stats FILE`: the distance distribution of a snapshot (.sg) or an edge list
 * (.txt, .gz), as a table with a text bar chart, JSON, or an SVG chart.
 */
import { writeFileSync } from 'node:fs';
import { importEdgeListFile, load } from '../../node/index.js';
import { SocialGraphError, type SocialGraph } from '../../index.js';
import { defaultPrecision, distanceDistribution, statsMemory, MAX_PRECISION, MIN_PRECISION, type DistanceDistribution } from '../../stats/node.js';
import { intFlag } from '../args.js';
import { ChartUnavailableError } from '../bench/chart.js';
import { CliError, UsageError, type CliCommand, type CliIo } from '../io.js';
import { cliErrorOf, formatBytes, parseCommandLine } from './snapshot-cli.js';
import { renderDistanceChartSvg } from './stats-chart.js';

export const STATS_USAGE = `Usage: social-graph stats FILE [options]

Prints the distance distribution of a network: for each distance t, the ordered pairs of members
exactly t apart, the share of reachable pairs, and the average distance and effective diameter.
FILE is a snapshot (.sg) or an edge list (SNAP / CSV, plain or .gz).

Estimates come from HyperBall (one HyperLogLog counter per member; relative standard error
1.04/sqrt(2^precision) per counter); --exact runs a breadth-first search from every member
instead (O(members x connections): small networks only).

Options:
  --precision N     log2 of the registers per counter, ${MIN_PRECISION}-${MAX_PRECISION} (default: 14 up to 8,192 members, 12 up to 32,768, 7 at 1M)
  --exact           exact counts (all-pairs BFS)
  --seed N          seed of the members' hash (default 24301)
  --json            print a JSON object instead of the table
  --chart FILE.svg  also write the chart as SVG (needs the optional packages vega and vega-lite)
  -h, --help        this help
`;

export const STATS_SUMMARY = 'distance distribution of a network: average distance, share within t (HyperBall or exact)';

async function loadGraph(file: string): Promise<SocialGraph> {
  try {
    if (file.endsWith('.sg')) return await load(file);
    return (await importEdgeListFile(file)).graph;
  } catch (error) {
    throw cliErrorOf(error, file);
  }
}

/** The table, with a bar per distance. */
export function formatDistanceTable(stats: DistanceDistribution): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const pairs = stats.orderedPairs.slice(1).map(n);
  const width = Math.max('ordered pairs'.length, ...pairs.map((p) => p.length));
  const peak = Math.max(1, ...stats.orderedPairs);
  const lines = [`distance  ${'ordered pairs'.padStart(width)}   share  within  `];
  for (let t = 1; t < stats.orderedPairs.length; t++) {
    const count = stats.orderedPairs[t]!;
    const share = stats.reachablePairs > 0 ? count / stats.reachablePairs : 0;
    const bar = '#'.repeat(Math.round((count / peak) * 40));
    lines.push(`${String(t).padStart(8)}  ${pairs[t - 1]!.padStart(width)}  ${(share * 100).toFixed(1).padStart(5)}%  ${(stats.shareWithin(t) * 100).toFixed(1).padStart(5)}%  ${bar}`);
  }
  const method = stats.exact ? 'exact' : `HyperBall, precision ${stats.precision}, relative standard error ${(stats.relativeStandardError * 100).toFixed(2)}% per counter`;
  lines.push(
    '',
    `members             ${n(stats.memberCount)}`,
    `reachable pairs     ${n(stats.reachablePairs)} (ordered)`,
    `average distance    ${stats.averageDistance.toFixed(3)}`,
    `effective diameter  ${stats.effectiveDiameter} (90% of reachable pairs)`,
    `within 3            ${(stats.shareWithin(3) * 100).toFixed(2)}% of reachable pairs`,
    `method              ${method}, ${stats.threads} thread(s)`,
  );
  return `${lines.join('\n')}\n`;
}

/** Runs `social-graph stats`. Resolves to 0, 1 (unreadable file, missing chart packages) or 2 (usage). */
export async function runStatsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandLine('stats', args, {
    precision: { type: 'string' },
    exact: { type: 'boolean' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    chart: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(STATS_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`stats: expected one FILE, got ${positionals.length}`);
  const file = positionals[0]!;
  const exact = values.exact === true;
  if (exact && values.precision !== undefined) throw new UsageError('stats: --precision and --exact do not go together');
  const seed = intFlag(values, 'seed', 0x5eed, 0, 2 ** 32 - 1);
  const graph = await loadGraph(file);
  const precision = intFlag(values, 'precision', defaultPrecision(graph.memberCount), MIN_PRECISION, MAX_PRECISION);
  const bytes = statsMemory({ memberCount: graph.memberCount, connectionCount: graph.connectionCount, precision, exact });
  io.stderr.write(
    `${file}: ${graph.memberCount.toLocaleString('en-US')} members, ${graph.connectionCount.toLocaleString('en-US')} connections; ${exact ? 'exact all-pairs BFS' : `HyperBall at precision ${precision}`} needs ${formatBytes(bytes)}\n`,
  );
  const started = performance.now();
  let stats: DistanceDistribution;
  try {
    stats = await distanceDistribution(graph, {
      ...(exact ? { exact } : { precision }),
      seed,
      onProgress: (p) => {
        if (p.distance > 0) io.stderr.write(`  distance ${p.distance}: ${p.changed.toLocaleString('en-US')} ${exact ? 'searched' : 'counters changed'}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      },
    });
  } catch (error) {
    if (error instanceof SocialGraphError) throw new CliError(`${file}: ${error.code}: ${error.message}`);
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  if (values.json === true) {
    const { shareWithin, ...fields } = stats;
    const within = stats.orderedPairs.map((_, t) => shareWithin(t));
    io.stdout.write(`${JSON.stringify({ file, ...fields, shareWithin: within, seconds }, null, 1)}\n`);
  } else {
    io.stdout.write(formatDistanceTable(stats));
    io.stdout.write(`time                ${seconds.toFixed(2)} s\n`);
  }
  if (values.chart !== undefined) {
    const out = String(values.chart);
    try {
      const name = file.replace(/^.*[\\/]/, '');
      writeFileSync(out, await renderDistanceChartSvg(stats, `Distance distribution of ${name}`));
      io.stderr.write(`chart written to ${out}\n`);
    } catch (error) {
      if (error instanceof ChartUnavailableError) throw new CliError(error.message);
      throw cliErrorOf(error, out);
    }
  }
  return 0;
}

/** The `stats` subcommand, for the command table of src/cli/cli.ts. */
export const statsCommand: CliCommand = { summary: STATS_SUMMARY, run: runStatsCommand };
