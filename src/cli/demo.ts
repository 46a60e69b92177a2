/**
 * `npm start`: a seeded network, then what a professional network shows a member all day.
 */
import { barabasiAlbert } from '../generators/barabasi-albert.js';
import { SeededRandom } from '../generators/random.js';
import { SocialGraph } from '../social-graph.js';
import { intFlag, parseFlags } from './args.js';
import { UsageError, type CliCommand, type CliIo } from './io.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  members: number;
  avgDegree: number;
  seed: number;
  log: (line: string) => void;
}

const badge = (d: number | null): string => (d === null ? 'out of network' : d === 0 ? 'you' : d === 1 ? '1st' : d === 2 ? '2nd' : '3rd');

function time<T>(fn: () => T): [T, number] {
  const s = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - s) / 1e3];
}

/** Generates the network and prints badges, mutual connections and reach for three viewers. */
export async function runDemo({ members, avgDegree, seed, log }: DemoOptions): Promise<void> {
  log(`social-graph demo: Barabási–Albert network, ${members.toLocaleString('en-US')} members, average degree ${avgDegree}, seed ${seed}`);
  const [g, genUs] = time(() => barabasiAlbert({ members, avgDegree, seed }));
  log(`  generated ${g.edges.toLocaleString('en-US')} connections in ${(genUs / 1e3).toFixed(0)} ms`);
  const ids = Array.from({ length: members }, (_, i) => `member-${i}`);
  const [graph, buildUs] = time(() => SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources: g.sources, targets: g.targets }));
  const stats = graph.storeStats();
  log(
    `  loaded with SocialGraph.fromIndexedEdges in ${(buildUs / 1e3).toFixed(0)} ms ` +
      `(${((g.edges / buildUs) * 1e6 / 1e6).toFixed(1)}M connections/s); adjacency store ${(stats.bytes / 2 ** 20).toFixed(1)} MiB = ${(stats.bytes / graph.connectionCount).toFixed(1)} bytes/connection`,
  );
  const random = new SeededRandom(seed + 7);
  for (let k = 0; k < 3; k++) {
    const viewer = ids[random.nextInt(members)]!;
    log('');
    log(`viewer ${viewer} (${graph.connectionCountOf(viewer)} connections)`);
    const page = Array.from({ length: 10 }, () => ids[random.nextInt(members)]!);
    const [degrees, pageUs] = time(() => graph.degrees(viewer, page));
    log(`  degree badges for a page of ${page.length} people (${pageUs.toFixed(0)} µs):`);
    log(`    ${page.map((p, i) => `${p}: ${badge(degrees[i] ?? null)}`).join(', ')}`);
    const target = page.find((_, i) => degrees[i] === 2) ?? page[0]!;
    const [single, degreeUs] = time(() => graph.degree(viewer, target));
    const [mutual, mutualUs] = time(() => graph.mutualConnections(viewer, target));
    log(`  ${target} is ${badge(single)} (degree in ${degreeUs.toFixed(1)} µs); ${mutual.length} mutual connections (${mutualUs.toFixed(1)} µs)${mutual.length > 0 ? `: ${mutual.slice(0, 5).join(', ')}${mutual.length > 5 ? ', ...' : ''}` : ''}`);
    const [reach, reachUs] = time(() => graph.reach(viewer));
    log(
      `  reach: ${reach.first.toLocaleString('en-US')} 1st, ${reach.second.toLocaleString('en-US')} 2nd, ${reach.third.toLocaleString('en-US')} 3rd-degree members (${(reachUs / 1e3).toFixed(1)} ms)`,
    );
  }
}

/** `social-graph demo --help`. */
export const DEMO_USAGE = `Usage: social-graph demo [options]

Generates a seeded Barabási–Albert network, loads it, and shows what a professional network shows a
member all day: degree badges for a page of people, mutual connections, reach.

  --members N        members, 10 to 50M; k and M suffixes allowed (default 100k)
  --avg-degree D     average connection count, even (default 40)
  --seed S           generator seed (default 1)
  -h, --help         this help
`;

/** `social-graph demo [options]`: resolves to the exit code. */
export async function runDemoCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags('demo', args, {
    members: { type: 'string' },
    'avg-degree': { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help === true) {
    io.stdout.write(DEMO_USAGE);
    return 0;
  }
  const members = intFlag(values, 'members', 100_000, 10, 50_000_000);
  const avgDegree = intFlag(values, 'avg-degree', 40, 2, 10_000);
  if (avgDegree % 2 !== 0 || avgDegree >= members) throw new UsageError(`--avg-degree must be even and below --members, got ${avgDegree}`);
  const seed = intFlag(values, 'seed', 1, 0, 2 ** 31);
  await runDemo({ members, avgDegree, seed, log: (l) => io.stdout.write(`${l}\n`) });
  return 0;
}

/** The `demo` entry of the command table. */
export const demoCommand: CliCommand = {
  summary: 'generate a seeded network and show degree badges, mutual connections and reach',
  run: runDemoCommand,
};
