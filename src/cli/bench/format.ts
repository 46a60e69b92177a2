/**
 * Terminal and Markdown tables of a benchmark report, with ratios against SocialGraph, and
 * against the csr floor when it ran.
 */
import { PEERS } from './peers.js';
import type { BenchReport, PeerOutcome, SweepPoint } from './run-bench.js';
import { namingLabel, specLabel } from './workload.js';
import { sliceLength, WORKLOADS, type Timing, type WorkerResult, type Workload } from './protocol.js';

const int = (n: number) => n.toLocaleString('en-US');
const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? (x >= 100 ? int(Math.round(x)) : x.toFixed(digits)) : '-');
const rate = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '-' : x >= 1e6 ? `${(x / 1e6).toFixed(2)}M/s` : `${(x / 1e3).toFixed(0)}k/s`);
/** `x / base`, as `3.2×`; below 1 means faster (or smaller) than SocialGraph. */
export const ratio = (x: number, base: number): string => {
  if (!(base > 0) || !Number.isFinite(x)) return '-';
  const r = x / base;
  return `${r >= 10 ? Math.round(r).toLocaleString('en-US') : r >= 0.095 ? r.toFixed(1) : r.toFixed(2)}×`;
};

/** A duration given in µs, with its unit: `850 ns`, `12.3 µs`, `4.5 ms`, `1.20 s`. */
export function duration(us: number): string {
  if (!Number.isFinite(us)) return '-';
  if (us < 1) return `${Math.round(us * 1000)} ns`;
  if (us < 1000) return `${us < 10 ? us.toFixed(2) : us < 100 ? us.toFixed(1) : us.toFixed(0)} µs`;
  if (us < 1e6) return `${us < 1e4 ? (us / 1e3).toFixed(2) : us < 1e5 ? (us / 1e3).toFixed(1) : (us / 1e3).toFixed(0)} ms`;
  return `${(us / 1e6).toFixed(2)} s`;
}

/** The display name of a peer. */
export function label(peer: string): string {
  return PEERS.find((p) => p.name === peer)?.label ?? peer;
}

/** What each workload measures, as shown in the table. */
export const WORKLOAD_LABELS: Record<Workload, string> = {
  degreeRandom: 'degree, random pairs',
  degreeNear: 'degree, near pairs (1–3 hop walk)',
  degreeHub: 'degree, hub to random',
  degreesPage: 'degrees, page of 100 badges',
  mutualCount: 'mutual count (near pairs)',
  mutualList: 'mutual list (near pairs)',
  reach: 'reach (1st/2nd/3rd counts)',
  disconnect: 'disconnect',
  connect: 'connect (on the full graph)',
};

function ours(report: BenchReport): WorkerResult | undefined {
  return report.outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'social-graph');
}

/** The csr peer's figures (the floor), if it ran. */
function floor(report: BenchReport): WorkerResult | undefined {
  return report.outcomes.find((o): o is WorkerResult => o.ok && o.peer === 'csr');
}

/** Build and memory: one row per library; the header first. */
export function buildRows(report: BenchReport): string[][] {
  const base = ours(report);
  const csr = floor(report);
  const header = ['library', 'build', 'build by', 'connect rate', 'bytes/conn', 'memory vs SocialGraph', ...(csr ? ['connect rate vs csr build', 'memory vs csr'] : []), 'busy (process)'];
  const rows = [header];
  for (const o of report.outcomes) {
    if (!o.ok) {
      const note = [label(o.peer), o.phase === 'skipped' ? `skipped: ${o.error}` : `failed in ${o.phase}: ${o.error}`];
      rows.push([...note, ...new Array<string>(header.length - note.length).fill('')]);
      continue;
    }
    rows.push([
      label(o.peer),
      duration(o.buildMs * 1e3),
      o.peer === 'csr' ? 'CSR from edge arrays' : o.build === 'indexed' ? 'fromIndexedEdges' : 'addMember + connect',
      rate(o.connectPerSecond),
      fmt(o.bytesPerConnection),
      base ? ratio(o.bytesPerConnection, base.bytesPerConnection) : '-',
      ...(csr ? [ratio(o.connectPerSecond, csr.connectPerSecond), ratio(o.bytesPerConnection, csr.bytesPerConnection)] : []),
      duration((report.wallMs[o.peer] ?? NaN) * 1e3),
    ]);
  }
  return rows;
}

/** Latency: one row per workload and library; the header first. */
export function latencyRows(report: BenchReport): string[][] {
  const base = ours(report);
  const csr = floor(report);
  const ok = report.outcomes.filter((o): o is WorkerResult => o.ok);
  const rows = [['workload', 'library', 'n', 'p50', 'p99', 'max', 'p50 vs SocialGraph', 'p99 vs SocialGraph', ...(csr ? ['p50 vs csr', 'p99 vs csr'] : [])]];
  for (const w of WORKLOADS) {
    ok.forEach((o, i) => {
      const t: Timing = o.workloads[w];
      rows.push([
        i === 0 ? WORKLOAD_LABELS[w] : '',
        label(o.peer),
        int(t.n),
        duration(t.p50),
        duration(t.p99),
        duration(t.max),
        base ? ratio(t.p50, base.workloads[w].p50) : '-',
        base ? ratio(t.p99, base.workloads[w].p99) : '-',
        ...(csr ? [ratio(t.p50, csr.workloads[w].p50), ratio(t.p99, csr.workloads[w].p99)] : []),
      ]);
    });
  }
  return rows;
}

function isNote(r: string[]): boolean {
  return r.slice(2).every((c) => c === '') && r[1] !== '';
}

/** Rows as an aligned terminal table (text left, numbers right; note rows span the line). */
export function renderText(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.filter((r) => !isNote(r)).map((r) => r[c]!.length)));
  return rows
    .map((r, i) => {
      if (i > 0 && isNote(r)) return `${r[0]!.padEnd(widths[0]!)}  ${r[1]}`;
      return r.map((cell, c) => (c <= 1 && !/^\d/.test(cell) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd();
    })
    .join('\n');
}

/** Text safe in Markdown: `<` and `>` (as in `Map<number, Set<number>>`) as entities. */
export function mdEscape(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rows as a Markdown table. */
export function renderMarkdown(rows: string[][]): string {
  const [header, ...body] = rows;
  const lines = [`| ${header!.join(' | ')} |`, `|${header!.map((_, i) => (i <= 1 ? '---' : '---:')).join('|')}|`];
  for (const r of body) lines.push(`| ${r.map((c) => mdEscape(c).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

/** How the libraries were timed: in turn, slice by slice (the default), or one after the other. */
export function timingLine(report: BenchReport): string {
  const { alternate, slices } = report.timing;
  if (!alternate) return 'timing: one library after the other, each alone in its process (--sequential: ratios include the machine\'s drift between runs)';
  const c = report.counts;
  const n = (count: number) => int(sliceLength(count, slices));
  return `timing: libraries alternate in slices of each workload, ${int(slices)} per library (${n(c.pairs)} calls of ${int(c.pairs)} pairs, ${n(c.pages)} of ${int(c.pages)} pages, ${n(c.reach)} of ${int(c.reach)} reach sources, ${n(c.churn)} of ${int(c.churn)} churn), order swapped each round; builds and memory one library at a time`;
}

/** The lines under the tables: graph, queries, timing, machine, bulk load rates, agreement. */
export function summaryLines(report: BenchReport): string[] {
  const c = report.counts;
  const shape = report.shape ? `: ${int(report.shape.members)} members, ${int(report.shape.connections)} connections` : '';
  const lines = [
    `graph: ${specLabel(report.graph)}${shape}`,
    `members: ${namingLabel(report.naming)}`,
    ...(report.description
      ? [
          `degrees: min ${report.description.degree.min}, median ${report.description.degree.median}, p99 ${report.description.degree.p99}, max ${int(report.description.degree.max)}, mean ${report.description.degree.mean.toFixed(1)}; clustering estimate ${report.description.clustering.toFixed(4)}`,
        ]
      : []),
    `queries (seed ${report.querySeed}): ${int(c.pairs)} random, near and hub pairs; ${int(c.pages)} pages of 100; reach from ${int(c.reach)} members; ${int(c.churn)} disconnect + connect; each workload stops after ${(report.budgetMs / 1000).toFixed(0)} s per library (n = queries timed)`,
    timingLine(report),
    `machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; load average ${report.machine.loadAverage} at the end of the run`,
  ];
  const base = ours(report);
  const csr = floor(report);
  /** `0.41×`: a ratio to csr, two decimals. */
  const times = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '-');
  /** ` (0.41× csr)`: a SocialGraph rate over csr's build rate. */
  const vs = (x: number | undefined) => (csr && x !== undefined ? ` (${times(x / csr.connectPerSecond)} csr)` : '');
  if (base?.fromIndexedEdgesPerSecond !== undefined) {
    lines.push(
      `SocialGraph bulk load: ${base.fromEdgesPerSecond !== undefined ? `fromEdges ${rate(base.fromEdgesPerSecond)}${vs(base.fromEdgesPerSecond)}${base.fromEdgesOneThreadPerSecond !== undefined ? `, one thread: ${rate(base.fromEdgesOneThreadPerSecond)}${vs(base.fromEdgesOneThreadPerSecond)}` : ''}; ` : ''}fromIndexedEdges ${rate(base.fromIndexedEdgesPerSecond)}${vs(base.fromIndexedEdgesPerSecond)} connections`,
    );
  }
  const v = report.versusCsr;
  if (base && csr && v) {
    const p50 = WORKLOADS.map((w) => `${w} ${times(v.p50[w])}`).join(', ');
    lines.push(`SocialGraph vs csr (SocialGraph's figure over the floor's; rates against csr's build, ${rate(csr.connectPerSecond)}): p50 ${p50}; connect rate ${times(v.connectPerSecond)}; bytes per connection ${times(v.bytesPerConnection)}`);
  }
  if (report.disagreements.length === 0) {
    const peers = Object.keys(report.compared);
    lines.push(peers.length === 0 ? 'answers: no peer ran, nothing to compare' : `answers: ${peers.map(label).join(', ')} ${peers.length === 1 ? 'agrees' : 'agree'} with SocialGraph on every query compared`);
  } else for (const d of report.disagreements) lines.push(`DISAGREEMENT: ${d}`);
  return lines;
}

/** The whole report as terminal text. */
export function reportText(report: BenchReport): string {
  return `${renderText(buildRows(report))}\n\n${renderText(latencyRows(report))}\n\n${summaryLines(report).join('\n')}\n`;
}

/** The whole report as Markdown. */
export function reportMarkdown(report: BenchReport, command: string, heading = '# social-graph benchmark'): string {
  return [
    heading,
    '',
    `Command: \`${command}\``,
    '',
    ...summaryLines(report).map((l) => `- ${mdEscape(l)}`),
    '',
    '## Build and memory',
    '',
    renderMarkdown(buildRows(report)),
    '',
    '## Latency per call',
    '',
    `Ratios are the library\'s figure divided by SocialGraph\'s${floor(report) ? ' (or by csr\'s, the floor)' : ''}: above 1× is slower.`,
    '',
    renderMarkdown(latencyRows(report)),
    '',
  ].join('\n');
}

/** One row per size and library: the sweep's figures side by side. */
export function sweepRows(points: SweepPoint[]): string[][] {
  const withCsr = points.some((p) => floor(p.report) !== undefined);
  const header = ['members', 'library', 'build', 'bytes/conn', 'degree p50', 'degree p99', 'page p50', 'reach p50', 'connect p50', 'degree p50 vs SocialGraph', ...(withCsr ? ['degree p50 vs csr'] : [])];
  const rows = [header];
  for (const { members, report } of points) {
    const base = ours(report);
    const csr = floor(report);
    report.outcomes.forEach((o: PeerOutcome, i) => {
      const first = i === 0 ? int(members) : '';
      if (!o.ok) {
        const note = [first, `${label(o.peer)}: ${o.phase === 'skipped' ? 'skipped' : 'failed'}, ${o.error}`];
        rows.push([...note, ...new Array<string>(header.length - note.length).fill('')]);
        return;
      }
      const w = o.workloads;
      rows.push([
        first,
        label(o.peer),
        duration(o.buildMs * 1e3),
        fmt(o.bytesPerConnection),
        duration(w.degreeRandom.p50),
        duration(w.degreeRandom.p99),
        duration(w.degreesPage.p50),
        duration(w.reach.p50),
        duration(w.connect.p50),
        base ? ratio(w.degreeRandom.p50, base.workloads.degreeRandom.p50) : '-',
        ...(withCsr ? [csr ? ratio(w.degreeRandom.p50, csr.workloads.degreeRandom.p50) : '-'] : []),
      ]);
    });
  }
  return rows;
}
