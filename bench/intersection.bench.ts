/**
 * The merge in `intersectionSize` and `intersects` against the textbook merge (a branch on
 * `x < y` per step), on sorted lists of member indices drawn from a seeded generator: pairs of
 * lists of the lengths given, as random pairs of a graph's members have (values in 0..range, so
 * that few are common), picked at random from `--pool` MiB of lists per side: 8 MiB mostly stays
 * in cache (what is timed is the merge), 512 MiB does not (each list is a cache miss or more, as
 * at a million members). Sides take turns in one process, `--rounds` times, order swapped each
 * round; the first round warms up.
 *
 * Run: `node --import tsx bench/intersection.bench.ts [--lengths 10:10,40:40,200:200,40:800] [--range 1000000] [--pool 8] [--rounds 6]`
 */
import { parseArgs } from 'node:util';
import { intersectionSize, intersects } from '../src/algorithms/intersection.js';
import { SeededRandom } from '../src/generators/random.js';

const { values } = parseArgs({
  options: {
    lengths: { type: 'string', default: '10:10,40:40,200:200,40:800' },
    range: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '6' },
    pool: { type: 'string', default: '8' },
  },
});
const range = Number(values.range);
const rounds = Number(values.rounds);
const poolInts = Number(values.pool) * 262_144;

/** The textbook merge: what `intersectionSize` ran before it stepped without branches. */
function textbookCount(a: Int32Array, aStart: number, aLen: number, b: Int32Array, bStart: number, bLen: number): number {
  let count = 0;
  let i = aStart;
  let j = bStart;
  const aEnd = aStart + aLen;
  const bEnd = bStart + bLen;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      count++;
      i++;
      j++;
    }
  }
  return count;
}

/** The textbook merge, stopping at the first common value. */
function textbookMeets(a: Int32Array, aStart: number, aLen: number, b: Int32Array, bStart: number, bLen: number): boolean {
  let i = aStart;
  let j = bStart;
  const aEnd = aStart + aLen;
  const bEnd = bStart + bLen;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else return true;
  }
  return false;
}

const random = new SeededRandom(7);
/** `count` sorted lists of `length` distinct values in 0..range, back to back. */
function lists(count: number, length: number): Int32Array {
  const out = new Int32Array(count * length);
  const seen = new Set<number>();
  for (let l = 0; l < count; l++) {
    seen.clear();
    while (seen.size < length) seen.add(random.nextInt(range));
    out.set(Int32Array.from(seen).sort(), l * length);
  }
  return out;
}

console.log(`sorted lists of values in 0..${range.toLocaleString('en-US')}, ${values.pool} MiB of them per side; ${rounds} rounds; node ${process.version}`);
const results: string[] = [];
for (const spec of values.lengths.split(',')) {
  const [n, m] = spec.split(':').map(Number) as [number, number];
  const count = Math.max(16, Math.floor(poolInts / Math.max(n, m)));
  const as = lists(count, n);
  const bs = lists(count, m);
  const calls = Math.max(20_000, Math.floor(20_000_000 / (n + m)));
  const picks = new Int32Array(2 * calls);
  for (let c = 0; c < picks.length; c++) picks[c] = random.nextInt(count);
  let sink = 0;
  const time = (f: (a: Int32Array, aStart: number, aLen: number, b: Int32Array, bStart: number, bLen: number) => number | boolean): number => {
    const t = performance.now();
    for (let c = 0; c < calls; c++) sink += +f(as, picks[2 * c]! * n, n, bs, picks[2 * c + 1]! * m, m);
    return ((performance.now() - t) * 1e6) / calls;
  };
  const sides: [string, () => number][] = [
    ['intersectionSize', () => time(intersectionSize)],
    ['textbook count', () => time(textbookCount)],
    ['intersects', () => time(intersects)],
    ['textbook meets', () => time(textbookMeets)],
  ];
  const ns = new Map<string, number[]>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, side] of round % 2 === 0 ? sides : [...sides].reverse()) {
      const t = side();
      if (round > 0) ns.set(name, [...(ns.get(name) ?? []), t]); // round 0 warms up
    }
  }
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
  const at = (name: string): number => median(ns.get(name)!);
  results.push(
    `lists of ${n} and ${m}: intersectionSize ${at('intersectionSize').toFixed(0)} ns vs textbook ${at('textbook count').toFixed(0)} ns (${(at('intersectionSize') / at('textbook count')).toFixed(2)}×); ` +
      `intersects ${at('intersects').toFixed(0)} ns vs ${at('textbook meets').toFixed(0)} ns (${(at('intersects') / at('textbook meets')).toFixed(2)}×)  [${sink}]`,
  );
}
for (const line of results) console.log(line);
