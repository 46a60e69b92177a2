/**
 * Every TSDoc `@example` of src/**\/*.ts runs, and its value comments hold (the rules of
 * test/docs/code-blocks.mjs: the same as README.md and docs/*.md). None is skipped or excused: a
 * failing example fails the test. The counts (found, ran, waiting; per folder) are printed at the end.
 *
 * An example runs against the sources (not the build: many documented functions are internal),
 * as the body of an async function, with in scope:
 *   - every export of the package's entries (src/index.ts: `SocialGraph`, `importEdgeList`...;
 *     `social-graph/generators` and `social-graph/node`) and every export of the example's own file;
 *   - `graph`: a fresh `SocialGraph` holding the quick start's network, the path
 *     ada — bob — cy — dee, with `company` indexed (`indexedAttributes`; no profile is set),
 *     unless the example declares its own `graph`; in src/redis, a `RedisSocialGraph` holding the
 *     same network under a fresh prefix;
 *   - `bytes`: the snapshot of that graph (`graph.toBytes()`);
 *   - `pairs`: an empty array of `[string, string]` pairs (what edge-list readers fill);
 *   - `g`: a generated network, `erdosRenyi({ members: 1000, avgDegree: 10, seed: 1 })`;
 *   - in the internal layers (src/algorithms, src/store, src/graph, src/features, src/window,
 *     src/encoding, and src/redis/async-driver.ts), the parts of `graph`
 *     (`exampleParts` of test/support/internals.ts): `core` (also named `internals`), `store`,
 *     `scratch` and `countingScratch` (both sized to the store), `cache`, `permissions`, `state`
 *     (the policy state), `labels`, `profiles`, `invitations`, `parts` (a `SearchParts`); the
 *     member indices `a`, `u`, `viewer`, `from` (ada), `b`, `v`, `to` (cy), `target` (dee) and
 *     `targets` (an `Int32Array` of bob, cy, dee); `bound` (`store.indexBound`) and `connections`
 *     (`graph.connectionCount`);
 *   - in src/node/durable, `durable`: `open('durable-example')` (a fresh folder) holding the
 *     quick start's network, closed after the example;
 *   - in src/redis, `cluster`: an ioredis `Cluster` on REDIS_CLUSTER_NODES. An example's own
 *     `new Cluster(nodes)` (from its `ioredis` import) connects there too, whatever nodes it
 *     names, and every graph it opens with `RedisSocialGraph.open` is deleted after it.
 * Its imports of `social-graph` and `social-graph/<entry>` are bound to the entries' sources,
 * relative ones (`./graph-core.js`) to the sources next to its file; other packages (graphology,
 * ioredis, node:fs) are imported for real. It runs in a temporary working directory holding the
 * edge lists of test/fixtures (karate.txt, ca-grqc.txt.gz, ...), `graph.sg` (the quick start's
 * snapshot) and `data/network` (a durable graph's folder holding it); after it, the files it
 * wrote are removed and those two put back.
 *
 * Examples of src/redis that use `graph` or `cluster`, or open a `Cluster`, need a cluster: without
 * REDIS_CLUSTER_NODES they are counted and printed as waiting (CI starts a cluster and fails
 * without one, see .ci/run).
 */
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { inspect } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs helper shared with the Node script, without types
import { checkSource, instrument, toJavaScript } from './code-blocks.mjs';
import { exampleParts } from '../support/internals.js';

const root = join(import.meta.dirname, '..', '..');
const src = join(root, 'src');

const ENTRIES: Record<string, string> = {
  'social-graph': 'src/index.ts',
  'social-graph/node': 'src/node/index.ts',
  'social-graph/generators': 'src/generators/index.ts',
  'social-graph/graphology': 'src/graphology/index.ts',
  'social-graph/redis': 'src/redis/index.ts',
  'social-graph/lean': 'src/lean.ts',
  'social-graph/stats': 'src/stats/node.ts',
  'social-graph/browser': 'src/browser/index.ts',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
    });
}

interface Example {
  file: string;
  line: number;
  code: string;
}

/** The ```ts blocks inside `@example` sections of the file's doc comments. */
export function tsdocExamples(file: string, text: string): Example[] {
  const out: Example[] = [];
  const lines = text.split('\n');
  let inDoc = false;
  let inExample = false;
  let block: string[] | null = null;
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!inDoc) {
      if (/^\s*\/\*\*/.test(raw) && !/\*\/\s*$/.test(raw.replace(/^\s*\/\*\*/, ''))) inDoc = true;
      continue;
    }
    if (/^\s*\*\/\s*$/.test(raw) || /\*\/\s*$/.test(raw)) {
      inDoc = false;
      inExample = false;
      block = null;
      continue;
    }
    const line = raw.replace(/^\s*\* ?/, '');
    if (block !== null) {
      if (/^```\s*$/.test(line.trim())) {
        out.push({ file, line: start, code: block.join('\n') });
        block = null;
      } else block.push(line);
      continue;
    }
    if (/^@example\b/.test(line.trim())) inExample = true;
    else if (/^@\w+/.test(line.trim())) inExample = false;
    else if (inExample && /^```(ts|typescript)\s*$/.test(line.trim())) {
      block = [];
      start = i + 2;
    }
  }
  return out;
}

/** Top-level names the example declares (they shadow the preamble's). */
function declared(code: string): Set<string> {
  const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names = new Set<string>();
  const bind = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const s of file.statements) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bind(d.name);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.add(s.name.text);
    else if (ts.isImportDeclaration(s) && s.importClause) {
      if (s.importClause.name) names.add(s.importClause.name.text);
      const bindings = s.importClause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    }
  }
  return names;
}

/** Replaces import declarations by bindings from `__import(specifier)`. */
function bindImports(code: string): string {
  const file = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let out = code;
  const imports = file.statements.filter(ts.isImportDeclaration).reverse();
  for (const s of imports) {
    const spec = (s.moduleSpecifier as ts.StringLiteral).text;
    const parts: string[] = [];
    const clause = s.importClause;
    if (clause && !clause.isTypeOnly) {
      if (clause.name) parts.push(`const ${clause.name.text} = (await __import(${JSON.stringify(spec)})).default;`);
      const b = clause.namedBindings;
      if (b && ts.isNamespaceImport(b)) parts.push(`const ${b.name.text} = await __import(${JSON.stringify(spec)});`);
      if (b && ts.isNamedImports(b)) {
        const names = b.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text));
        if (names.length > 0) parts.push(`const { ${names.join(', ')} } = await __import(${JSON.stringify(spec)});`);
      }
    }
    out = out.slice(0, s.getStart(file)) + parts.join(' ') + out.slice(s.end);
  }
  return out;
}

const files = sourceFiles(src);
const examples = files.flatMap((f) => tsdocExamples(relative(root, f), readFileSync(f, 'utf8')));
const hasCluster = (process.env.REDIS_CLUSTER_NODES ?? '').trim() !== '';
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;
const check = new Function('__sg_inspect', `${checkSource()}\nreturn __sg_check;`)(inspect) as (...a: unknown[]) => unknown;
const counts = { run: 0, checks: 0, redis: 0 };
/** Examples found, ran (and passed), waiting for a cluster, by folder of src. */
const byFolder = new Map<string, { found: number; ran: number; waiting: number }>();
for (const example of examples) folderCount(example).found++;
function folderCount(example: Example): { found: number; ran: number; waiting: number } {
  const folder = example.file.split('/').slice(0, -1).join('/');
  let c = byFolder.get(folder);
  if (c === undefined) byFolder.set(folder, (c = { found: 0, ran: 0, waiting: 0 }));
  return c;
}
/** Folders whose examples get the graph's parts in scope (see the header). */
const INTERNAL = /^src\/(algorithms|store|graph|features|window|encoding)\/|^src\/redis\/async-driver\.ts$/;

let home = '';
let work = '';
/** What the working directory holds before any example runs (what each example's files are removed down to). */
let fixtureFiles = new Set<string>();
let template = '';
const QUICK_START: [string, string][] = [
  ['ada', 'bob'],
  ['bob', 'cy'],
  ['cy', 'dee'],
];
beforeAll(async () => {
  home = process.cwd();
  work = mkdtempSync(join(tmpdir(), 'sg-tsdoc-'));
  process.chdir(work);
  const fixtures = join(root, 'test', 'fixtures');
  for (const f of readdirSync(fixtures)) if (/\.txt(\.gz)?$/.test(f)) copyFileSync(join(fixtures, f), join(work, f));
  fixtureFiles = new Set(readdirSync(work));
  // graph.sg and data/network (a durable folder): the quick start's network, restored before each example.
  template = mkdtempSync(join(tmpdir(), 'sg-tsdoc-files-'));
  const node = await importEntry('social-graph/node');
  const quickStart = (await importEntry('social-graph')).SocialGraph as { fromEdges(pairs: [string, string][]): unknown };
  (node.saveSync as (g: unknown, path: string) => void)(quickStart.fromEdges(QUICK_START), join(template, 'graph.sg'));
  await durableQuickStart(node.open as OpenDurable, join(template, 'data', 'network')).close();
  restoreFiles();
});
/** Removes what an example wrote and puts back the working directory's files. */
function restoreFiles(): void {
  for (const f of readdirSync(work)) if (!fixtureFiles.has(f)) rmSync(join(work, f), { recursive: true, force: true });
  cpSync(template, work, { recursive: true });
}
afterAll(() => {
  process.chdir(home);
  rmSync(work, { recursive: true, force: true });
  rmSync(template, { recursive: true, force: true });
  const folders = [...byFolder].map(([folder, c]) => `  ${folder}: ${c.found} found, ${c.ran} ran${c.waiting > 0 ? `, ${c.waiting} waiting for a Redis Cluster` : ''}`);
  console.log(
    `TSDoc examples: ${examples.length} found, ${counts.run} ran and passed, ${counts.checks} value comments asserted, ` +
      `${hasCluster ? 'Redis Cluster at REDIS_CLUSTER_NODES' : `${counts.redis} waiting for a Redis Cluster (REDIS_CLUSTER_NODES unset)`}\n${folders.join('\n')}`,
  );
});

async function importEntry(specifier: string): Promise<Record<string, unknown>> {
  const path = ENTRIES[specifier];
  return path !== undefined ? ((await import(join(root, path))) as Record<string, unknown>) : ((await import(specifier)) as Record<string, unknown>);
}

describe('TSDoc @example blocks', () => {
  it('finds them', () => expect(examples.length).toBeGreaterThan(200));

  for (const example of examples) {
    const first = example.code.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
    it(`${example.file}:${example.line} | ${first}`, async () => {
      await runExample(example);
    });
  }
});

async function runExample(example: Example): Promise<'ran' | 'waiting'> {
  const mine = declared(example.code);
  const redis = example.file.startsWith('src/redis/');
  const uses = (name: string): boolean => new RegExp(`\\b${name}\\b`).test(example.code) && !mine.has(name);
  const redisGraph = redis && uses('graph');
  if (redis && (redisGraph || uses('cluster') || /\bnew Cluster\b/.test(example.code)) && !hasCluster) {
    counts.redis++;
    folderCount(example).waiting++;
    return 'waiting';
  }
  const facade = await importEntry('social-graph');
  const own = (await import(join(root, example.file))) as Record<string, unknown>;
  const scope: Record<string, unknown> = { ...(await importEntry('social-graph/generators')), ...(await importEntry('social-graph/node')), ...facade };
  const SocialGraph = facade.SocialGraph as { fromEdges(pairs: [string, string][], options: object): QuickStart };
  const graph = SocialGraph.fromEdges(QUICK_START, { indexedAttributes: ['company'] });
  if (INTERNAL.test(example.file)) {
    Object.assign(scope, exampleParts(graph as never));
    const at = (id: string): number => (scope.core as { ids: { indexOf(id: string): number } }).ids.indexOf(id);
    Object.assign(scope, { a: at('ada'), u: at('ada'), viewer: at('ada'), from: at('ada'), b: at('cy'), v: at('cy'), to: at('cy'), target: at('dee') });
    Object.assign(scope, { targets: Int32Array.of(at('bob'), at('cy'), at('dee')), bound: (scope.store as { indexBound: number }).indexBound, connections: graph.connectionCount });
  }
  Object.assign(scope, own);
  if (example.file.startsWith('src/node/durable/') && uses('durable')) {
    const durable = durableQuickStart(scope.open as OpenDurable, 'durable-example');
    cleanups.push(() => durable.close());
    scope.durable = durable;
  }
  const entryImport = redis ? await redisScope(scope, redisGraph ? graph : null) : importEntry;
  // Relative imports (internal modules) resolve from the example's own file.
  const exampleImport = async (specifier: string): Promise<Record<string, unknown>> =>
    specifier.startsWith('.') ? ((await import(join(root, dirname(example.file), specifier.replace(/\.js$/, '.ts')))) as Record<string, unknown>) : entryImport(specifier);
  if (!redisGraph) scope.graph = graph;
  scope.bytes = graph.toBytes();
  scope.pairs = [];
  scope.g = (scope.erdosRenyi as (o: object) => unknown)({ members: 1000, avgDegree: 10, seed: 1 });
  for (const name of mine) delete scope[name];
  const { code, checks, errors } = instrument(example.code, { where: (line: number) => `${example.file}:${example.line + line}` });
  expect(errors).toEqual([]);
  const js = toJavaScript(bindImports(code)).replace(/^export \{\};\s*$/m, '');
  const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const run = new AsyncFunction('__import', '__sg_check', ...names, js);
  try {
    await run(exampleImport, check, ...names.map((n) => scope[n]));
  } finally {
    for (const cleanup of cleanups.splice(0)) await cleanup();
    restoreFiles();
  }
  counts.run++;
  counts.checks += checks;
  folderCount(example).ran++;
  return 'ran';
}

type OpenDurable = (dir: string) => { graph: { addMember(id: string): void; connect(a: string, b: string): boolean }; close(): Promise<void> };

/** A durable graph opened in the fresh folder `dir`, holding the quick start's network. */
function durableQuickStart(open: OpenDurable, dir: string): ReturnType<OpenDurable> {
  const durable = open(dir);
  for (const id of ['ada', 'bob', 'cy', 'dee']) durable.graph.addMember(id);
  for (const [a, b] of QUICK_START) durable.graph.connect(a, b);
  return durable;
}

interface QuickStart {
  toBytes(): Uint8Array;
  readonly connectionCount: number;
}

interface ClusterLike {
  disconnect(): void;
}
interface RedisGraphLike {
  load(g: unknown): Promise<unknown>;
  clear(): Promise<void>;
  readonly client: { del(key: string): Promise<unknown> };
  readonly layout: { readonly metaKey: string };
}
type RedisGraphClass = { open(c: unknown, o?: unknown): Promise<RedisGraphLike> };

let redisCount = 0;
/** Run after each example (in order): close what the example's Redis scope opened. */
const cleanups: (() => Promise<void>)[] = [];

/**
 * Puts `cluster` (and `graph`, a RedisSocialGraph copy of `quickStart` under a fresh prefix, when
 * given) in `scope`, and returns the example's import function: `ioredis` gives a `Cluster` that
 * connects to REDIS_CLUSTER_NODES whatever nodes it is given, and `social-graph/redis` a
 * `RedisSocialGraph` whose `open` records the graph, cleared after the example.
 */
async function redisScope(scope: Record<string, unknown>, quickStart: unknown): Promise<(specifier: string) => Promise<Record<string, unknown>>> {
  const ioredis = (await import('ioredis')) as unknown as { Cluster: new (nodes: unknown, options?: unknown) => ClusterLike };
  const redisEntry = await importEntry('social-graph/redis');
  const RedisSocialGraph = redisEntry.RedisSocialGraph as RedisGraphClass;
  const nodes = (process.env.REDIS_CLUSTER_NODES ?? '').split(',').filter((n) => n.trim() !== '').map((n) => ({ host: n.split(':')[0]!, port: Number(n.split(':')[1]) }));
  const clusters: ClusterLike[] = [];
  const opened: RedisGraphLike[] = [];
  class ExampleCluster extends ioredis.Cluster {
    constructor(_nodes: unknown, options?: unknown) {
      super(nodes, options);
      clusters.push(this);
    }
  }
  const TrackedRedisSocialGraph = Object.assign(Object.create(RedisSocialGraph) as RedisGraphClass, {
    async open(client: unknown, options?: unknown): Promise<RedisGraphLike> {
      const graph = await RedisSocialGraph.open(client, options);
      opened.push(graph);
      return graph;
    },
  });
  cleanups.push(async () => {
    // clear() keeps the settings (the meta hash): delete them too, so that nothing stays behind.
    for (const graph of opened) await graph.clear().then(() => graph.client.del(graph.layout.metaKey)).catch(() => {});
    for (const cluster of clusters) cluster.disconnect();
  });
  if (nodes.length > 0) {
    const cluster = new ExampleCluster(nodes);
    scope.cluster = cluster;
    if (quickStart !== null) {
      const copy = await RedisSocialGraph.open(cluster, { prefix: `tsdoc${process.pid}x${redisCount++}` });
      opened.push(copy);
      await copy.load(quickStart);
      scope.graph = copy;
    }
  }
  scope.RedisSocialGraph = TrackedRedisSocialGraph;
  return async (specifier) => {
    if (specifier === 'ioredis') return { ...ioredis, Cluster: ExampleCluster, default: ExampleCluster };
    if (specifier === 'social-graph/redis') return { ...redisEntry, RedisSocialGraph: TrackedRedisSocialGraph };
    return importEntry(specifier);
  };
}
