/**
 * The chart of `social-graph stats --chart FILE.svg`: the share of reachable pairs at each
 * distance (bars) and within it (line), drawn with Vega-Lite and rendered to SVG headlessly, like
 * the bench's chart (src/cli/bench/chart.ts). `vega` and `vega-lite` are optional peers, loaded
 * only when a chart is asked for.
 */
import type { DistanceDistribution } from '../../stats/index.js';
import { renderVegaLiteSvg } from '../bench/chart.js';

/** The Vega-Lite specification of the distance distribution chart. */
export function distanceChartSpec(stats: DistanceDistribution, title: string): object {
  const rows: { distance: number; share: number; within: number }[] = [];
  for (let t = 1; t < stats.orderedPairs.length; t++) {
    rows.push({ distance: t, share: stats.reachablePairs > 0 ? stats.orderedPairs[t]! / stats.reachablePairs : 0, within: stats.shareWithin(t) });
  }
  const method = stats.exact ? 'exact (all-pairs BFS)' : `HyperBall, precision ${stats.precision} (relative standard error ${(stats.relativeStandardError * 100).toFixed(1)}% per counter)`;
  const x = { field: 'distance', type: 'ordinal', axis: { title: 'distance (degrees of separation)', labelAngle: 0 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: [
        `${stats.memberCount.toLocaleString('en-US')} members; average distance ${stats.averageDistance.toFixed(2)}, effective diameter ${stats.effectiveDiameter}, ${(stats.shareWithin(3) * 100).toFixed(1)}% of reachable pairs within 3`,
        method,
      ],
      anchor: 'start',
      fontSize: 15,
      subtitleFontSize: 11,
      offset: 12,
    },
    data: { values: rows },
    width: Math.max(300, rows.length * 36),
    height: 260,
    config: { background: 'white', font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ccc' } },
    layer: [
      {
        mark: { type: 'bar', color: '#1f5fbf', opacity: 0.85 },
        encoding: {
          x,
          y: { field: 'share', type: 'quantitative', axis: { title: 'share of reachable pairs', format: '.0%', grid: true } },
          tooltip: [{ field: 'distance' }, { field: 'share', format: '.2%' }],
        },
      },
      {
        mark: { type: 'line', color: '#f28e2b', strokeWidth: 2, point: { filled: true, size: 40, color: '#f28e2b' } },
        encoding: {
          x,
          y: { field: 'within', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: 'within distance (line)', format: '.0%', titleColor: '#f28e2b' } },
          tooltip: [{ field: 'distance' }, { field: 'within', format: '.2%' }],
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

/** Renders the chart to an SVG string; needs `vega` and `vega-lite` installed. */
export function renderDistanceChartSvg(stats: DistanceDistribution, title: string): Promise<string> {
  return renderVegaLiteSvg(distanceChartSpec(stats, title));
}
