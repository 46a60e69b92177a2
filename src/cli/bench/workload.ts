/**
 * What every benchmark process generates identically: the graph (from a seeded generator) and
 * the query samples (from a seeded PRNG), so that peers answer the same questions.
 */
import { barabasiAlbert } from '../../generators/barabasi-albert.js';
import type { GeneratedGraph } from '../../generators/edge-list.js';
import { SeededRandom } from '../../generators/random.js';

export interface GraphSpec {
  model: 'barabasi-albert';
  members: number;
  avgDegree: number;
  seed: number;
}

export function makeGraph(spec: GraphSpec): GeneratedGraph {
  switch (spec.model) {
    case 'barabasi-albert':
      return barabasiAlbert({ members: spec.members, avgDegree: spec.avgDegree, seed: spec.seed });
  }
}

/** `count` uniformly random ordered pairs of members (distinct ends). */
export function samplePairs(members: number, count: number, seed: number): { a: Int32Array; b: Int32Array } {
  const random = new SeededRandom(seed);
  const a = new Int32Array(count);
  const b = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const x = random.nextInt(members);
    let y = random.nextInt(members);
    while (members > 1 && y === x) y = random.nextInt(members);
    a[i] = x;
    b[i] = y;
  }
  return { a, b };
}
