/**
 * Every example under examples/ runs and exits 0 (each asserts its own output).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts'));

describe('examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));
  for (const file of examples) {
    it(`${file} runs`, () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join('examples', file)], { cwd: root, encoding: 'utf8', timeout: 120_000 });
      if (run.status !== 0) console.error(run.stdout, run.stderr);
      expect(run.status).toBe(0);
    });
  }
});
