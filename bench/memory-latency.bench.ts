/**
 * What one random memory read costs on this machine, the unit every per-call figure at a million
 * members is made of: a chain of reads that each depend on the last (a pointer chase through a
 * random cycle, as a lookup's id → table slot → record → list is) against the same number of
 * reads that do not (as a batch's are), in `Int32Array`s of 4 MiB to 1 GiB.
 *
 * Run: `node --import tsx bench/memory-latency.bench.ts [--sizes 4,32,256,1024] [--steps 5000000]`
 */
import { parseArgs } from 'node:util';
import { SeededRandom } from '../src/generators/random.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '4,32,256,1024' },
    steps: { type: 'string', default: '5000000' },
  },
});
const steps = Number(values.steps);
console.log(`random reads in Int32Arrays; ${steps.toLocaleString('en-US')} reads each; node ${process.version}`);
let checksum = 0; // printed, so that no read is optimised away
for (const mib of values.sizes.split(',').map(Number)) {
  const n = mib * 262_144;
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) next[i] = i;
  // Sattolo's shuffle: one cycle through every slot, so the chase never settles in a short loop.
  const random = new SeededRandom(mib);
  for (let i = n - 1; i > 0; i--) {
    const j = random.nextInt(i);
    const t = next[i]!;
    next[i] = next[j]!;
    next[j] = t;
  }
  let p = 0;
  let t = performance.now();
  for (let k = 0; k < steps; k++) p = next[p]!;
  const dependent = ((performance.now() - t) * 1e6) / steps;
  let sum = 0;
  t = performance.now();
  for (let k = 0; k < steps; k++) sum = (sum + next[(Math.imul(k, 0x9e3779b1) >>> 0) % n]!) | 0;
  const independent = ((performance.now() - t) * 1e6) / steps;
  checksum ^= p ^ sum;
  console.log(`${String(mib).padStart(5)} MiB: dependent ${dependent.toFixed(0)} ns per read, independent ${independent.toFixed(0)} ns (${(dependent / independent).toFixed(1)}×)`);
}
console.log(`checksum ${checksum & 0xff}`);
