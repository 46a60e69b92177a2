// The tarball as the registry shows it: every relative link of a shipped Markdown file (README.md,
// docs/**/*.md) must point at a file that is in the tarball too, so links work on the registry's
// page and in node_modules. Prints the packed and unpacked sizes (`npm pack --dry-run`).
// Run from the package root after `npm run build`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [pack] = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const shipped = new Set(pack.files.map((f) => f.path));
const broken = [];
let links = 0;
for (const file of shipped) {
  if (!file.endsWith('.md')) continue;
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    links++;
    const path = normalize(join(dirname(file), target.replace(/#.*$/, ''))).replace(/\\/g, '/');
    if (!shipped.has(path)) broken.push(`${file}: ${target}`);
  }
}
assert.deepEqual(broken, [], `links to files that are not in the tarball:\n${broken.join('\n')}`);
const maps = [...shipped].filter((f) => f.endsWith('.map'));
assert.deepEqual(maps, [], 'no source maps ship (tsup.config.ts)');
// The README states the packed and unpacked sizes (within 3% of the real ones) and the number of files (within 10%).
const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, " ");
const stated = /(\d+) kB packed, ([\d.]+) MB unpacked, (\d+) files/.exec(readme);
assert.ok(stated !== null, 'README.md states the package size ("N kB packed, N MB unpacked, N files")');
assert.ok(Math.abs(Number(stated[1]) * 1000 / pack.size - 1) < 0.03, `README.md says ${stated[1]} kB packed; npm pack says ${pack.size} bytes`);
assert.ok(Math.abs(Number(stated[2]) * 1e6 / pack.unpackedSize - 1) < 0.03, `README.md says ${stated[2]} MB unpacked; npm pack says ${pack.unpackedSize} bytes`);
assert.ok(Math.abs(Number(stated[3]) / pack.entryCount - 1) < 0.1, `README.md says ${stated[3]} files; npm pack says ${pack.entryCount}`);
console.log(
  `tarball: ${pack.entryCount} files, ${pack.size.toLocaleString('en')} bytes packed, ${pack.unpackedSize.toLocaleString('en')} unpacked; ${links} relative links, all shipped`,
);
