/**
 * crc32 through the platform's CRC-32 (zlib's, as Node's entry sets it) gives what the portable
 * table loop gives, for every range and starting value: snapshots and journals written with one
 * read with the other.
 */
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { crc32, setNativeCrc32 } from '../../src/encoding/crc32.js';
import { fcParams } from '../support/fc-config.js';

const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

describe('crc32 with the native implementation', () => {
  afterEach(() => setNativeCrc32(null));

  it.runIf(typeof zlibCrc32 === 'function')('equals the table loop for any range and starting value (fast-check)', () => {
    let long = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000, size: 'max' }), fc.nat(), fc.nat(), fc.nat({ max: 2 ** 32 - 1 }), (bytes, x, y, previous) => {
        const start = bytes.length === 0 ? 0 : x % bytes.length;
        const end = start + (bytes.length === start ? 0 : y % (bytes.length - start + 1));
        setNativeCrc32(null);
        const portable = crc32(bytes, start, end, previous);
        setNativeCrc32((data, p) => zlibCrc32!(data, p));
        expect(crc32(bytes, start, end, previous)).toBe(portable);
        if (end - start >= 64) long++;
      }),
      fcParams(300),
    );
    expect(long).toBeGreaterThanOrEqual(150); // the native path (64 bytes and more) ran
  });

  it('the check value of both: 0xcbf43926', () => {
    const text = new TextEncoder().encode('123456789'.repeat(8)).subarray(0, 9);
    expect(crc32(text)).toBe(0xcbf43926);
  });
});
