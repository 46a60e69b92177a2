import fc from 'fast-check';

/**
 * Fixed seed by default (override with FC_SEED=...); fast-check prints the seed and the replay path
 * of any failure, so a failure reruns exactly with FC_SEED and the printed path. CI also runs the
 * property and model files once more with a fresh seed it prints (.ci/run).
 */
export const FC_SEED = Number(process.env.FC_SEED ?? 20261127);

/**
 * FC_RUNS_SCALE (0..1, default 1) scales every property's runs down, and a failure then stops
 * without shrinking: for mutation testing (`npm run mutation`), where a mutant only has to fail.
 */
export const FC_RUNS_SCALE = Math.min(1, Number(process.env.FC_RUNS_SCALE ?? 1));

export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  if (FC_RUNS_SCALE < 1) return { seed: FC_SEED, numRuns: Math.max(5, Math.round(numRuns * FC_RUNS_SCALE)), endOnFailure: true };
  return { seed: FC_SEED, numRuns, verbose: 1 };
}
