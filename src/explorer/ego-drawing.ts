/**
 * Draws a viewer's ego network in SVG from the positions the worker computed with d3-force
 * (ego-layout.ts): colour by degree, radius by mutual connections, all links as one path. One DOM
 * build per viewer (a circle per member, one path), no animation, so the page never waits on it.
 */
import { LAYOUT_RADIUS, nodeRadius } from './ego-layout.js';
import type { ViewerAnswer } from './protocol.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Fill colours by ring (viewer, 1st, 2nd), chosen for contrast on white. */
export const RING_COLOURS = ['#d1495b', '#00798c', '#edae49'] as const;

/**
 * Replaces the drawing in `svg` with `answer`'s ego network; `onPick(id)` runs when a member is clicked.
 * @internal (the explorer page is an application, not API)
 */
export function drawEgo(svg: SVGSVGElement, answer: ViewerAnswer, onPick: (id: string) => void): void {
  const pad = 16;
  svg.setAttribute('viewBox', `${-LAYOUT_RADIUS - pad} ${-LAYOUT_RADIUS - pad} ${2 * (LAYOUT_RADIUS + pad)} ${2 * (LAYOUT_RADIUS + pad)}`);
  const at = answer.positions;
  let d = '';
  for (const [s, t] of answer.links) d += `M${at[2 * s]} ${at[2 * s + 1]}L${at[2 * t]} ${at[2 * t + 1]}`;
  const linkPath = document.createElementNS(SVG, 'path');
  linkPath.setAttribute('class', 'links');
  linkPath.setAttribute('d', d);
  const nodeLayer = document.createElementNS(SVG, 'g');
  nodeLayer.setAttribute('class', 'nodes');
  const maxMutual = Math.max(1, ...answer.nodes.filter((n) => n.ring !== 0).map((n) => n.mutualCount));
  // Outer ring first, so that the viewer and the 1st degree are drawn on top.
  for (let i = answer.nodes.length - 1; i >= 0; i--) {
    const node = answer.nodes[i]!;
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('cx', String(at[2 * i]));
    circle.setAttribute('cy', String(at[2 * i + 1]));
    circle.setAttribute('r', nodeRadius(node, maxMutual).toFixed(1));
    circle.setAttribute('fill', RING_COLOURS[node.ring]);
    circle.setAttribute('data-ring', String(node.ring));
    circle.setAttribute('data-id', node.id);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = node.ring === 0 ? `${node.id} (viewer, ${node.mutualCount} connections)` : `${node.id}: ${node.ring === 1 ? '1st' : '2nd'} degree, ${node.mutualCount} mutual`;
    circle.append(title);
    circle.addEventListener('click', () => onPick(node.id));
    nodeLayer.append(circle);
  }
  svg.replaceChildren(linkPath, nodeLayer);
  svg.setAttribute('data-settled', 'true');
}
