// After `tsup`: the subpath entries `social-graph/node`, `social-graph/graphology`, `social-graph/stats` and `social-graph/browser` import the
// core through '../index.js' (kept external by tsup.config.ts). Point those imports, in the built
// code and types, at the package itself ('social-graph'), so that they share the main entry's
// classes and errors (one SocialGraph, one SocialGraphError) in ESM and in CJS alike.
import { readFileSync, writeFileSync } from 'node:fs';

const files = [
  ...['node', 'graphology', 'stats', 'browser'].flatMap((name) => ['js', 'cjs', 'd.ts', 'd.cts'].map((ext) => `dist/${name}.${ext}`)),
  // The Node build of `social-graph/stats` (no types of its own).
  'dist/stats.node.js',
  'dist/stats.node.cjs',
];
const pattern = /(from\s*|require\()(['"])(?:\.\.?\/)+index\.js\2/g;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(pattern, (_, lead, quote) => `${lead}${quote}social-graph${quote}`);
  if (fixed === text) throw new Error(`core-from-package: no core import found in ${file}`);
  writeFileSync(file, fixed);
}
console.log(`core-from-package: ${files.length} files now import the core from 'social-graph'`);
