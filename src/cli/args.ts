/**
 * Flag parsing shared by the commands: `node:util` `parseArgs` with errors that say what is
 * allowed, and counts written as `1000000`, `1_000_000`, `100k` or `1M`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseArgsError, UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` strictly; an unknown flag or a missing value throws a {@link UsageError} listing the flags. */
export function parseFlags(command: string, args: string[], options: Options): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw parseArgsError(command, error, options);
  }
}

/** A count: digits with optional `_` or `,` separators and an optional `k` / `M` suffix. */
export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.replace(/[_,]/g, ''));
  if (m === null) return NaN;
  const scale = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1e3 : 1e6;
  return Math.round(Number(m[1]) * scale);
}

/** An integer flag within [min, max], or `fallback` when absent. */
export function intFlag(values: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = parseCount(String(raw));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (k and M suffixes allowed), got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** A flag whose value must be one of `allowed` (or an alias). */
export function choiceFlag<T extends string>(values: Record<string, unknown>, name: string, fallback: T, allowed: readonly T[], aliases: Record<string, T> = {}): T {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const text = String(raw);
  const hit = (allowed as readonly string[]).includes(text) ? (text as T) : aliases[text];
  if (hit === undefined) {
    const alias = Object.entries(aliases).map(([a, t]) => `${a} = ${t}`);
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}${alias.length > 0 ? ` (or ${alias.join(', ')})` : ''}, got ${JSON.stringify(text)}`);
  }
  return hit;
}
