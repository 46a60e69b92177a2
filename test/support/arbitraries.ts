import fc from 'fast-check';

export interface SmallGraph {
  members: string[];
  edges: [string, string][];
}

/**
 * Random graphs with hubs, isolated members, several components and repeated/self pairs.
 */
export const smallGraph: fc.Arbitrary<SmallGraph> = fc
  .record({
    n: fc.integer({ min: 1, max: 40 }),
    raw: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 120 }),
    hubs: fc.array(fc.record({ hub: fc.nat(), spokes: fc.array(fc.nat(), { maxLength: 30 }) }), { maxLength: 2 }),
    components: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ n, raw, hubs, components }) => {
    const members = Array.from({ length: n }, (_, i) => `m${i}`);
    const edges: [string, string][] = [];
    // Keep edges inside a component (members split by index modulo `components`).
    const push = (x: number, y: number) => {
      const a = x % n;
      let b = y % n;
      if (a % components !== b % components) b = a; // would cross: make a self pair (skipped)
      edges.push([members[a]!, members[b]!]);
    };
    for (const [x, y] of raw) push(x, y);
    for (const { hub, spokes } of hubs) for (const s of spokes) push(hub, s);
    return { members, edges };
  });
