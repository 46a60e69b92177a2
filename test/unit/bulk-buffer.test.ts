import { afterEach, describe, expect, it, vi } from 'vitest';

describe('bulkBuffer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('hands out zero-filled shared memory where the platform has it', async () => {
    const { bulkBuffer, bulkInt32 } = await import('../../src/store/bulk-buffer.js');
    expect(bulkBuffer(16)).toBeInstanceOf(SharedArrayBuffer);
    const array = bulkInt32(1000);
    expect(array.length).toBe(1000);
    expect(array.every((x) => x === 0)).toBe(true);
  });

  it('falls back to ArrayBuffer without SharedArrayBuffer (browsers without cross-origin isolation)', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    vi.resetModules();
    const { bulkBuffer, bulkInt32 } = await import('../../src/store/bulk-buffer.js');
    expect(bulkBuffer(16)).toBeInstanceOf(ArrayBuffer);
    expect(bulkInt32(3).buffer).toBeInstanceOf(ArrayBuffer);
  });
});
