/**
 * Coverage counters for property and model tests: each run records which interesting cases it
 * hit, and the test asserts the share of runs that hit each one, so a generator that drifts to
 * trivial inputs fails the test instead of passing it vacuously.
 *
 *   const cov = new Coverage('degree oracle');
 *   fc.assert(fc.property(arb, (x) => { ...; cov.hit({ 'pair at distance 3': ..., ... }); }), ...);
 *   cov.expect({ 'pair at distance 3': 0.2 });   // >= 20% of runs
 *
 * Counters also accept numbers (`cov.max`/`cov.value`) for "the longest sequence" style figures.
 * FC_STATS=1 prints every table (the figures quoted in docs and reports). FC_MARGINS=1 prints each
 * share's margin over its threshold in standard deviations: CI runs the property files a second
 * time with a fresh seed, so a threshold sits about 4 standard deviations under the label's mean
 * share over many seeds (a loop over FC_SEED values with FC_MARGINS=1), never just under it.
 */
import { expect } from 'vitest';
import { FC_RUNS_SCALE } from './fc-config.js';

export class Coverage {
  private runs = 0;
  private readonly hits = new Map<string, number>();
  private readonly maxima = new Map<string, number>();

  constructor(readonly name: string) {}

  /** One run: every label with its outcome (labels that are false still appear in the table). */
  hit(labels: Record<string, boolean>): void {
    this.runs++;
    for (const [label, on] of Object.entries(labels)) this.hits.set(label, (this.hits.get(label) ?? 0) + (on ? 1 : 0));
  }

  /** Largest value seen of a figure (e.g. commands run, connections reached). */
  max(label: string, value: number): void {
    this.maxima.set(label, Math.max(this.maxima.get(label) ?? -Infinity, value));
  }

  share(label: string): number {
    return this.runs === 0 ? 0 : (this.hits.get(label) ?? 0) / this.runs;
  }

  table(): string {
    const rows = [...this.hits].map(([label, k]) => `  ${label}: ${((100 * k) / this.runs).toFixed(1)}% (${k}/${this.runs})`);
    for (const [label, v] of this.maxima) rows.push(`  max ${label}: ${v}`);
    return `${this.name} (${this.runs} runs)\n${rows.join('\n')}`;
  }

  /** Asserts each label's minimum share of runs (0..1) and each maximum's floor. */
  expect(minShare: Record<string, number>, minMax: Record<string, number> = {}): void {
    if (process.env.FC_STATS === '1') console.log(this.table());
    if (process.env.FC_MARGINS === '1') {
      // Margin of each share over its threshold in binomial standard deviations at that threshold:
      // a label under ~3 fails for a fresh seed now and then.
      for (const [label, min] of Object.entries(minShare)) {
        const sd = Math.sqrt((min * (1 - min)) / this.runs) || 1;
        console.log(`MARGIN ${((this.share(label) - min) / sd).toFixed(2)} ${this.name} | ${label} | share ${this.share(label).toFixed(3)} min ${min} runs ${this.runs}`);
      }
    }
    // Scaled-down runs (mutation testing, FC_RUNS_SCALE < 1) are too few for the shares.
    if (FC_RUNS_SCALE < 1) return;
    expect(this.runs, `${this.name}: no runs recorded`).toBeGreaterThan(0);
    for (const [label, min] of Object.entries(minShare)) {
      expect(this.hits.has(label), `${this.name}: unknown label ${label}`).toBe(true);
      expect(this.share(label), `${this.name}: share of runs with "${label}"\n${this.table()}`).toBeGreaterThanOrEqual(min);
    }
    for (const [label, min] of Object.entries(minMax)) {
      expect(this.maxima.get(label) ?? -Infinity, `${this.name}: max ${label}\n${this.table()}`).toBeGreaterThanOrEqual(min);
    }
  }
}
