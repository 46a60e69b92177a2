/**
 * Reading a profile into the exact, frozen copy a graph keeps: only what the snapshot encoding
 * (JSON) round-trips exactly is accepted.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';

/** Deepest nesting of objects and arrays in a profile (the profile itself is depth 1). */
export const MAX_PROFILE_DEPTH = 32;
/** Most values (object fields and array entries, nested ones included) in a profile. */
export const MAX_PROFILE_VALUES = 100_000;
/** Most UTF-16 code units of strings (keys included) in a profile. */
export const MAX_PROFILE_CHARS = 1 << 24;

/**
 * Reads `value` once into a deep, deep-frozen copy made of plain objects, arrays, strings,
 * finite numbers, booleans and `null` — exactly the values whose JSON round-trips (`-0` is kept
 * as `0`, and object fields whose value is `undefined` are left out, as absent). Anything else is
 * rejected with `INVALID_OPTION` naming `method` and the path: `undefined` in an array,
 * functions, symbols (as values or keys), BigInt, NaN, ±Infinity, class instances (Date, Map,
 * ...), accessor or non-enumerable fields, array holes or extra fields,
 * cycles, nesting past {@link MAX_PROFILE_DEPTH}, more than {@link MAX_PROFILE_VALUES} values or
 * {@link MAX_PROFILE_CHARS} characters, and a Proxy or getter that throws while being read. The
 * copy never shares an object with `value`: changing `value` later changes nothing stored.
 *
 * @remarks O(size of the profile), each field read once.
 * @example
 * ```ts
 * readProfile('SocialGraph.setProfile', { name: 'Ada', skills: ['ts'] }); // a frozen copy
 * ```
 * @internal
 */
export function readProfile(method: string, value: unknown): Readonly<Record<string, unknown>> {
  if (!isPlainObject(value)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: profile must be a plain object, got ${describeValue(value)}`);
  }
  const budget = { values: 0, chars: 0 };
  const ancestors = new Set<object>();
  try {
    return copy(method, value, 'profile', 1, budget, ancestors) as Readonly<Record<string, unknown>>;
  } catch (error) {
    if (error instanceof SocialGraphError) throw error;
    throw new SocialGraphError('INVALID_OPTION', `${method}: reading the profile threw (${error instanceof Error ? error.message : describeValue(error)})`);
  }
}

function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copy(method: string, value: unknown, path: string, depth: number, budget: { values: number; chars: number }, ancestors: Set<object>): unknown {
  const bad = (why: string): never => {
    throw new SocialGraphError('INVALID_OPTION', `${method}: ${path} ${why} (profiles hold only what JSON round-trips exactly)`);
  };
  if (++budget.values > MAX_PROFILE_VALUES) bad(`makes the profile hold more than ${MAX_PROFILE_VALUES} values`);
  switch (typeof value) {
    case 'string':
      budget.chars += value.length;
      if (budget.chars > MAX_PROFILE_CHARS) bad(`makes the profile hold more than ${MAX_PROFILE_CHARS} characters`);
      return value;
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) bad(`is ${value}`);
      return value === 0 ? 0 : value;
    case 'object':
      break;
    default:
      return bad(`is ${typeof value === 'bigint' ? 'a BigInt' : typeof value}`);
  }
  if (value === null) return null;
  if (depth > MAX_PROFILE_DEPTH) bad(`is nested deeper than ${MAX_PROFILE_DEPTH}`);
  if (ancestors.has(value)) bad('is circular');
  ancestors.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) bad('is an array subclass');
    const keys = Reflect.ownKeys(value);
    const length = (value as unknown[]).length;
    if (keys.length !== length + 1) bad('has holes or fields besides its entries');
    const items: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const descriptor = Object.getOwnPropertyDescriptor(value, i);
      if (descriptor === undefined) bad(`has a hole at ${i}`);
      if (!('value' in descriptor!)) bad(`[${i}] is a getter`);
      items.push(copy(method, descriptor!.value, `${path}[${i}]`, depth + 1, budget, ancestors));
    }
    out = Object.freeze(items);
  } else {
    if (!isPlainObject(value)) bad(`is not a plain object (${Object.prototype.toString.call(value)})`);
    const fields: Record<string, unknown> = {};
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'symbol') bad(`has a symbol key ${key.toString()}`);
      const name = key as string;
      const where = `${path}.${name.length > 40 ? `${name.slice(0, 37)}...` : name}`;
      budget.chars += name.length;
      if (budget.chars > MAX_PROFILE_CHARS) bad(`makes the profile hold more than ${MAX_PROFILE_CHARS} characters`);
      const descriptor = Object.getOwnPropertyDescriptor(value, name);
      if (descriptor === undefined) continue; // deleted while read (a Proxy): not a field
      if (!('value' in descriptor)) bad(`field ${JSON.stringify(name)} is a getter`);
      if (descriptor.enumerable !== true) bad(`field ${JSON.stringify(name)} is not enumerable`);
      if (descriptor.value === undefined) continue; // an absent field, as JSON has it: not stored
      // defineProperty: a "__proto__" field stays a field, as JSON.parse makes it.
      Object.defineProperty(fields, name, { value: copy(method, descriptor.value, where, depth + 1, budget, ancestors), enumerable: true, writable: true, configurable: true });
    }
    out = Object.freeze(fields);
  }
  ancestors.delete(value);
  return out;
}
