/**
 * Bulk loads with a worker thread (Node's entry, src/node/main.ts): the same graph as a load on
 * one thread, the same errors, and the worker used only where it pays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SocialGraph, SocialGraphError } from '../../src/node/main.js';
import { startWorkerHelper } from '../../src/node/worker-helper.js';
import { setHelperThreadStarter } from '../../src/store/helper-thread.js';

/**
 * How long these tests let the worker take to start answering (the default, 5 s, is a fallback
 * for platforms where workers never start): booting it under tsx on a loaded machine can take
 * longer, and these tests must not depend on the machine's speed. The worker's answer itself is
 * what they wait for; only the fallback test below uses a short startup.
 */
const PATIENT_STARTUP_MS = 100_000;
const patientWorker = () => startWorkerHelper({ startupMs: PATIENT_STARTUP_MS });

/** 2.2M pairs (above the 2^21 threshold) over 160k members, with repeats and self-pairs. */
function bigInput(): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < 2_200_000; i++) pairs.push([`m${i % 150_000}`, i % 1000 === 0 ? `m${i % 150_000}` : `m${(i * 7919 + 1) % 160_000}`]);
  return pairs;
}

describe('bulk loads with a worker thread', () => {
  let started = 0;
  let pairs: [string, string][] = [];
  beforeAll(() => {
    setHelperThreadStarter(() => {
      started++;
      return patientWorker();
    });
    pairs = bigInput();
  });
  afterAll(() => setHelperThreadStarter(startWorkerHelper));

  it('builds the graph a one-thread load builds, from an array and from an iterable', () => {
    started = 0;
    const serial = SocialGraph.loadEdges(pairs, { parallel: false });
    expect(started).toBe(0);
    const parallel = SocialGraph.loadEdges(pairs);
    expect(started).toBe(1);
    const iterated = SocialGraph.loadEdges(pairs.values());
    expect(started).toBe(2);
    expect(serial.report.threads).toBe(1);
    expect(parallel.report).toEqual({ ...serial.report, threads: 2 });
    expect(iterated.report).toEqual({ ...serial.report, threads: 2 });
    expect(serial.report.selfPairs).toBeGreaterThan(0);
    expect(serial.report.duplicates).toBeGreaterThan(0);
    const bytes = serial.graph.toBytes();
    expect(Buffer.from(parallel.graph.toBytes()).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(iterated.graph.toBytes()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('builds the same graph from indexed edges, shared or not, and rejects bad ids the same way', () => {
    const edges = 2_200_000;
    const members = 160_000;
    const sources = new Int32Array(edges);
    const targets = new Int32Array(new SharedArrayBuffer(4 * edges));
    for (let i = 0; i < edges; i++) {
      sources[i] = i % 150_000;
      targets[i] = i % 1000 === 0 ? i % 150_000 : (i * 7919 + 1) % members;
    }
    const ids = (i: number) => `m${i}`;
    started = 0;
    const serial = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources, targets }, { parallel: false });
    const parallel = SocialGraph.fromIndexedEdges({ ids, memberCount: members, sources, targets });
    expect(started).toBe(1);
    expect(Buffer.from(parallel.toBytes()).equals(Buffer.from(serial.toBytes()))).toBe(true);
    const twice = (i: number) => (i === 7 ? 'm3' : `m${i}`);
    for (const flag of [true, false]) {
      expect(() => SocialGraph.fromIndexedEdges({ ids: twice, memberCount: members, sources, targets }, { parallel: flag })).toThrow(
        expect.objectContaining({ code: 'DUPLICATE_MEMBER' }) as Error,
      );
    }
  });

  it('connectAll looks up and merges a batch of 2^19 pairs or more with one worker per graph, into the graph one thread makes', () => {
    // 140k ids (the worker probes the id table from 2^17 lookups), a fifth of them not packed.
    const members = 140_000;
    const edges = 1_100_000;
    const sources = new Int32Array(edges);
    const targets = new Int32Array(edges);
    for (let i = 0, x = 7; i < edges; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      sources[i] = i % members;
      targets[i] = (i % members + 1 + (x % (members - 1))) % members; // never the member itself
    }
    const ids = (i: number) => (i % 5 === 0 ? `member-${i}-x` : `m${i}`);
    const first = { ids, memberCount: members, sources: sources.subarray(0, 300_000), targets: targets.subarray(0, 300_000) };
    // The second batch repeats 200k pairs of the first: groups sized for more than they keep.
    const batches = [
      [300_000, 900_000],
      [700_000, 1_100_000 + 300_000],
    ].map(([from, to]) => {
      const s = new Int32Array(to! - from!);
      const t = new Int32Array(to! - from!);
      for (let i = 0; i < s.length; i++) {
        s[i] = sources[(from! + i) % edges]!;
        t[i] = targets[(from! + i) % edges]!;
      }
      return { ids, memberCount: members, sources: s, targets: t };
    });
    const build = (): SocialGraph => {
      const graph = SocialGraph.fromIndexedEdges(first, { parallel: false });
      for (const batch of batches) graph.connectAll(batch);
      return graph;
    };
    setHelperThreadStarter(() => null);
    const serial = build();
    setHelperThreadStarter(() => {
      started++;
      return patientWorker();
    });
    started = 0;
    const parallel = build();
    expect(started).toBe(1); // one worker for both batches
    expect(parallel.connectionCount).toBe(serial.connectionCount);
    expect(Buffer.from(parallel.toBytes()).equals(Buffer.from(serial.toBytes()))).toBe(true);
    expect(parallel.storeStats()).toEqual(serial.storeStats());
    // A smaller batch, or one with connection times, stays on this thread.
    started = 0;
    const small = SocialGraph.fromIndexedEdges(first, { parallel: false });
    small.connectAll({ ...batches[0]!, sources: batches[0]!.sources.subarray(0, 100_000), targets: batches[0]!.targets.subarray(0, 100_000) });
    const timed = SocialGraph.fromIndexedEdges(first, { parallel: false, connectionTimes: true });
    timed.connectAll(batches[0]!);
    expect(started).toBe(0);
  });

  it('leaves small loads on one thread', () => {
    started = 0;
    expect(SocialGraph.loadEdges(pairs.slice(0, 100_000)).report.threads).toBe(1);
    expect(started).toBe(0);
  });

  it('rejects a bad pair met while the worker works, with the one-thread error', () => {
    const bad = pairs.slice();
    bad[2_100_000] = ['m1', ''];
    const codeOf = (parallel: boolean) => {
      try {
        SocialGraph.fromEdges(bad, { parallel });
      } catch (error) {
        return error instanceof SocialGraphError ? error.code : String(error);
      }
      return 'no error';
    };
    expect(codeOf(true)).toBe('INVALID_ID');
    expect(codeOf(false)).toBe('INVALID_ID');
    // The worker was given back: the next load starts a fresh one and works.
    started = 0;
    expect(SocialGraph.fromEdges(pairs).connectionCount).toBe(SocialGraph.fromEdges(pairs, { parallel: false }).connectionCount);
    expect(started).toBe(1);
  });

  it('enforces maxConnectionsPerMember as a one-thread load does', () => {
    for (const parallel of [true, false]) {
      expect(() => SocialGraph.fromEdges(pairs, { parallel, maxConnectionsPerMember: 20 })).toThrow(
        expect.objectContaining({ code: 'CONNECTION_LIMIT' }) as Error,
      );
    }
  });

  it('rejects a parallel option that is not a boolean', () => {
    for (const parallel of ['yes', 1, null]) {
      expect(() => SocialGraph.fromEdges([['a', 'b']], { parallel } as unknown as { parallel: boolean })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION' }) as Error,
      );
    }
  });

  it('falls back to this thread when the worker never starts answering', () => {
    // A worker that ignores every message: after startupMs the load takes its tasks back.
    setHelperThreadStarter(() => {
      started++;
      return startWorkerHelper({ source: 'setInterval(() => {}, 1000);', startupMs: 100 });
    });
    try {
      started = 0;
      const report = SocialGraph.loadEdges(pairs).report;
      expect(started).toBe(1);
      expect(report).toEqual(SocialGraph.loadEdges(pairs, { parallel: false }).report);
      expect(report.threads).toBe(1);
    } finally {
      setHelperThreadStarter(() => {
        started++;
        return patientWorker();
      });
    }
  });
});
