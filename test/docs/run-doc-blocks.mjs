// Runs every ```ts block of README.md and docs/**/*.md against the BUILT package (run it after
// `npm run build`; `npm run test:package` does). The rules — which blocks run, how a block
// continues an earlier one, how a block that cannot run in Node is marked, and which comments are
// asserted values — are in test/docs/code-blocks.mjs.
//
// Each program (a block, or a chain of blocks) is written as an ES module into a folder
// `.doc-blocks/` at the package root and run by `node` with that folder as its working directory,
// so that `social-graph` and `social-graph/<entry>` resolve through the package's own `exports`
// (self-reference: the built dist/), and other packages from node_modules. Files a block writes
// (`graph.sg`, ...) land in that folder; the folder is deleted at the end, whatever happens.
// The working folder also holds the real networks of test/fixtures (karate.txt,
// ca-grqc.txt.gz, email-eu-core.txt.gz, ego-facebook.txt.gz), so that a block can import one.
//
// Before running, every program is type-checked (strict, as tsconfig.json) by one `tsc` run
// against the built types (dist/*.d.ts, through the same `exports`): a block that does not compile
// fails, even if it runs.
//
// A program that imports `social-graph/redis` runs only when REDIS_CLUSTER_NODES names a cluster
// (as the Redis suites; CI starts one): without it, it is counted and printed as not run.
//
// Usage: node test/docs/run-doc-blocks.mjs [FILE.md ...]   (default: README.md and docs/**/*.md)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { checkSource, instrument, markdownBlocks, programs, toJavaScript } from './code-blocks.mjs';

const root = join(import.meta.dirname, '..', '..');
const work = join(root, '.doc-blocks');

function markdownFiles() {
  const found = [join(root, 'README.md')];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk(join(root, 'docs'));
  return found;
}

const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => join(process.cwd(), f)) : markdownFiles();
if (!existsSync(join(root, 'dist', 'index.js'))) {
  console.error('run-doc-blocks: dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const hasCluster = (process.env.REDIS_CLUSTER_NODES ?? '').trim() !== '';
const fixtures = readdirSync(join(root, 'test', 'fixtures')).filter((f) => /\.txt(\.gz)?$/.test(f));
let blocksRun = 0;
let programsRun = 0;
let checks = 0;
const notRun = [];
const failures = [];
const prepared = [];

rmSync(work, { recursive: true, force: true });
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

try {
  let n = 0;
  for (const file of files) {
    const name = relative(root, file);
    const list = programs(markdownBlocks(readFileSync(file, 'utf8')), name);
    for (const program of list) {
      const first = `${name}:${program.blocks[0].line}`;
      if (program.noRun !== null) {
        notRun.push(`${first} (${program.blocks.length} block(s)): no-run: ${program.noRun}`);
        continue;
      }
      const waits = /from\s+['"]social-graph\/redis['"]/.test(program.code) && !hasCluster;
      const { code, checks: count, errors } = instrument(program.code, { where: (line) => `${name}:${program.origin[line]}` });
      if (errors.length > 0) {
        failures.push(`${first}\n  ${errors.join('\n  ')}`);
        continue;
      }
      const dir = join(work, String(n++));
      mkdirSync(dir, { recursive: true });
      for (const f of fixtures) copyFileSync(join(root, 'test', 'fixtures', f), join(dir, f));
      const js = `import { inspect as __sg_inspect } from 'node:util';\n${toJavaScript(code)}\n${checkSource()}\n`;
      writeFileSync(join(dir, 'block.mjs'), js);
      writeFileSync(join(dir, 'block.ts'), `${program.code}\nexport {};\n`);
      prepared.push({ dir, first, program, count, waits });
    }
  }
  failures.push(...typeCheck(prepared));
  for (const { dir, first, program, count, waits } of prepared) {
    if (waits) {
      notRun.push(`${first} (${program.blocks.length} block(s)): type-checked, not run: needs a Redis Cluster (set REDIS_CLUSTER_NODES; CI does)`);
      continue;
    }
    const run = spawnSync(process.execPath, ['block.mjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    if (run.status !== 0) {
      failures.push(`${first} (${program.blocks.length} block(s)) exited ${run.status ?? run.signal}\n${(run.stderr || run.stdout).trim().split('\n').slice(0, 12).map((l) => `  ${l}`).join('\n')}`);
      continue;
    }
    blocksRun += program.blocks.length;
    programsRun++;
    checks += count;
  }
} finally {
  cleanUp();
}

/** One tsc run over every prepared program; returns the failures, by program. */
function typeCheck(list) {
  if (list.length === 0) return [];
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        isolatedModules: true,
      },
      include: ['*/block.ts'],
    }),
  );
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(work, 'tsconfig.json'), '--pretty', 'false'], { cwd: work, encoding: 'utf8' });
  if (run.status === 0) return [];
  const byDir = new Map();
  for (const line of run.stdout.split('\n')) {
    const m = /^(\d+)[\\/]block\.ts\((\d+),(\d+)\): (.*)$/.exec(line.trim());
    if (m === null) continue;
    const item = list.find((p) => p.dir === join(work, m[1]));
    if (item === undefined) continue;
    const message = `  ${item.program.origin[Number(m[2]) - 1] ?? '?'}: ${m[4]}`;
    byDir.set(item, [...(byDir.get(item) ?? []), message]);
  }
  if (byDir.size === 0) return [`type check failed:\n${run.stdout}${run.stderr}`];
  for (const item of byDir.keys()) list.splice(list.indexOf(item), 1);
  return [...byDir].map(([item, messages]) => `${item.first} does not type-check\n${messages.join('\n')}`);
}

for (const line of notRun) console.log(`not run: ${line}`);
for (const failure of failures) console.error(`FAILED ${failure}\n`);
console.log(
  `doc blocks: ${blocksRun} ts blocks run as ${programsRun} programs, ${checks} value comments asserted, ` +
    `${notRun.length} program(s) not run, ${failures.length} failed (${files.length} Markdown files)`,
);
process.exitCode = failures.length > 0 ? 1 : 0;
