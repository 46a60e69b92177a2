/** vitest setupFiles entry: the global fast-check settings (./fc-global.ts) for every test file. */
import { configureFastCheck } from './fc-global.js';

configureFastCheck();
