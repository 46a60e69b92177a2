import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  barabasiAlbert,
  erdosRenyi,
  stochasticBlock,
  wattsStrogatz,
  type GeneratedGraph,
} from '../../../src/generators/index.js';
import { expectSimpleGraph } from './helpers.js';

const seed = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
/** A number in [0, max] with two decimals, spread evenly (fc.double favours tiny values). */
const decimal = (max: number) => fc.integer({ min: 0, max: Math.floor(max * 100) }).map((x) => x / 100);

/** members and an even avgDegree in [2, members). */
const ringOptions = fc
  .integer({ min: 3, max: 300 })
  .chain((members) =>
    fc.record({
      members: fc.constant(members),
      avgDegree: fc.integer({ min: 1, max: Math.floor((members - 1) / 2) }).map((half) => half * 2),
      seed,
    }),
  );

function expectDeterministic(make: () => GeneratedGraph): GeneratedGraph {
  const g = make();
  const again = make();
  expect(Array.from(again.sources)).toEqual(Array.from(g.sources));
  expect(Array.from(again.targets)).toEqual(Array.from(g.targets));
  return g;
}

describe('generators: properties over random small options', () => {
  it('barabasiAlbert gives a simple graph with the exact edge count', () => {
    fc.assert(
      fc.property(ringOptions, (options) => {
        const g = expectDeterministic(() => barabasiAlbert(options));
        expectSimpleGraph(g);
        const m = options.avgDegree / 2;
        expect(g.memberCount).toBe(options.members);
        expect(g.edges).toBe((m * (m + 1)) / 2 + (options.members - m - 1) * m);
      }),
      { numRuns: 150 },
    );
  });

  it('wattsStrogatz gives a simple graph with members·avgDegree/2 edges', () => {
    fc.assert(
      fc.property(ringOptions, decimal(1), (options, rewire) => {
        const g = expectDeterministic(() => wattsStrogatz({ ...options, rewire }));
        expectSimpleGraph(g);
        expect(g.edges).toBe((options.members * options.avgDegree) / 2);
      }),
      { numRuns: 150 },
    );
  });

  it('erdosRenyi gives a simple graph with round(members·avgDegree/2) edges, sparse or dense', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((members) =>
          fc.record({
            members: fc.constant(members),
            avgDegree: decimal(members - 1),
            seed,
          }),
        ),
        (options) => {
          const g = expectDeterministic(() => erdosRenyi(options));
          expectSimpleGraph(g);
          expect(g.edges).toBe(Math.round((options.members * options.avgDegree) / 2));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stochasticBlock gives a simple graph with round(members·avgDegree/2) edges, or a RangeError when too dense', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((members) =>
          fc.record({
            members: fc.constant(members),
            avgDegree: decimal(Math.min(members - 1, 20)),
            communities: fc.integer({ min: 1, max: Math.min(members, 12) }),
            mixing: decimal(1),
            seed,
          }),
        ),
        (options) => {
          let g: GeneratedGraph;
          try {
            g = expectDeterministic(() => stochasticBlock(options));
          } catch (error) {
            expect(error).toBeInstanceOf(RangeError);
            expect(String(error)).toMatch(/^RangeError: stochasticBlock: avgDegree .* needs \d+ edges/);
            return;
          }
          expectSimpleGraph(g);
          expect(g.edges).toBe(Math.round((options.members * options.avgDegree) / 2));
        },
      ),
      { numRuns: 200 },
    );
  });
});
