/**
 * social-graph/stats on the real networks of test/fixtures: exact mode against every count their
 * reference files hold, and HyperBall estimates (default precision, fixed seed) against exact.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importEdgeList, type SocialGraph } from '../../src/index.js';
import { distanceDistribution, reachEstimates, type DistanceDistribution } from '../../src/stats/index.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);

interface Facts {
  nodes: number;
  edges_undirected_simple: number;
  largest_component_nodes: number;
  diameter_largest_component: number;
  pair_distance_histogram: Record<string, number>;
}

const NETWORKS = [
  { name: 'karate', file: 'karate.txt' },
  { name: 'email-eu-core', file: 'email-eu-core.txt.gz' },
  { name: 'ca-grqc', file: 'ca-grqc.txt.gz' },
  { name: 'ego-facebook', file: 'ego-facebook.txt.gz' },
];

async function load(file: string): Promise<SocialGraph> {
  const bytes = readFileSync(new URL(file, FIXTURES));
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return (await importEdgeList(text)).graph;
}

function rows(file: string): string[][] {
  const [, ...lines] = readFileSync(new URL(file, FIXTURES), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  return lines.map((l) => l.split('\t'));
}

const exactOf = new Map<string, DistanceDistribution>();

describe.each(NETWORKS)('stats on $name', ({ name, file }) => {
  it('exact: every count of the reference files', async () => {
    const graph = await load(file);
    const facts = JSON.parse(readFileSync(new URL(`${name}.facts.json`, FIXTURES), 'utf8')) as Facts;
    const stats = await distanceDistribution(graph, { exact: true });
    exactOf.set(name, stats);
    expect(stats.memberCount).toBe(facts.nodes);
    expect(stats.orderedPairs[1]).toBe(2 * facts.edges_undirected_simple);
    expect(stats.orderedPairs.length - 1).toBe(facts.diameter_largest_component);
    const n = facts.nodes;
    expect(stats.reachablePairs).toBeGreaterThanOrEqual(facts.largest_component_nodes * (facts.largest_component_nodes - 1));
    // The histogram of 1000 sampled pairs (pairs.tsv) against the exact distribution: each count
    // within 5 binomial standard deviations of what the exact share predicts.
    const sampled = rows(`${name}.pairs.tsv`);
    const all = n * (n - 1);
    for (const [key, count] of Object.entries(facts.pair_distance_histogram)) {
      const share = key === 'inf' ? 1 - stats.reachablePairs / all : (stats.orderedPairs[Number(key)] ?? 0) / all;
      const sd = Math.sqrt(sampled.length * share * (1 - share));
      expect(Math.abs(count - sampled.length * share)).toBeLessThanOrEqual(5 * sd + 1);
    }
    // Exact reach of the sampled members.
    const reach = await reachEstimates(graph, { exact: true });
    for (const [node, d1, d2, d3] of rows(`${name}.reach.tsv`)) {
      expect(reach.of(node!)).toEqual({ first: Number(d1), second: Number(d2), third: Number(d3) });
    }
  });

  it('HyperBall at the default precision: within the stated error of exact', async () => {
    const graph = await load(file);
    const exact = exactOf.get(name) ?? (await distanceDistribution(graph, { exact: true }));
    const estimate = await distanceDistribution(graph);
    const sigma = estimate.relativeStandardError;
    expect(estimate.precision).toBe(14);
    // Calibrated on the exact component sizes: once every counter of a component is the
    // component's counter, its members' counts are exact, so reachable pairs are exact.
    expect(estimate.reachablePairs).toBe(exact.reachablePairs);
    // Average distance within 1%.
    expect(Math.abs(estimate.averageDistance / exact.averageDistance - 1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(estimate.effectiveDiameter - exact.effectiveDiameter)).toBeLessThanOrEqual(1);
    // Per member: median relative error of the counts within 2 and 3 and at exactly 2 and 3 at
    // most the stated relative standard error (measured: 0 on all three networks at the default
    // seed and at seeds 1–7: with fewer members than registers, reachPosterior tells almost every
    // member's hash apart).
    const exactReach = await reachEstimates(graph, { exact: true });
    const reach = await reachEstimates(graph);
    const errors2: number[] = [];
    const errors3: number[] = [];
    const exactly2: number[] = [];
    const exactly3: number[] = [];
    for (const id of graph.members()) {
      const a = exactReach.of(id);
      const b = reach.of(id);
      const ball2 = 1 + a.first + a.second;
      const ball3 = ball2 + a.third;
      errors2.push(Math.abs(1 + b.first + b.second - ball2) / ball2);
      errors3.push(Math.abs(1 + b.first + b.second + b.third - ball3) / ball3);
      if (a.second > 0) exactly2.push(Math.abs(b.second / a.second - 1));
      if (a.third > 0) exactly3.push(Math.abs(b.third / a.third - 1));
    }
    const median = (x: number[]): number => x.sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
    expect(median(errors2)).toBeLessThanOrEqual(sigma);
    expect(median(errors3)).toBeLessThanOrEqual(sigma);
    const [m2, m3, r2, r3] = [median(errors2), median(errors3), median(exactly2), median(exactly3)];
    console.log(`${name}: reach median relative error within 2 ${m2}, within 3 ${m3}, at exactly 2 ${r2}, at exactly 3 ${r3} (σ ${sigma})`);
    expect(r2).toBeLessThanOrEqual(sigma);
    expect(r3).toBeLessThanOrEqual(sigma);
    // The distance distribution: every distance holding ≥ 1% of reachable pairs within 5%.
    for (let t = 1; t < exact.orderedPairs.length; t++) {
      const share = exact.orderedPairs[t]! / exact.reachablePairs;
      if (share < 0.01) continue;
      const error = Math.abs((estimate.orderedPairs[t] ?? 0) / exact.orderedPairs[t]! - 1);
      expect(error).toBeLessThanOrEqual(0.05);
    }
  }, 120_000);
});
