/**
 * StatsOptions: the options of {@link distanceDistribution} and {@link reachEstimates}, and their
 * checks (every value bounded up front).
 *
 * @packageDocumentation
 */
import { SocialGraphError } from '../index.js';
import { describeValue } from '../errors.js';

/** Lowest and highest `precision` (log2 of the registers per counter). @public */
export const MIN_PRECISION = 4;
/** @public */
export const MAX_PRECISION = 16;
/** The highest precision {@link defaultPrecision} picks (16,384 registers, relative standard error 0.81%). @public */
export const DEFAULT_MAX_PRECISION = 14;
/** The register bytes {@link defaultPrecision} aims at (two arrays of n·2^precision bytes): 256 MiB. @public */
export const DEFAULT_REGISTER_BUDGET = 2 ** 28;

/**
 * The precision used when none is given: the highest p ≤ 14 whose two register arrays
 * (2·n·2^p bytes) fit in 256 MiB, and at least 4: 14 up to 8,192 members, 12 up to 32,768,
 * 7 at a million.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * import { defaultPrecision } from 'social-graph/stats';
 * defaultPrecision(5_000); // 14
 * defaultPrecision(30_000); // 12
 * defaultPrecision(1_000_000); // 7
 * ```
 * @public
 */
export function defaultPrecision(members: number): number {
  const fit = Math.floor(Math.log2(DEFAULT_REGISTER_BUDGET / (2 * Math.max(1, members))));
  return Math.max(MIN_PRECISION, Math.min(DEFAULT_MAX_PRECISION, fit));
}
/** The most bytes a run may allocate for its counters unless `memoryLimit` says otherwise (4 GiB). @public */
export const DEFAULT_MEMORY_LIMIT = 2 ** 32;
/** The largest `maxDistance` accepted (a distance is at most members − 1 anyway). @public */
export const MAX_DISTANCE_LIMIT = 2 ** 31 - 1;

/** What {@link StatsOptions.onProgress} is told: once before the run (`distance` 0), then after each distance. @public */
export interface StatsProgress {
  /** Distances done (0: the plan, before any work). */
  distance: number;
  /** Ordered pairs (self-pairs included) within `distance` so far, estimated unless `exact`. */
  pairsWithin: number;
  /** Members whose counter changed at this distance (HyperBall), or members done (exact). */
  changed: number;
  /** Bytes the run allocates (counters, estimates and the adjacency copy), stated before it starts. */
  memoryBytes: number;
  /** Threads taking part: 2 with Node's helper thread, else 1. */
  threads: number;
  /** `'hyperball'` or `'exact'`. */
  method: 'hyperball' | 'exact';
}

/** Options of {@link distanceDistribution} and {@link reachEstimates}. @public */
export interface StatsOptions {
  /**
   * log2 of the registers per HyperLogLog counter, 4–16 (default {@link defaultPrecision}: 14 up
   * to 8,192 members, 12 up to 32,768, 7 at a million). Relative standard error 1.04/√(2^precision) per counter;
   * memory and time grow as 2^precision.
   */
  precision?: number;
  /** Stop after this distance (default: when no counter changes any more). A positive integer. */
  maxDistance?: number;
  /** Seed of the members' hash (an integer 0..2^32-1; default 0x5eed). Results are deterministic for a seed. */
  seed?: number;
  /** All-pairs breadth-first search instead of counters: exact, O(n·m) time, O(n) memory. */
  exact?: boolean;
  /** Use Node's helper thread (default true; ignored where there is none). */
  parallel?: boolean;
  /** Union counters with WebAssembly SIMD where available (default true; false: the JavaScript path, same results). */
  wasm?: boolean;
  /** The most bytes the counters may take (default 4 GiB); a run needing more throws `CAPACITY_EXCEEDED` before it starts. */
  memoryLimit?: number;
  /** Called before the run and after each distance; an exception it throws ends the run. */
  onProgress?: (progress: StatsProgress) => void;
  /** Aborts the run between batches of members (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** Checked options with defaults applied. @internal */
export interface StatsSettings {
  precision: number;
  maxDistance: number;
  seed: number;
  exact: boolean;
  parallel: boolean;
  wasm: boolean;
  memoryLimit: number;
  onProgress: ((progress: StatsProgress) => void) | null;
  signal: AbortSignal | null;
}

function invalid(method: string, name: string, expected: string, value: unknown): SocialGraphError {
  return new SocialGraphError('INVALID_OPTION', `${method}: ${name} must be ${expected}, got ${describeValue(value)}`);
}

function integerOption(method: string, options: Record<string, unknown>, name: string, min: number, max: number, fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(method, name, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

function booleanOption(method: string, options: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(method, name, 'a boolean', value);
  return value;
}

/**
 * Checks `options` (named `method` in errors) and applies the defaults.
 *
 * @throws SocialGraphError `INVALID_OPTION` naming the option and the value.
 * @internal
 */
export function statsSettings(method: string, options: StatsOptions | undefined, members: number): StatsSettings {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') throw invalid(method, 'options', 'an object', options);
  const raw = options as Record<string, unknown>;
  const onProgress = raw.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw invalid(method, 'onProgress', 'a function', onProgress);
  const signal = raw.signal;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof (signal as AbortSignal).aborted !== 'boolean')) {
    throw invalid(method, 'signal', 'an AbortSignal', signal);
  }
  return {
    precision: integerOption(method, raw, 'precision', MIN_PRECISION, MAX_PRECISION, defaultPrecision(members)),
    maxDistance: integerOption(method, raw, 'maxDistance', 1, MAX_DISTANCE_LIMIT, MAX_DISTANCE_LIMIT),
    seed: integerOption(method, raw, 'seed', 0, 2 ** 32 - 1, 0x5eed),
    exact: booleanOption(method, raw, 'exact', false),
    parallel: booleanOption(method, raw, 'parallel', true),
    wasm: booleanOption(method, raw, 'wasm', true),
    memoryLimit: integerOption(method, raw, 'memoryLimit', 1, Number.MAX_SAFE_INTEGER, DEFAULT_MEMORY_LIMIT),
    onProgress: (onProgress as StatsSettings['onProgress'] | undefined) ?? null,
    signal: (signal as AbortSignal | undefined) ?? null,
  };
}
