/**
 * Terminal and Markdown tables of a benchmark report, with ratios against SocialGraph.
 */
import { PEERS } from './peers.js';
import type { BenchReport, PeerOutcome } from './run-bench.js';
import type { WorkerResult } from './worker.js';

const fmt = (x: number, digits = 1): string =>
  Number.isFinite(x) ? (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits)) : '-';
const rate = (x: number | undefined): string => (x === undefined ? '-' : `${(x / 1e6).toFixed(2)}M/s`);
const ratio = (x: number, base: number): string => (base > 0 && Number.isFinite(x) ? `${(x / base).toFixed(x / base >= 10 ? 0 : 1)}×` : '-');

function label(peer: string): string {
  return PEERS.find((p) => p.name === peer)?.label ?? peer;
}

/** Rows of cells: the header first. */
export function tableRows(report: BenchReport): string[][] {
  const header = [
    'library',
    'build (s)',
    'connect rate',
    'bytes/conn',
    'degree p50 µs',
    'degree p99 µs',
    'mutual p50 µs',
    'mutual p99 µs',
    'reach p50 ms',
    'degree p50 vs us',
    'memory vs us',
  ];
  const ours = report.outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'social-graph');
  const rows = [header];
  for (const o of report.outcomes) rows.push(row(o, ours));
  return rows;
}

function row(o: PeerOutcome, ours: WorkerResult | undefined): string[] {
  if (!o.ok) return [label(o.peer), `cannot run: ${o.error}`, '', '', '', '', '', '', '', '', ''];
  return [
    label(o.peer),
    fmt(o.buildMs / 1e3, 2),
    rate(o.connectPerSecond),
    fmt(o.bytesPerConnection),
    fmt(o.degree.p50, 2),
    fmt(o.degree.p99, 1),
    fmt(o.mutual.p50, 2),
    fmt(o.mutual.p99, 1),
    fmt(o.reach.p50, 1),
    ours ? ratio(o.degree.p50, ours.degree.p50) : '-',
    ours ? ratio(o.bytesPerConnection, ours.bytesPerConnection) : '-',
  ];
}

export function renderText(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.filter((r) => r[c] !== '' || r === rows[0]).map((r) => (r[1]?.startsWith('cannot') && c === 1 ? 0 : r[c]!.length))));
  return rows
    .map((r) => (r[1]?.startsWith('cannot') ? `${r[0]!.padEnd(widths[0]!)}  ${r[1]}` : r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')))
    .join('\n');
}

export function renderMarkdown(rows: string[][]): string {
  const [header, ...body] = rows;
  const lines = [`| ${header!.join(' | ')} |`, `|${header!.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of body) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

export function summaryLines(report: BenchReport): string[] {
  const g = report.graph;
  const lines = [
    `graph: ${g.model}, ${g.members.toLocaleString('en-US')} members, average degree ${g.avgDegree}, seed ${g.seed}; ${report.pairs.toLocaleString('en-US')} random pairs (seed ${report.querySeed}), reach on ${report.reachSamples} members`,
    `machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}`,
  ];
  const ours = report.outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'social-graph');
  if (ours?.fromEdgesPerSecond !== undefined) {
    lines.push(
      `SocialGraph bulk load: fromEdges ${rate(ours.fromEdgesPerSecond)} connections, fromIndexedEdges ${rate(ours.fromIndexedEdgesPerSecond)}; ${ours.connections.toLocaleString('en-US')} connections, ${(ours.bytes / 2 ** 20).toFixed(0)} MiB`,
    );
  }
  if (report.disagreements.length === 0) lines.push('answers: every peer that ran agrees with SocialGraph on every query');
  else for (const d of report.disagreements) lines.push(`DISAGREEMENT: ${d}`);
  return lines;
}
