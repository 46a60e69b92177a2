/**
 * Draws a viewer's ego network in SVG with d3-force: the viewer at the centre, the 1st degree
 * around it, a sample of the 2nd degree outside; colour by degree, radius by mutual connections.
 * The simulation runs in slices of at most {@link FRAME_BUDGET_MS} per animation frame (as many
 * ticks as fit, then one redraw), so drawing never blocks the page; all links are one SVG path, so
 * a redraw sets one attribute for the links and two per node.
 */
import { forceCollide, forceLink, forceManyBody, forceRadial, forceSimulation, type Simulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { EgoNode, ViewerAnswer } from './protocol.js';

const SVG = 'http://www.w3.org/2000/svg';

interface Node extends SimulationNodeDatum {
  readonly data: EgoNode;
  readonly r: number;
  el?: SVGCircleElement;
}
type Link = SimulationLinkDatum<Node>;

/** Simulation time per animation frame, in milliseconds. */
export const FRAME_BUDGET_MS = 12;

/** Fill colours by ring (viewer, 1st, 2nd), chosen for contrast on white and for colour-blind readers. */
export const RING_COLOURS = ['#d1495b', '#00798c', '#edae49'] as const;

let running: Simulation<Node, Link> | null = null;
let frame = 0;

/** Replaces the drawing in `svg` with `answer`'s ego network; `onPick(id)` runs when a member is clicked. */
export function drawEgo(svg: SVGSVGElement, answer: ViewerAnswer, onPick: (id: string) => void): void {
  running?.stop();
  cancelAnimationFrame(frame);
  svg.replaceChildren();
  svg.removeAttribute('data-settled');
  const width = svg.clientWidth || 640;
  const height = svg.clientHeight || 480;
  svg.setAttribute('viewBox', `${-width / 2} ${-height / 2} ${width} ${height}`);
  const maxMutual = Math.max(1, ...answer.nodes.filter((n) => n.ring !== 0).map((n) => n.mutual));
  const nodes: Node[] = answer.nodes.map((data) => ({
    data,
    r: data.ring === 0 ? 12 : 3 + 9 * Math.sqrt(data.mutual / maxMutual),
    ...(data.ring === 0 ? { fx: 0, fy: 0 } : {}),
  }));
  const links: Link[] = answer.links.map(([s, t]) => ({ source: s, target: t }));
  const radius = Math.min(width, height) / 2;
  const linkPath = document.createElementNS(SVG, 'path');
  linkPath.setAttribute('class', 'links');
  const nodeLayer = document.createElementNS(SVG, 'g');
  nodeLayer.setAttribute('class', 'nodes');
  svg.append(linkPath, nodeLayer);
  for (const node of nodes) {
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('r', node.r.toFixed(1));
    circle.setAttribute('fill', RING_COLOURS[node.data.ring]);
    circle.setAttribute('data-ring', String(node.data.ring));
    circle.setAttribute('data-id', node.data.id);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = node.data.ring === 0 ? `${node.data.id} (viewer, ${node.data.mutual} connections)` : `${node.data.id}: ${node.data.ring === 1 ? '1st' : '2nd'}, ${node.data.mutual} mutual`;
    circle.append(title);
    circle.addEventListener('click', () => onPick(node.data.id));
    node.el = circle;
    nodeLayer.append(circle);
  }
  const simulation = forceSimulation(nodes)
    .force('link', forceLink<Node, Link>(links).strength(0.02))
    .force('charge', forceManyBody<Node>().strength(-18))
    .force('collide', forceCollide<Node>((n) => n.r + 1))
    .force('ring', forceRadial<Node>((n) => (n.data.ring === 1 ? radius * 0.45 : radius * 0.85), 0, 0).strength(0.6))
    .alphaDecay(0.03)
    .stop();
  const render = () => {
    let d = '';
    for (const link of links) {
      const s = link.source as Node;
      const t = link.target as Node;
      d += `M${s.x!.toFixed(1)} ${s.y!.toFixed(1)}L${t.x!.toFixed(1)} ${t.y!.toFixed(1)}`;
    }
    linkPath.setAttribute('d', d);
    for (const node of nodes) {
      node.el!.setAttribute('cx', node.x!.toFixed(1));
      node.el!.setAttribute('cy', node.y!.toFixed(1));
    }
  };
  const step = () => {
    const started = performance.now();
    while (simulation.alpha() > simulation.alphaMin() && performance.now() - started < FRAME_BUDGET_MS) simulation.tick();
    render();
    if (simulation.alpha() > simulation.alphaMin()) frame = requestAnimationFrame(step);
    else svg.setAttribute('data-settled', 'true');
  };
  step();
  running = simulation;
}
