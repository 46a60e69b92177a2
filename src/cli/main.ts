#!/usr/bin/env node
/**
 * The `social-graph` command: `bench` races SocialGraph against graph libraries, `demo` shows
 * degree badges, mutual connections and reach on a generated network.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderMarkdown, renderText, summaryLines, tableRows } from './bench/format.js';
import { PEERS } from './bench/peers.js';
import { runBench } from './bench/run-bench.js';
import { runDemo } from './demo.js';

const USAGE = `Usage: social-graph <command> [options]

Commands:
  demo     generate a seeded network and show degree badges, mutual connections and reach
  bench    race SocialGraph against graphology, ngraph and a naive Map<Set> (each in its own process)

bench options:
  --members N        members of the generated network (default 100000)
  --avg-degree D     average degree, even (default 40)
  --seed S           generator seed (default 1)
  --pairs K          random pairs for degree and mutual queries (default 10000)
  --reach K          members whose reach is computed (default 30)
  --peers LIST       comma-separated: ${PEERS.map((p) => p.name).join(',')} (default all)
  --no-bulk          skip the fromEdges / fromIndexedEdges timing
  --json FILE        write every raw figure as JSON
  --report FILE.md   write the table as Markdown
demo options:
  --members N        (default 100000)  --avg-degree D (default 40)  --seed S (default 1)
`;

class UsageError extends Error {}

function intFlag(values: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      members: { type: 'string' },
      'avg-degree': { type: 'string' },
      seed: { type: 'string' },
      pairs: { type: 'string' },
      reach: { type: 'string' },
      peers: { type: 'string' },
      'no-bulk': { type: 'boolean' },
      json: { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const members = intFlag(values, 'members', 100_000, 10, 50_000_000);
  const avgDegree = intFlag(values, 'avg-degree', 40, 2, 10_000);
  if (avgDegree % 2 !== 0 || avgDegree >= members) throw new UsageError(`--avg-degree must be even and below --members, got ${avgDegree}`);
  const seed = intFlag(values, 'seed', 1, 0, 2 ** 31);
  if (command === 'demo') {
    await runDemo({ members, avgDegree, seed, log: (l) => process.stdout.write(`${l}\n`) });
    return 0;
  }
  if (command !== 'bench') throw new UsageError(`unknown command ${JSON.stringify(command)} (expected demo or bench)`);
  const peers = values.peers === undefined ? PEERS.map((p) => p.name) : values.peers.split(',').map((s) => s.trim());
  for (const p of peers) {
    if (!PEERS.some((x) => x.name === p)) throw new UsageError(`--peers: unknown peer ${JSON.stringify(p)} (allowed: ${PEERS.map((x) => x.name).join(', ')})`);
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const report = await runBench({
    graph: { model: 'barabasi-albert', members, avgDegree, seed },
    peers,
    pairs: intFlag(values, 'pairs', 10_000, 1, 10_000_000),
    reachSamples: intFlag(values, 'reach', 30, 1, 100_000),
    querySeed: seed + 1000,
    bulk: values['no-bulk'] !== true,
    heapMiB: 20_000,
    log,
  });
  const rows = tableRows(report);
  process.stdout.write(`${renderText(rows)}\n\n${summaryLines(report).join('\n')}\n`);
  const command_ = `social-graph ${argv.join(' ')}`;
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify({ command: command_, ...report }, null, 1)}\n`);
  if (values.report !== undefined) {
    writeFileSync(values.report, `# Benchmark\n\nCommand: \`${command_}\`\n\n${renderMarkdown(rows)}\n\n${summaryLines(report).map((l) => `- ${l}`).join('\n')}\n`);
  }
  return report.disagreements.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      process.stderr.write(`social-graph: ${(error as Error).message}\nRun 'social-graph --help' for usage.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`social-graph: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
