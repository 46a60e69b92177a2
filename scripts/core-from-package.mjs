// After `tsup` (`npm run build`):
// 1. The types of the subpath entries `social-graph/node`, `social-graph/graphology`, `social-graph/stats` and `social-graph/browser` import the
//    core through '../index.js' (kept external by tsup.config.ts). Point those imports at the
//    package itself ('social-graph'), so that their SocialGraph and SocialGraphError are the very
//    types users import. (The code needs no rewrite: each format's entries share one core chunk.)
// 2. The command (dist/cli.js, the package `bin`) gets its `#!/usr/bin/env node` line and the
//    executable bit: tsup builds it with the library entries, which must not carry that line.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

const files = ['node', 'graphology', 'stats', 'browser'].flatMap((name) => ['d.ts', 'd.cts'].map((ext) => `dist/${name}.${ext}`));
const pattern = /(from\s*|require\()(['"])(?:\.\.?\/)+index\.js\2/g;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(pattern, (_, lead, quote) => `${lead}${quote}social-graph${quote}`);
  if (fixed === text) throw new Error(`core-from-package: no core import found in ${file}`);
  writeFileSync(file, fixed);
}
console.log(`core-from-package: ${files.length} type files now import the core from 'social-graph'`);

const cli = 'dist/cli.js';
const code = readFileSync(cli, 'utf8');
if (!code.startsWith('#!')) writeFileSync(cli, `#!/usr/bin/env node\n${code}`);
chmodSync(cli, 0o755);
