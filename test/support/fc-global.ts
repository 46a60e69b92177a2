/**
 * The suite's global fast-check settings, applied to every test file by test/support/fc-setup.ts
 * (vitest setupFiles) and to the sampling script.
 *
 * fast-check 4 generates with size 'small' by default: an array, string or command list gets at
 * most about 10 items whatever its maxLength says. With `defaultSizeToMaxWhenMaxSpecified` an
 * explicit maxLength / maxCommands is the real bound (lengths spread over 0..max); arbitraries
 * without an explicit bound stay small. Each property still proves its coverage with counters
 * (test/support/coverage.ts).
 */
import fc from 'fast-check';
import { FC_SEED } from './fc-config.js';

export function configureFastCheck(): void {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FC_SEED, defaultSizeToMaxWhenMaxSpecified: true });
}
