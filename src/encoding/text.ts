/**
 * Text checks shared by the features that store names and notes in snapshots.
 *
 * @packageDocumentation
 */

const native = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * Whether `text` is well-formed UTF-16: no lone surrogate. Only such strings survive UTF-8 (a
 * snapshot, a file) unchanged; a lone surrogate would come back as U+FFFD, and two distinct names
 * could come back as one.
 *
 * @remarks O(length): `String.prototype.isWellFormed` where the platform has it (Node 20+),
 * otherwise one pass over the code units.
 * @example
 * ```ts
 * isWellFormedText('café 😀'); // true
 * isWellFormedText('\uD800x'); // false
 * ```
 * @internal
 */
export function isWellFormedText(text: string): boolean {
  if (native !== undefined) return native.call(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c > 0xdbff) return false; // a trail surrogate without a lead
    const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (d < 0xdc00 || d > 0xdfff) return false;
    i++;
  }
  return true;
}
