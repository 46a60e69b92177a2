/**
 * Vitest global setup: the run gets a temporary folder of its own (TMPDIR, which `os.tmpdir()`
 * reads, so every test's `mkdtempSync(join(tmpdir(), ...))` lands in it), and the run fails if
 * any test left something there. `npm test` leaves no temporary folder behind.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'social-graph-test-'));
  process.env.TMPDIR = dir;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    // tsx keeps its compile cache in the temporary folder (tsx-<uid>) for good: not a test's leftover.
    const left = readdirSync(dir).filter((name) => !/^tsx-\d+$/.test(name));
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the exit code too.
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} temporary folder(s) or file(s) behind: ${left.join(', ')}`);
    }
  };
}
