import fc from 'fast-check';

export interface SmallGraph {
  members: string[];
  edges: [string, string][];
}

/**
 * Random graphs of 1..40 members with the shapes that matter, in proportions the property tests
 * check with counters (test/support/coverage.ts):
 * - isolated members (the first `isolated` members never get an edge);
 * - several components (the other members split by index modulo `components`, edges stay inside);
 * - long chains (paths of 2..12 steps through one component), so pairs sit at every distance 0..6
 *   and beyond, with a sparse random sprinkle (`raw`) that sometimes shortcuts them;
 * - hubs (one member joined to up to 30 others);
 * - repeated and self pairs (self pairs are skipped by the builders).
 * Sized for fast-check's global settings (test/support/fc-global.ts).
 */
export const smallGraph: fc.Arbitrary<SmallGraph> = fc
  .record({
    n: fc.noBias(fc.integer({ min: 1, max: 40 })),
    isolated: fc.nat(4),
    components: fc.integer({ min: 1, max: 3 }),
    chains: fc.array(fc.record({ start: fc.nat(), length: fc.integer({ min: 2, max: 12 }) }), { maxLength: 4 }),
    raw: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
    hubs: fc.array(fc.record({ hub: fc.nat(), spokes: fc.array(fc.nat(), { maxLength: 30 }) }), { maxLength: 2 }),
  })
  .map(({ n, isolated, components, chains, raw, hubs }) => {
    const members = Array.from({ length: n }, (_, i) => `m${i}`);
    const iso = Math.min(isolated, n - 1);
    const core = n - iso; // members iso..n-1 may have edges
    const edges: [string, string][] = [];
    /** Members of component c (core offset j with j % components === c). */
    const size = (c: number): number => (c >= core ? 0 : Math.floor((core - 1 - c) / components) + 1);
    const at = (c: number, k: number): string => members[iso + c + (k % size(c)) * components]!;
    const push = (x: number, y: number): void => {
      const c = x % Math.min(components, core);
      edges.push([at(c, x), at(c, y)]); // same index: a self pair, skipped by the builders
    };
    for (const { start, length } of chains) {
      const c = start % Math.min(components, core);
      const steps = Math.min(length, size(c) - 1);
      for (let t = 0; t < steps; t++) edges.push([at(c, start + t), at(c, start + t + 1)]);
    }
    for (const [x, y] of raw) push(x, y);
    for (const { hub, spokes } of hubs) for (const s of spokes) push(hub, s);
    return { members, edges };
  });
