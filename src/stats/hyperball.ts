/**
 * hyperBall: HyperBall (Boldi & Vigna; HyperANF, Boldi, Rosa & Vigna, WWW 2011) over a CSR
 * snapshot: one HyperLogLog counter per member, c_t(v) = c_{t-1}(v) ∪ ⋃_{w ∈ N(v)} c_{t-1}(w), so
 * that c_t(v) counts the ball B(v, t) of members within distance t, and N(t) = Σ_v |B(v, t)|.
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../index.js';
import { startHelperThread, type HelperThread } from '../store/helper-thread.js';
import type { GraphAdjacency } from './graph-adjacency.js';
import { bulkBuffer, isShared } from '../store/bulk-buffer.js';
import { hyperBallFirst } from './hyperball-first.js';
import { hyperBallStep } from './hyperball-step.js';
import { UNION_WASM, unionMemory } from './union-wasm.js';
import { connectedComponents } from './components.js';
import { universeIndex } from './universe-index.js';
import { posteriorScratch, reachPosterior } from './reach-posterior.js';
import { hllEstimate } from './hll-estimate.js';

/**
 * How the calibration weight grows with the share r of the component a ball's counter covers:
 * the scale |C|/Ê(C) is applied to the power r^0.5 (measured on the real networks against 1, 2
 * and 0: the smallest errors of orderedPairs and of reach; see docs/stats.md).
 */
const CALIBRATION_POWER = 0.5;
import { pause, runSplit } from './run-split.js';
import type { StatsSettings } from './stats-options.js';
import { statsMemory } from './stats-memory.js';

/** Register bytes (n·2^precision) below which the helper thread is not worth its start (~30 ms). */
const PARALLEL_MIN_REGISTER_BYTES = 2 ** 22;

/** What a run found. @internal */
export interface BallCounts {
  /** within[t]: ordered pairs (self-pairs included) within distance t, t = 0..last. within[0] = n. */
  within: number[];
  /** Per member: estimated |B(v, 2)| and |B(v, 3)| (only when asked for). */
  ball2: Float64Array | null;
  ball3: Float64Array | null;
  /**
   * Per member: estimated |B(v, 2)| and members at distance exactly 3, from the counters of
   * radius 2 and 3 read together (reachPosterior; only when asked for and a distance 3 was run).
   */
  within2: Float64Array | null;
  exactly3: Float64Array | null;
  /** Per member: the exact size of its component (with exactly3). */
  componentSize: Float64Array | null;
  threads: number;
}

/**
 * Runs HyperBall until no counter changes or `settings.maxDistance` (3 when `reach`).
 *
 * @remarks Time O(Σ_t (n + 2^precision/4 · Σ_{w changed at t-1} degree(w))): the first
 * distance adds hashes directly (O(m)), later ones union only counters that changed. Memory:
 * {@link statsMemory}, checked against `settings.memoryLimit` before anything is allocated.
 * @throws SocialGraphError `CAPACITY_EXCEEDED` when the run would need more than `memoryLimit`.
 * @internal
 */
export async function hyperBall(method: string, adjacency: GraphAdjacency, settings: StatsSettings, reach: boolean): Promise<BallCounts> {
  const { memberCount: n, connectionCount: connections, offsets, targets } = adjacency;
  const { precision, signal } = settings;
  const memoryBytes = statsMemory({ memberCount: n, connectionCount: connections, precision, reach });
  if (memoryBytes > settings.memoryLimit) {
    throw new SocialGraphError(
      'CAPACITY_EXCEEDED',
      `${method}: ${n} members at precision ${precision} need ${memoryBytes} bytes, over memoryLimit ${settings.memoryLimit}`,
    );
  }
  // Reach needs the balls of radius 2 and 3 only.
  const maxDistance = reach ? 3 : settings.maxDistance;
  const size = 2 ** precision;
  const words = size / 4;
  // Registers in a shared WebAssembly memory where SIMD is available (unions 16 registers per
  // instruction), then each thread's scratch area: the accumulator and the gathered addresses.
  let maxDegree = 0;
  for (let v = 0; v < n; v++) maxDegree = Math.max(maxDegree, offsets[v + 1]! - offsets[v]!);
  const scratchBytes = size + 16 * Math.ceil((4 * Math.max(1, maxDegree)) / 16);
  const memory = settings.wasm ? unionMemory(2 * n * size + 2 * scratchBytes) : null;
  const wasm = memory === null ? null : UNION_WASM;
  let cur = memory === null ? new Int32Array(bulkBuffer(n * size)) : new Int32Array(memory.buffer, 0, n * words);
  let next = memory === null ? new Int32Array(bulkBuffer(n * size)) : new Int32Array(memory.buffer, n * size, n * words);
  const scratch = [2 * n * size, 2 * n * size + scratchBytes];
  let changedBefore = new Uint8Array(bulkBuffer(n));
  let changedNow = new Uint8Array(bulkBuffer(n));
  const estimates = new Float64Array(bulkBuffer(8 * n));
  const canShare = [offsets, targets, cur, next, changedBefore, changedNow, estimates].every(isShared);
  let helper: HelperThread | null = settings.parallel && canShare && n * size >= PARALLEL_MIN_REGISTER_BYTES ? startHelperThread() : null;
  const threads = (): number => (helper?.threaded === true ? 2 : 1);
  const within = [n];
  let ball2: Float64Array | null = null;
  let ball3: Float64Array | null = null;
  let within2: Float64Array | null = null;
  let exactly3: Float64Array | null = null;
  let memberComponentSize: Float64Array | null = null;
  const report = (distance: number, changed: number): void => {
    settings.onProgress?.({ distance, pairsWithin: within[within.length - 1]!, changed, memoryBytes, threads: helper === null ? 1 : 2, method: 'hyperball' });
  };
  try {
    signal?.throwIfAborted();
    report(0, n);
    if (maxDistance >= 1 && n > 0) {
      // Distance 1: the counters of {v} ∪ N(v) straight from the hashes; |B(v, 1)| = degree + 1 exactly.
      await runSplit({ task: 'hyperBallFirst', args: [offsets, targets, cur, precision, settings.seed], run: (from, to) => hyperBallFirst(offsets, targets, cur, precision, settings.seed, null, from, to) }, n, helper, signal);
      let changed = 0;
      for (let v = 0; v < n; v++) {
        const degree = offsets[v + 1]! - offsets[v]!;
        estimates[v] = degree + 1;
        changedBefore[v] = degree > 0 ? 1 : 0;
        changed += changedBefore[v]!;
      }
      within.push(n + 2 * connections);
      report(1, changed);
      // Calibration (see calibrate below): each component's exact size and its counter's estimate,
      // the union of its members' counters (every member's own hash is in its distance-1 counter).
      const components = connectedComponents(offsets, targets, n);
      const componentSize = new Float64Array(components.count);
      const componentEstimate = new Float64Array(components.count);
      const registerBytes = new Uint8Array(cur.buffer, cur.byteOffset, n * size);
      const union = new Uint8Array(size);
      for (let k = 0; k < components.count; k++) {
        const from = components.start[k]!;
        const to = components.start[k + 1]!;
        componentSize[k] = to - from;
        if (to - from === 1) {
          componentEstimate[k] = 1;
          continue;
        }
        union.fill(0);
        for (let i = from; i < to; i++) {
          const base = components.order[i]! * size;
          for (let j = 0; j < size; j++) if (registerBytes[base + j]! > union[j]!) union[j] = registerBytes[base + j]!;
        }
        componentEstimate[k] = hllEstimate(union, 0, size);
      }
      if (reach) {
        memberComponentSize = new Float64Array(n);
        for (let v = 0; v < n; v++) memberComponentSize[v] = componentSize[components.of[v]!]!;
      }
      // calibrated[v]: the estimate of |B(v, t)| reported, monotone in t, within [degree + 1, |C(v)|].
      const calibrated = new Float64Array(n);
      for (let v = 0; v < n; v++) calibrated[v] = offsets[v + 1]! - offsets[v]! + 1;
      const calibrate = (v: number): number => {
        // A ball that is most of its component shares most of its registers with the component's
        // counter, and so its error: scale it by |C| / Ê(C), fully when the ball is the whole
        // component (then exact), hardly at all when it is a small part of it.
        const k = components.of[v]!;
        const raw = estimates[v]!;
        const ratio = Math.min(1, raw / componentEstimate[k]!);
        const scaled = raw * (componentSize[k]! / componentEstimate[k]!) ** (ratio ** CALIBRATION_POWER);
        return Math.min(componentSize[k]!, Math.max(calibrated[v]!, scaled));
      };
      for (let t = 2; t <= maxDistance && changed > 0; t++) {
        const [c, nx, before, now] = [cur, next, changedBefore, changedNow];
        const parts = await runSplit(
          {
            task: 'hyperBallStep',
            args: [offsets, targets, c, nx, before, now, estimates, precision, wasm, memory, scratch[1], scratchBytes],
            run: (from, to) => hyperBallStep(offsets, targets, c, nx, before, now, estimates, precision, wasm, memory, scratch[0]!, scratchBytes, null, from, to),
          },
          n,
          helper,
          signal,
        );
        changed = 0;
        for (const part of parts) changed += part[1]!;
        let increase = 0;
        for (let v = 0; v < n; v++) {
          if (now[v] === 0) continue;
          const value = calibrate(v);
          increase += value - calibrated[v]!;
          calibrated[v] = value;
        }
        if (reach && t === 3) {
          // |B(v, 2)| and |B(v, 3) \ B(v, 2)| from both counters at once, read against every
          // member's hash (reachPosterior), before the commit overwrites the counters of radius 2.
          // The counter of radius 3 of a member whose counter did not change is its counter of radius 2.
          const index = universeIndex(n, precision, settings.seed);
          const scratch = posteriorScratch(index);
          const inner = new Uint8Array(c.buffer, c.byteOffset, n * size);
          const outer = new Uint8Array(nx.buffer, nx.byteOffset, n * size);
          const out = new Float64Array(2);
          within2 = new Float64Array(n);
          exactly3 = new Float64Array(n);
          let slice = Date.now();
          for (let v = 0; v < n; v++) {
            reachPosterior(index, v, inner, outer, now, scratch, out);
            within2[v] = out[0]!;
            exactly3[v] = out[1]!;
            if ((v & 1023) === 1023 && Date.now() - slice >= 50) {
              await pause(signal);
              slice = Date.now();
            }
          }
        }
        // Commit: the changed counters become current (the others already are).
        for (let v = 0; v < n; v++) {
          if (now[v] === 0) continue;
          const base = v * words;
          for (let j = 0; j < words; j++) c[base + j] = nx[base + j]!;
        }
        [changedBefore, changedNow] = [now, before];
        if (changed === 0) break;
        within.push(within[within.length - 1]! + increase);
        if (reach && t === 2) ball2 = calibrated.slice();
        if (reach && t === 3) ball3 = calibrated.slice();
        report(t, changed);
        await pause(signal);
      }
      if (reach) {
        ball2 ??= calibrated.slice();
        ball3 ??= calibrated.slice();
      }
    }
    return { within, ball2, ball3, within2, exactly3, componentSize: reach ? memberComponentSize : null, threads: threads() };
  } finally {
    helper?.close();
    helper = null;
    // Drop the counters before the caller builds its result.
    cur = next = new Int32Array(0);
  }
}
