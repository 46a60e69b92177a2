/**
 * Times each graph generator at 1M members / average degree 40 and prints edges and `describe()`.
 *
 * Run: `npx tsx bench/generators.bench.ts [members] [avgDegree]`
 * Add `--big` to also build the 5M-member / 100M-edge Barabási–Albert graph (about 820 MB).
 */

import {
  barabasiAlbert,
  describe,
  erdosRenyi,
  stochasticBlock,
  wattsStrogatz,
  type GeneratedGraph,
} from '../src/generators/index.js';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const big = process.argv.includes('--big');
const members = Number(args[0] ?? 1_000_000);
const avgDegree = Number(args[1] ?? 40);
const seed = 42;

const generators: [string, (members: number, avgDegree: number) => GeneratedGraph][] = [
  ['barabasiAlbert', (n, d) => barabasiAlbert({ members: n, avgDegree: d, seed })],
  ['wattsStrogatz (rewire 0.1)', (n, d) => wattsStrogatz({ members: n, avgDegree: d, rewire: 0.1, seed })],
  [
    'stochasticBlock (1000 communities, mixing 0.1)',
    (n, d) => stochasticBlock({ members: n, avgDegree: d, communities: 1000, mixing: 0.1, seed }),
  ],
  ['erdosRenyi', (n, d) => erdosRenyi({ members: n, avgDegree: d, seed })],
];

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function run(label: string, make: () => GeneratedGraph): void {
  const start = performance.now();
  const g = make();
  const generateMs = performance.now() - start;
  const memory = process.memoryUsage();
  const describeStart = performance.now();
  const description = describe(g);
  const describeMs = performance.now() - describeStart;
  console.log(`\n${label}`);
  console.log(`  generate: ${generateMs.toFixed(0)} ms, ${g.edges.toLocaleString('en-US')} edges ` +
    `(${((g.edges / generateMs) * 1000 / 1e6).toFixed(1)} M edges/s)`);
  console.log(`  memory after generate: rss ${mib(memory.rss)}, array buffers ${mib(memory.arrayBuffers)}`);
  console.log(`  describe (${describeMs.toFixed(0)} ms): ${JSON.stringify(description)}`);
}

console.log(`node ${process.version}, ${members.toLocaleString('en-US')} members, avgDegree ${avgDegree}, seed ${seed}`);
// Warm up the JIT on small graphs so the timings below measure steady-state code.
for (const [, make] of generators) make(20_000, 10);

for (const [label, make] of generators) run(label, () => make(members, avgDegree));

if (big) run('barabasiAlbert 5M members / avgDegree 40', () => barabasiAlbert({ members: 5_000_000, avgDegree: 40, seed }));
