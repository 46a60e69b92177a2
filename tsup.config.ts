import { defineConfig } from 'tsup';

// The package ships ONE copy of the core per module format: every entry point of a format is built
// in one esbuild run with code splitting, so the core (everything reachable from src/index.ts)
// lands in shared chunks (dist/chunk-*.js, dist/chunk-*.cjs) that the entries import. Whichever
// entry a program loads first (`social-graph`, `social-graph/node`, `social-graph/redis`, ...), it
// gets the same SocialGraph and SocialGraphError classes as the others of that format. (An ESM
// and a CJS copy loaded side by side are two copies: `SocialGraph.isSocialGraph` tells a graph
// of either; see the README.)
//
// Source maps are not built: the bundles are unminified ES2022 with the sources' names and
// comments, and maps (with the sources inlined) were 58% of the unpacked package.
//
// The types are built apart (dts only), per entry as before: `social-graph/node`,
// `social-graph/graphology` and `social-graph/redis` take the core's types from `social-graph`
// itself (scripts/core-from-package.mjs rewrites their '../index.js' imports after tsup), so
// their SocialGraph is the very type users import.

// Library entries (the `exports` map of package.json). `index.node` is the main entry as Node
// loads it (the `node` condition of `exports["."]`): the core plus the worker thread that big bulk
// loads use (src/node/main.ts); elsewhere `index` is the thread-free build.
// `helper-worker` is the program of that worker thread (src/node/helper-worker.ts): its own entry,
// importing the same store passes, so nothing is assembled from source text at run time; Node's
// starter finds it beside the chunk that starts it. `stats.node` is `social-graph/stats` with that
// worker (the `node` condition), `stats` the one-thread build.
const libraryEntries = {
  index: 'src/index.ts',
  'index.node': 'src/node/main.ts',
  'helper-worker': 'src/node/helper-worker.ts',
  lean: 'src/lean.ts',
  generators: 'src/generators/index.ts',
  node: 'src/node/index.ts',
  graphology: 'src/graphology/index.ts',
  redis: 'src/redis/index.ts',
  stats: 'src/stats/index.ts',
  'stats.node': 'src/stats/node.ts',
  browser: 'src/browser/index.ts',
};
// Optional peers and the benchmark's peers: never bundled.
const peers = ['graphology', 'graphology-types', 'ioredis', 'graphology-shortest-path', 'graphology-traversal', 'ngraph.graph', 'ngraph.path', 'vega', 'vega-lite'];

export default defineConfig([
  // ESM: the library entries, the `social-graph` command (package `bin`; scripts/core-from-package.mjs
  // gives it its #! line) and its benchmark worker (which `fork` finds next to it), one run.
  {
    entry: { ...libraryEntries, cli: 'src/cli/main.ts', 'bench-worker': 'src/cli/bench/worker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'node',
    splitting: true,
    treeshake: true,
    external: peers,
  },
  // CJS: the library entries, one run, split the same way.
  {
    entry: libraryEntries,
    format: ['cjs'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'es2022',
    platform: 'node',
    splitting: true,
    treeshake: true,
    external: peers,
  },
  // Types of the main entry, `social-graph/lean` and `social-graph/generators`.
  {
    entry: { index: 'src/index.ts', lean: 'src/lean.ts', generators: 'src/generators/index.ts' },
    format: ['esm', 'cjs'],
    dts: { only: true },
    clean: false,
    target: 'es2022',
  },
  // Types of `social-graph/redis`: the core's types from `social-graph` itself.
  {
    entry: { redis: 'src/redis/index.ts' },
    format: ['esm', 'cjs'],
    dts: { only: true },
    clean: false,
    target: 'es2022',
    external: ['ioredis', 'social-graph'],
    esbuildPlugins: [
      {
        name: 'core-from-package',
        setup(build) {
          build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
            args.importer.replace(/\\/g, '/').endsWith('/src/redis/core.ts') ? { path: 'social-graph', external: true } : undefined,
          );
        },
      },
    ],
  },
  // Types of `social-graph/node`, `social-graph/graphology`, `social-graph/stats` and
  // `social-graph/browser`: their '../index.js' import stays external here and
  // scripts/core-from-package.mjs points it at 'social-graph'.
  {
    entry: { node: 'src/node/index.ts', graphology: 'src/graphology/index.ts', stats: 'src/stats/index.ts', browser: 'src/browser/index.ts' },
    format: ['esm', 'cjs'],
    dts: { only: true },
    clean: false,
    target: 'es2022',
    external: ['graphology', 'graphology-types', 'social-graph', /^\.\.\/index\.js$/],
  },
]);
