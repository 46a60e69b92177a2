/**
 * `social-graph bench`: SocialGraph against a static CSR floor, graphology, ngraph and a naive
 * Map<Set>, each in its own process, on a generated or real network; or the scaling sweep with its chart.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { choiceFlag, intFlag, parseCount, parseFlags } from '../args.js';
import { CliError, UsageError, type CliCommand, type CliIo } from '../io.js';
import { Progress } from '../progress.js';
import { ChartUnavailableError, missingChartPackages, renderChartSvg } from './chart.js';
import { renderMarkdown, renderText, reportMarkdown, reportText, sweepRows } from './format.js';
import { missingPackages, PEERS, type BuildMode } from './peers.js';
import { machine, runBench, runSweep, type BenchReport, type SweepPoint } from './run-bench.js';
import { ID_FORMS, MODEL_ALIASES, MODELS, namingLabel, ORDERS, permutationSeed, readDataset, type GraphSpec, type Model, type Naming } from './workload.js';

/** Version of the `--json` output's layout. */
export const BENCH_JSON_SCHEMA = 'social-graph-bench/1';

const PEER_NAMES = PEERS.map((p) => p.name);
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000, 5_000_000];

/** `social-graph bench --help`. */
export const BENCH_USAGE = `Usage: social-graph bench [options]

Races SocialGraph against csr (the floor: a static CSR with sorted Int32Array rows and textbook
algorithms, ids looked up in a Map), graphology (+ shortest-path, traversal), ngraph (+ path) and a
naive Map<number, Set<number>>, each in its own process, on the same graph and the same queries,
timed in turn (each workload in 10 slices per library); every answer is compared with SocialGraph's. Workloads: degree on random, near (1–3 hop walk) and
hub pairs; a page of 100 degree badges; mutual count and list; reach; disconnect and connect; build
time and memory per connection. p50 / p99 / max per workload, ratios against SocialGraph, and
against csr when it runs.

Graph (default: Barabási–Albert, 100k members, average degree 40):
  --model M            barabasi-albert (ba), watts-strogatz (ws), stochastic-block (sbm), erdos-renyi (er)
  --members N          members, 10 to 50M; k and M suffixes allowed (default 100k)
  --avg-degree D       average connection count, even, 2 to 10,000 (default 40)
  --seed S             generator seed (default 1); queries use seed S + 1000
  --dataset FILE       a SNAP-style edge list instead (# comments, tabs or spaces, CRLF, .gz)
  --order O            member numbering: shuffled (default: a seeded permutation, independent of
                       degree) or generation (as generated: Barabási–Albert's hubs come first)
  --ids F              id strings: long (default: urn:li:member:100000042, 23 characters) or short (u42)
Queries:
  --pairs K            random, near and hub pairs each, and mutual pairs (default 10k)
  --pages K            pages of 100 degree badges (default 200)
  --reach K            members whose reach is counted (default 30)
  --churn K            connections disconnected then connected again (default 10k)
  --budget SECONDS     time budget of each workload per library; a workload stops early once spent
                       (default 10; n per workload is in the table and the JSON)
Libraries:
  --peers LIST         comma-separated, from: ${PEER_NAMES.join(', ')} (default all)
  --build MODE         how SocialGraph is built: connect (addMember + connect, default) or indexed
                       (fromIndexedEdges; the connect rate is then measured by reconnecting --churn)
  --no-bulk            skip the fromEdges / fromIndexedEdges timing
  --sequential         time one library after the other, each alone in memory (default: all of them
                       hold their graphs and take turns at slices of every workload, order swapped
                       each round, so that ratios are not skewed by the machine's speed drifting)
Sweep:
  --sweep              run the scaling sweep (Barabási–Albert unless --model) instead of one size
  --sizes LIST         sweep sizes (default 10k,100k,1M,5M); SocialGraph is built by fromIndexedEdges
  --peer-budget SEC    skip a peer at a size its previous size predicts would take longer (default 480)
  --chart FILE.svg     write the sweep chart (needs the optional packages vega and vega-lite)
Output:
  --json FILE          every raw figure, the machine, the seeds and the command, as JSON
  --report FILE.md     the tables as Markdown
  --no-progress        no progress bar even on a terminal
  -h, --help           this help

Exit status: 0 when every peer that ran agrees with SocialGraph, 1 on a disagreement or a failed
run, 2 on a bad command line.
`;

const FLAGS = {
  model: { type: 'string' },
  members: { type: 'string' },
  'avg-degree': { type: 'string' },
  seed: { type: 'string' },
  dataset: { type: 'string' },
  order: { type: 'string' },
  ids: { type: 'string' },
  pairs: { type: 'string' },
  pages: { type: 'string' },
  reach: { type: 'string' },
  churn: { type: 'string' },
  budget: { type: 'string' },
  peers: { type: 'string' },
  build: { type: 'string' },
  'no-bulk': { type: 'boolean' },
  sequential: { type: 'boolean' },
  sweep: { type: 'boolean' },
  sizes: { type: 'string' },
  'peer-budget': { type: 'string' },
  chart: { type: 'string' },
  json: { type: 'string' },
  report: { type: 'string' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function write(path: string, text: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  writeFileSync(path, text);
}

/** The report as written to `--json`: every figure, without the answers themselves (compared in-process; `compared` counts them). */
function forJson(report: BenchReport): BenchReport {
  return { ...report, outcomes: report.outcomes.map((o) => (o.ok ? { ...o, answers: undefined as never } : o)) };
}

function failed(report: BenchReport): boolean {
  return report.disagreements.length > 0 || report.outcomes.some((o) => !o.ok && o.phase !== 'skipped');
}

/** `social-graph bench [options]`: resolves to the exit code (0 agree, 1 disagreement or failure, 2 usage). */
export async function runBenchCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags('bench', args, FLAGS);
  if (values.help === true) {
    io.stdout.write(BENCH_USAGE);
    return 0;
  }
  const model: Model = choiceFlag(values, 'model', 'barabasi-albert', MODELS, MODEL_ALIASES);
  const members = intFlag(values, 'members', 100_000, 10, 50_000_000);
  const avgDegree = intFlag(values, 'avg-degree', 40, 2, 10_000);
  if (avgDegree % 2 !== 0 || avgDegree >= members) throw new UsageError(`--avg-degree must be even and below --members, got ${avgDegree}`);
  const seed = intFlag(values, 'seed', 1, 0, 2 ** 31);
  const dataset = values.dataset as string | undefined;
  const naming: Naming = { order: choiceFlag(values, 'order', 'shuffled', ORDERS), ids: choiceFlag(values, 'ids', 'long', ID_FORMS) };
  if (dataset !== undefined && !existsSync(dataset)) throw new UsageError(`--dataset: no such file ${JSON.stringify(dataset)}`);
  const sweep = values.sweep === true;
  if (sweep && dataset !== undefined) throw new UsageError('--sweep and --dataset cannot be combined (the sweep generates its networks)');
  if (!sweep && values.chart !== undefined) throw new UsageError('--chart draws the sweep: add --sweep');
  if (!sweep && values.sizes !== undefined) throw new UsageError('--sizes needs --sweep');
  const peers = values.peers === undefined ? [...PEER_NAMES] : String(values.peers).split(',').map((s) => s.trim());
  for (const p of peers) {
    if (!PEER_NAMES.includes(p)) throw new UsageError(`--peers: unknown peer ${JSON.stringify(p)} (allowed: ${PEER_NAMES.join(', ')})`);
  }
  if (!peers.includes('social-graph')) peers.unshift('social-graph');
  const build: BuildMode = choiceFlag(values, 'build', sweep ? 'indexed' : 'connect', ['connect', 'indexed'] as const);
  const counts = {
    pairs: intFlag(values, 'pairs', 10_000, 1, 10_000_000),
    pages: intFlag(values, 'pages', 200, 1, 1_000_000),
    reach: intFlag(values, 'reach', 30, 1, 100_000),
    churn: intFlag(values, 'churn', 10_000, 0, 10_000_000),
  };
  const budgetMs = intFlag(values, 'budget', 10, 1, 86_400) * 1000;
  let sizes = DEFAULT_SIZES;
  if (values.sizes !== undefined) {
    sizes = String(values.sizes).split(',').map((s) => parseCount(s.trim()));
    const bad = sizes.findIndex((n) => !Number.isInteger(n) || n < 10 || n > 50_000_000 || n <= avgDegree);
    if (bad >= 0) throw new UsageError(`--sizes: each size must be an integer from 10 to 50M above --avg-degree (k and M suffixes allowed), got ${JSON.stringify(String(values.sizes).split(',')[bad])}`);
  }
  const peerBudgetMs = intFlag(values, 'peer-budget', 480, 1, 86_400) * 1000;
  if (values.chart !== undefined) {
    const missing = missingChartPackages();
    if (missing.length > 0) throw new CliError(`--chart needs the optional packages ${missing.join(' and ')}: npm install ${missing.join(' ')} (checked before the sweep)`);
  }

  const bar = new Progress(io.stderr, values['no-progress'] === true ? false : io.stderr.isTTY === true);
  const log = (line: string) => bar.log(line);
  const progress = (label: string, done: number, total: number) => bar.update(label, done, total);
  const command = `social-graph bench ${args.join(' ')}`.trim();
  const querySeed = seed + 1000;
  const common = { peers, naming, counts, querySeed, build, bulk: values['no-bulk'] !== true, budgetMs, heapMiB: 20_000, log, progress, alternate: values.sequential !== true };
  const started = Date.now();
  // Every missing optional package at once, before anything runs (each peer also says it when skipped).
  const missing = [...new Set(peers.flatMap((name) => missingPackages(PEERS.find((p) => p.name === name)!)))];
  if (missing.length > 0) log(`optional packages not installed: ${missing.join(', ')} (npm install ${missing.join(' ')}); their peers are skipped`);

  if (!sweep) {
    const graph: GraphSpec = dataset !== undefined ? { model: 'dataset', path: dataset } : { model, members, avgDegree, seed };
    if (dataset !== undefined) {
      // Read it once here, so that a malformed file fails fast with its line number.
      try {
        const g = await readDataset(dataset);
        log(`${dataset}: ${g.memberCount.toLocaleString('en-US')} members, ${g.edges.toLocaleString('en-US')} distinct connections (${g.params.pairsRead!.toLocaleString('en-US')} pairs read)`);
      } catch (error) {
        throw new CliError(`--dataset ${dataset}: ${(error as Error).message}`);
      }
    }
    log(`social-graph bench: ${dataset ?? `${model}, ${members.toLocaleString('en-US')} members, average degree ${avgDegree}, seed ${seed}`}; ${namingLabel(naming)}`);
    const report = await runBench({ ...common, graph });
    bar.clear();
    const wallMs = Date.now() - started;
    io.stdout.write(`${reportText(report)}total wall time ${(wallMs / 1000).toFixed(1)} s\n`);
    if (values.json !== undefined) write(String(values.json), `${JSON.stringify({ schema: BENCH_JSON_SCHEMA, command, seeds: { graph: seed, queries: querySeed, members: naming.order === 'shuffled' ? permutationSeed(graph) : null }, totalWallMs: wallMs, ...forJson(report) }, null, 1)}\n`);
    if (values.report !== undefined) write(String(values.report), `${reportMarkdown(report, command)}\nTotal wall time ${(wallMs / 1000).toFixed(1)} s.\n`);
    return failed(report) ? 1 : 0;
  }

  log(`social-graph bench --sweep: ${model}, sizes ${sizes.map((s) => s.toLocaleString('en-US')).join(', ')}, average degree ${avgDegree}, seed ${seed}; ${namingLabel(naming)}`);
  const points: SweepPoint[] = await runSweep({ ...common, sizes, avgDegree, seed, model, peerBudgetMs });
  bar.clear();
  const wallMs = Date.now() - started;
  const rows = sweepRows(points);
  const disagreements = points.flatMap((p) => p.report.disagreements.map((d) => `${p.members.toLocaleString('en-US')} members: ${d}`));
  const m = machine();
  const machineLine = `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}`;
  const loadLine = `load average ${m.loadAverage} at the end${m.loadAverage > m.cores ? ` (above the ${m.cores} cores: other work competed for the CPU)` : ''}`;
  io.stdout.write(`${renderText(rows)}\n\n`);
  io.stdout.write(disagreements.length === 0 ? 'answers: every peer that ran agrees with SocialGraph at every size\n' : `${disagreements.map((d) => `DISAGREEMENT: ${d}`).join('\n')}\n`);
  io.stdout.write(`machine: ${machineLine}; ${loadLine}\ntotal wall time ${(wallMs / 1000).toFixed(1)} s\n`);
  if (values.json !== undefined) {
    write(String(values.json), `${JSON.stringify({ schema: BENCH_JSON_SCHEMA, command, sweep: true, seeds: { graph: seed, queries: querySeed, members: naming.order === 'shuffled' ? permutationSeed({ model, members: 0, avgDegree, seed }) : null }, machine: m, totalWallMs: wallMs, disagreements, points: points.map((p) => ({ members: p.members, report: forJson(p.report) })) }, null, 1)}\n`);
  }
  if (values.report !== undefined) {
    const sections = points.map((p) => reportMarkdown(p.report, command, `## ${p.members.toLocaleString('en-US')} members`).replace(/^## (Build|Latency)/gm, '### $1'));
    write(
      String(values.report),
      `# social-graph scaling sweep\n\nCommand: \`${command}\`\n\nMachine: ${machineLine}; ${loadLine}. Total wall time ${(wallMs / 1000).toFixed(1)} s.\n\n${renderMarkdown(rows)}\n\n${sections.join('\n')}`,
    );
  }
  if (values.chart !== undefined) {
    try {
      const subtitle = `${model}, average degree ${avgDegree}, seed ${seed}; ${machineLine}; SocialGraph loaded by fromIndexedEdges`;
      write(String(values.chart), await renderChartSvg(points, subtitle));
      log(`chart written to ${String(values.chart)}`);
    } catch (error) {
      if (error instanceof ChartUnavailableError) {
        io.stderr.write(`social-graph: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }
  return disagreements.length > 0 || points.some((p) => failed(p.report)) ? 1 : 0;
}

/** The `bench` entry of the command table. */
export const benchCommand: CliCommand = {
  summary: 'race SocialGraph against a static CSR floor, graphology, ngraph and a naive Map<Set> (each in its own process); --sweep for scaling',
  run: runBenchCommand,
};
