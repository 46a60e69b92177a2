/**
 * exactBalls: the same counts as HyperBall, exactly, by a breadth-first search from every member.
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../index.js';
import type { GraphAdjacency } from './graph-adjacency.js';
import type { BallCounts } from './hyperball.js';
import { pause } from './run-split.js';
import type { StatsSettings } from './stats-options.js';
import { statsMemory } from './stats-memory.js';

/** How long the search runs before it yields to the event loop (ms). */
const SLICE_MS = 50;

/**
 * Exact ball sizes: within[t] = Σ_v |B(v, t)| up to the largest distance (or
 * `settings.maxDistance`; 3 when `reach`), and per member |B(v, 2)|, |B(v, 3)| when `reach`.
 *
 * @remarks O(n · (n + m)) time on one thread (depth-limited to 3 for `reach`: O(Σ_v |edges within
 * distance 2 of v|)); 8·n bytes of search state (16·n more for `reach`).
 * @throws SocialGraphError `CAPACITY_EXCEEDED` when the state would exceed `memoryLimit`.
 * @internal
 */
export async function exactBalls(method: string, adjacency: GraphAdjacency, settings: StatsSettings, reach: boolean): Promise<BallCounts> {
  const { memberCount: n, connectionCount: connections, offsets, targets } = adjacency;
  const memoryBytes = statsMemory({ memberCount: n, connectionCount: connections, precision: settings.precision, exact: true, reach });
  if (memoryBytes > settings.memoryLimit) {
    throw new SocialGraphError('CAPACITY_EXCEEDED', `${method}: ${n} members need ${memoryBytes} bytes, over memoryLimit ${settings.memoryLimit}`);
  }
  const maxDistance = reach ? 3 : settings.maxDistance;
  const report = (distance: number, done: number, pairs: number): void => {
    settings.onProgress?.({ distance, pairsWithin: pairs, changed: done, memoryBytes, threads: 1, method: 'exact' });
  };
  settings.signal?.throwIfAborted();
  report(0, 0, n);
  // counts[t]: ordered pairs at distance exactly t (t ≥ 1), over all sources so far.
  const counts: number[] = [0];
  const ball2 = reach ? new Float64Array(n) : null;
  const ball3 = reach ? new Float64Array(n) : null;
  // seen[w] === source + 1 once w is reached from source (never cleared).
  const seen = new Int32Array(n);
  const queue = new Int32Array(n);
  let slice = Date.now();
  for (let source = 0; source < n; source++) {
    const stamp = source + 1;
    seen[source] = stamp;
    queue[0] = source;
    let head = 0;
    let tail = 1;
    let within2 = 1;
    let within3 = 1;
    for (let depth = 1; depth <= maxDistance && head < tail; depth++) {
      const levelEnd = tail;
      for (; head < levelEnd; head++) {
        const v = queue[head]!;
        const end = offsets[v + 1]!;
        for (let k = offsets[v]!; k < end; k++) {
          const w = targets[k]!;
          if (seen[w] === stamp) continue;
          seen[w] = stamp;
          queue[tail++] = w;
        }
      }
      const found = tail - levelEnd;
      if (found === 0) break;
      while (counts.length <= depth) counts.push(0);
      counts[depth]! += found;
      if (depth <= 2) within2 += found;
      if (depth <= 3) within3 += found;
    }
    if (ball2 !== null && ball3 !== null) {
      ball2[source] = within2;
      ball3[source] = within3;
    }
    if ((source & 63) === 63 && Date.now() - slice > SLICE_MS) {
      report(0, source + 1, n);
      await pause(settings.signal);
      slice = Date.now();
    }
  }
  const within = [n];
  for (let t = 1; t < counts.length; t++) {
    within.push(within[t - 1]! + counts[t]!);
    report(t, n, within[t]!);
  }
  return { within, ball2, ball3, within2: null, exactly3: null, componentSize: null, threads: 1 };
}
