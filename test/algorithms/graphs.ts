/**
 * A graph arbitrary for the search tests: random pairs over up to 40 members plus, often, a long
 * path (pairs at distance up to 12) and a hub, so that every distance, empty levels, several
 * components and isolated members all occur.
 */
import fc from 'fast-check';
import { listsOf } from './views.js';

export interface TestGraph {
  n: number;
  lists: number[][];
}

export const testGraph: fc.Arbitrary<TestGraph> = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 50 }),
    path: fc.integer({ min: 0, max: 13 }),
    pathStart: fc.nat(),
    hub: fc.integer({ min: 0, max: 25 }),
    hubAt: fc.nat(),
  })
  .map(({ n, pairs, path, pathStart, hub, hubAt }) => {
    const all: [number, number][] = pairs.map(([a, b]) => [a % n, b % n]);
    for (let i = 0; i + 1 < path; i++) all.push([(pathStart + i) % n, (pathStart + i + 1) % n]);
    for (let i = 1; i <= hub; i++) all.push([hubAt % n, (hubAt + 3 * i) % n]);
    return { n, lists: listsOf(n, all) };
  });
