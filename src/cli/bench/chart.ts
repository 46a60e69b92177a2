/**
 * The sweep chart: latency and memory against network size, one line per library, drawn with
 * Vega-Lite and rendered to SVG headlessly (no browser, no native canvas). `vega` and
 * `vega-lite` are optional peer dependencies, loaded only here, only when a chart is asked for.
 */
import { createRequire } from 'node:module';
import { label } from './format.js';
import type { SweepPoint } from './run-bench.js';
import type { Workload } from './protocol.js';

/** Thrown when the charting packages are not installed. */
export class ChartUnavailableError extends Error {}

/** The charting packages that cannot be loaded (checked before a sweep, which takes minutes). */
export function missingChartPackages(): string[] {
  const require = createRequire(import.meta.url);
  return ['vega', 'vega-lite'].filter((p) => {
    try {
      require.resolve(p);
      return false;
    } catch {
      return true;
    }
  });
}

interface Datum {
  members: number;
  library: string;
  value: number;
  panel: string;
}

const PANELS: { key: Workload | 'bytes'; title: string; axis: string }[] = [
  { key: 'degreeRandom', title: 'Degree of a random pair (p50 per call)', axis: 'latency per call (log scale)' },
  { key: 'degreesPage', title: 'Page of 100 degree badges (p50 per page)', axis: 'latency per page (log scale)' },
  { key: 'reach', title: 'Reach: 1st/2nd/3rd counts (p50 per call)', axis: 'latency per call (log scale)' },
  { key: 'bytes', title: 'Memory per connection (after GC)', axis: 'bytes per connection (log scale)' },
];

/** Axis ticks 1, 2, 5 × 10^k (powers of ten only over a wide range) spanning [lo, hi], one step beyond each end. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  // Over more than two and a half decades, powers of ten only: more labels would crowd the axis.
  const steps = Math.log10(hi / lo) > 2.5 ? [1] : [1, 2, 5];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)) + 1; k++) for (const m of steps) ticks.push(m * 10 ** k);
  const below = ticks.filter((t) => t <= lo).pop() ?? ticks[0]!;
  const above = ticks.find((t) => t >= hi) ?? ticks[ticks.length - 1]!;
  return ticks.filter((t) => t >= below && t <= above).map((t) => Number(t.toPrecision(3)));
}

/** Vega expression labelling a µs value as ns, µs, ms or s. */
const DURATION_LABEL =
  "datum.value >= 1e6 ? format(datum.value / 1e6, '~g') + ' s' : datum.value >= 1e3 ? format(datum.value / 1e3, '~g') + ' ms' : datum.value >= 1 ? format(datum.value, '~g') + ' µs' : format(datum.value * 1e3, '~g') + ' ns'";

/** A fixed colour per library, SocialGraph the strongest, so charts of different runs read alike. */
function colorOf(library: string): string {
  if (library.startsWith('SocialGraph')) return '#1f5fbf';
  if (library.startsWith('graphology')) return '#f28e2b';
  if (library.startsWith('ngraph')) return '#d62728';
  if (library.startsWith('naive')) return '#8c8c8c';
  if (library.startsWith('csr')) return '#222222';
  return '#59a14f';
}

/** The data points of the chart: one per size, library and panel. */
export function chartData(points: SweepPoint[]): Datum[] {
  const data: Datum[] = [];
  for (const { members, report } of points) {
    for (const o of report.outcomes) {
      if (!o.ok) continue;
      for (const p of PANELS) {
        const value = p.key === 'bytes' ? o.bytesPerConnection : o.workloads[p.key].p50;
        if (Number.isFinite(value) && value > 0) data.push({ members, library: label(o.peer), value, panel: p.key });
      }
    }
  }
  return data;
}

/** The Vega-Lite specification of the sweep chart. */
export function chartSpec(points: SweepPoint[], subtitle: string): object {
  const data = chartData(points);
  const libraries = [...new Set(data.map((d) => d.library))];
  const sizes = points.map((p) => p.members);
  const panel = (p: (typeof PANELS)[number]) => {
    const values = data.filter((d) => d.panel === p.key).map((d) => d.value);
    const ticks = values.length > 0 ? logTicks(Math.min(...values), Math.max(...values)) : [1, 10];
    return {
    width: 320,
    height: 230,
    title: { text: p.title, fontSize: 13 },
    transform: [{ filter: { field: 'panel', equal: p.key } }],
    mark: { type: 'line', point: { size: 45, filled: true }, strokeWidth: 2 },
    encoding: {
      x: {
        field: 'members',
        type: 'quantitative',
        scale: { type: 'log', domain: [Math.min(...sizes) / 1.5, Math.max(...sizes) * 1.5] },
        axis: { title: 'members (log scale)', values: sizes, format: '~s', grid: true },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        scale: { type: 'log', domain: [ticks[0], ticks[ticks.length - 1]] },
        axis: { title: p.axis, values: ticks, grid: true, ...(p.key === 'bytes' ? { format: '~g' } : { labelExpr: DURATION_LABEL }) },
      },
      color: { field: 'library', type: 'nominal', scale: { domain: libraries, range: libraries.map(colorOf) }, legend: { title: 'library', orient: 'bottom', columns: 2, labelLimit: 320 } },
      tooltip: [{ field: 'library' }, { field: 'members', format: ',' }, { field: 'value', format: ',.1f' }],
    },
    };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'social-graph scaling sweep: latency and memory against network size',
      subtitle: [subtitle, 'A line stops where its library cannot hold the network (V8 Map limit) or would blow the time budget; lower is better.'],
      anchor: 'start', fontSize: 16, subtitleFontSize: 11, offset: 14 },
    data: { values: data },
    config: { background: 'white', font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ccc' } },
    concat: PANELS.map(panel),
    columns: 2,
    spacing: { row: 40, column: 50 },
    align: 'all',
    resolve: { scale: { color: 'shared' } },
  };
}

/** Renders the chart to an SVG string; needs `vega` and `vega-lite` installed. */
export function renderChartSvg(points: SweepPoint[], subtitle: string): Promise<string> {
  return renderVegaLiteSvg(chartSpec(points, subtitle));
}

/**
 * Renders a Vega-Lite spec to an SVG string (the bench's and `stats`'s charts); throws
 * {@link ChartUnavailableError} when the optional `vega` and `vega-lite` are not installed.
 */
export async function renderVegaLiteSvg(spec: object): Promise<string> {
  let vega: typeof import('vega');
  let vegaLite: typeof import('vega-lite');
  try {
    vega = await import('vega');
    vegaLite = await import('vega-lite');
  } catch {
    throw new ChartUnavailableError('--chart needs the optional packages vega and vega-lite: npm install vega vega-lite');
  }
  const compiled = vegaLite.compile(spec as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  return view.toSVG();
}
