/**
 * Issue 15 item 8: save, saveSync and writeEdgeListFile keep the target's permission bits, write
 * through symbolic links, and clean up the temporary files of killed saves.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SocialGraph } from '../../src/index.js';
import { load, loadSync, save, saveSync, writeEdgeListFile } from '../../src/node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sg-file-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const graph = SocialGraph.fromEdges([['ada', 'bob'], ['bob', 'cy']]);
const writers = {
  save: (path: string) => save(graph, path),
  saveSync: async (path: string) => saveSync(graph, path),
  writeEdgeListFile: (path: string) => writeEdgeListFile(graph, path).then(() => undefined),
};

function check(name: string, path: string): void {
  if (name === 'writeEdgeListFile') expect(readFileSync(path, 'utf8')).toBe('ada\tbob\nbob\tcy\n');
  else expect(loadSync(path).connectionCount).toBe(2);
}

const uniqueName = (() => {
  let n = 0;
  return (stem: string) => `${stem}-${n++}`;
})();

describe.skipIf(process.platform === 'win32')('atomic file writes', () => {
  for (const [name, write] of Object.entries(writers)) {
    it(`${name} keeps the permission bits of the file it replaces`, async () => {
      for (const mode of [0o600, 0o640, 0o604]) {
        const path = join(dir, uniqueName(name));
        writeFileSync(path, 'old');
        chmodSync(path, mode);
        await write(path);
        expect(statSync(path).mode & 0o777).toBe(mode);
        check(name, path);
      }
    });

    it(`${name} writes through a symbolic link, dangling ones and chains included`, async () => {
      const real = join(dir, uniqueName(`${name}-real`));
      writeFileSync(real, 'old');
      chmodSync(real, 0o600);
      const link = join(dir, uniqueName(`${name}-link`));
      const chain = join(dir, uniqueName(`${name}-chain`));
      symlinkSync(real, link);
      symlinkSync(link, chain);
      await write(chain);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(lstatSync(chain).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(real);
      expect(statSync(real).mode & 0o777).toBe(0o600);
      check(name, real);
      const dangling = join(dir, uniqueName(`${name}-dangling`));
      const missing = join(dir, uniqueName(`${name}-missing`));
      symlinkSync(missing, dangling);
      await write(dangling);
      expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
      check(name, missing);
    });

    it(`${name} removes the temporary files killed saves left, never a live one`, async () => {
      const target = join(dir, uniqueName(`${name}-target`));
      const base = target.slice(dir.length + 1);
      // A pid that is surely gone: a child that already exited.
      const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
      const dead = join(dir, `.${base}.${gone}.0123456789ab.tmp`);
      const old = join(dir, `.${base}.${process.pid}.aaaaaaaaaaaa.tmp`);
      const live = join(dir, `.${base}.${process.ppid}.bbbbbbbbbbbb.tmp`);
      const other = join(dir, `.${base}x.${gone}.cccccccccccc.tmp`);
      for (const path of [dead, old, live, other]) writeFileSync(path, 'partial');
      const hoursAgo = (Date.now() - 2 * 3600_000) / 1000;
      utimesSync(old, hoursAgo, hoursAgo);
      await write(target);
      const left = readdirSync(dir).filter((n) => n.startsWith(`.${base}`));
      expect(left.sort()).toEqual([live, other].map((p) => p.slice(dir.length + 1)).sort());
      check(name, target);
    });
  }

  it('a graph saved through a link loads through it', async () => {
    const real = join(dir, 'through-real.sg');
    const link = join(dir, 'through-link.sg');
    await save(graph, real);
    symlinkSync(real, link);
    await save(SocialGraph.fromEdges([['x', 'y']]), link);
    expect((await load(link)).members()).toEqual(['x', 'y']);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});
