import fc from 'fast-check';

/**
 * Fixed seed in CI (override with FC_SEED=...); fast-check prints the seed and the replay path of
 * any failure, so a failure reruns exactly with FC_SEED and the printed path.
 */
export const FC_SEED = Number(process.env.FC_SEED ?? 20261127);

export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  return { seed: FC_SEED, numRuns, verbose: 1 };
}
