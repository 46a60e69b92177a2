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
