/**
 * Option validation shared by the generators: each check throws a `RangeError` whose message names
 * the function and the option, for example
 * `barabasiAlbert: avgDegree must be an even integer >= 2 and < members, got 3`.
 *
 * @packageDocumentation
 * @internal
 */

/** Largest member count a generator accepts: 2^30. @internal */
export const MAX_MEMBERS = 2 ** 30;
/** Largest edge count a generator produces: 2^31 − 1 (typed-array indices and 32-bit sampling). @internal */
export const MAX_EDGES = 2 ** 31 - 1;

/** Renders a bad option value for an error message. @internal */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Checks that the options argument is an object. @internal */
export function checkOptions(fn: string, options: unknown): void {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${fn}: expected an options object, got ${show(options)}`);
  }
}

/** Checks an integer option in `[min, max]`. @internal */
export function checkInteger(fn: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${fn}: ${name} must be an integer in [${min}, ${max}], got ${show(value)}`);
  }
  return value;
}

/** Checks a finite number option in `[min, max]`. @internal */
export function checkNumber(fn: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${fn}: ${name} must be a number in [${min}, ${max}], got ${show(value)}`);
  }
  return value;
}

/** Checks the even-integer `avgDegree` of the lattice and preferential-attachment models. @internal */
export function checkEvenDegree(fn: string, value: unknown, members: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 2 ||
    value % 2 !== 0 ||
    value >= members
  ) {
    throw new RangeError(`${fn}: avgDegree must be an even integer >= 2 and < members, got ${show(value)}`);
  }
  return value;
}

/** Checks the edge count a generator is about to allocate. @internal */
export function checkEdgeCount(fn: string, edges: number): void {
  if (edges > MAX_EDGES) {
    throw new RangeError(`${fn}: members × avgDegree / 2 must be at most ${MAX_EDGES} edges, got ${edges}`);
  }
}
