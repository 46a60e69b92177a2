import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      lean: 'src/lean.ts',
      generators: 'src/generators/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
  },
  // The main entry as Node loads it (the `node` condition of `exports["."]`): the same core, plus
  // the worker thread that big bulk loads use (src/node/main.ts). Its types are the main entry's.
  // The worker's program is its own entry (src/node/helper-worker.ts), built beside it: it imports
  // the same store passes, so nothing is assembled from source text at run time.
  {
    entry: { 'index.node': 'src/node/main.ts', 'helper-worker': 'src/node/helper-worker.ts' },
    format: ['esm', 'cjs'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'node',
    splitting: false,
    treeshake: true,
  },
  // `social-graph/redis` (ioredis is an optional peer). It takes the core from `social-graph`
  // itself (src/redis/core.ts imports '../index.js', rewritten to the package name), so errors and
  // classes are the very ones users import from the main entry.
  {
    entry: { redis: 'src/redis/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'node',
    splitting: false,
    treeshake: true,
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
  // `social-graph/node` (atomic snapshot files, edge-list files) and `social-graph/graphology`
  // (graphology is an optional peer). Both take the core from `social-graph` itself, so classes and
  // errors are the very ones users import: their '../index.js' import stays external here, and
  // scripts/core-from-package.mjs (run after tsup by `npm run build`) rewrites it to the package
  // name in the code and in the types.
  {
    entry: { node: 'src/node/index.ts', graphology: 'src/graphology/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'node',
    splitting: false,
    treeshake: true,
    external: ['graphology', 'graphology-types', 'social-graph', /^\.\.\/index\.js$/],
  },
  // `social-graph/stats`: the core from `social-graph` itself like the entries above (its
  // '../index.js' import rewritten by scripts/core-from-package.mjs). `stats` is the platform-neutral
  // build (one thread); `stats.node` (the `node` condition) adds the worker thread of
  // src/node/worker-helper.ts. Its types are `stats`'s.
  // `social-graph/browser` (IndexedDB snapshots, graphs built in a Web Worker): web-platform
  // globals only, with the core from `social-graph` itself in the same way.
  {
    entry: { stats: 'src/stats/index.ts', browser: 'src/browser/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    external: ['social-graph', /^\.\.\/index\.js$/],
  },
  {
    entry: { 'stats.node': 'src/stats/node.ts' },
    format: ['esm', 'cjs'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    platform: 'node',
    splitting: false,
    treeshake: true,
    external: ['social-graph', /^\.\.\/index\.js$/],
  },
  // The `social-graph` command (package `bin`) and its benchmark worker, which `fork` finds next to it.
  {
    entry: { cli: 'src/cli/main.ts', 'bench-worker': 'src/cli/bench/worker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
    external: ['graphology', 'graphology-shortest-path', 'graphology-traversal', 'ngraph.graph', 'ngraph.path', 'vega', 'vega-lite'],
  },
]);
