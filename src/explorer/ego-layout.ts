/**
 * Lays out an ego network with d3-force, in the worker: the viewer fixed at the centre, the 1st
 * degree pulled to an inner ring, the 2nd-degree sample to an outer one, links and collisions
 * between. The page then draws the final positions once (ego-drawing.ts), so no animation frame
 * ever waits on the simulation.
 */
import { forceCollide, forceLink, forceManyBody, forceRadial, forceSimulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { EgoNode } from './protocol.js';

/** The layout's coordinate space: a square of side 2·LAYOUT_RADIUS centred on 0. */
export const LAYOUT_RADIUS = 400;

/** At most this many ticks: O(ticks · (nodes log nodes + links)), about 0.4 s for 300 nodes and 3,000 links on a busy laptop core. */
const MAX_TICKS = 120;

/**
 * Node radius in layout units: the viewer 12, others 3 to 12 by the square root of their share of
 * the most mutual connections drawn.
 * @internal (the explorer page is an application, not API)
 */
export function nodeRadius(node: EgoNode, maxMutual: number): number {
  return node.ring === 0 ? 12 : 3 + 9 * Math.sqrt(node.mutualCount / Math.max(1, maxMutual));
}

/**
 * Positions for `nodes` (x, y interleaved, rounded to 0.1), `links` being pairs of indices.
 * @internal (the explorer page is an application, not API)
 */
export function layoutEgo(nodes: readonly EgoNode[], links: readonly (readonly [number, number])[]): number[] {
  interface Node extends SimulationNodeDatum {
    readonly ring: number;
    readonly r: number;
  }
  const maxMutual = Math.max(1, ...nodes.filter((n) => n.ring !== 0).map((n) => n.mutualCount));
  const sim: Node[] = nodes.map((n, i) => {
    // Deterministic start: a golden-angle spiral on each ring.
    const angle = i * 2.399963;
    const radius = n.ring === 0 ? 0 : n.ring === 1 ? LAYOUT_RADIUS * 0.45 : LAYOUT_RADIUS * 0.85;
    return { ring: n.ring, r: nodeRadius(n, maxMutual), x: radius * Math.cos(angle), y: radius * Math.sin(angle), ...(n.ring === 0 ? { fx: 0, fy: 0 } : {}) };
  });
  const simLinks: SimulationLinkDatum<Node>[] = links.map(([s, t]) => ({ source: s, target: t }));
  const simulation = forceSimulation(sim)
    .force('link', forceLink<Node, SimulationLinkDatum<Node>>(simLinks).strength(0.02))
    .force('charge', forceManyBody<Node>().strength(-18))
    .force('collide', forceCollide<Node>((n) => n.r + 1))
    .force('ring', forceRadial<Node>((n) => (n.ring === 1 ? LAYOUT_RADIUS * 0.45 : LAYOUT_RADIUS * 0.85), 0, 0).strength(0.6))
    .alphaDecay(1 - Math.pow(0.001, 1 / MAX_TICKS))
    .stop();
  for (let i = 0; i < MAX_TICKS && simulation.alpha() > simulation.alphaMin(); i++) simulation.tick();
  return sim.flatMap((n) => [Math.round(n.x! * 10) / 10, Math.round(n.y! * 10) / 10]);
}
