/**
 * The journal's record format and framing: records round-trip exactly (fast-check over every
 * operation's argument shapes), every truncation of a segment keeps exactly the whole blocks
 * before it, every single bit flip is caught (a damaged block before the tail is an error, in the
 * tail it is cut off), a failing disk poisons the journal, and the directory lock and recovery
 * errors are typed.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, OPERATION_NAMES, SocialGraph, SocialGraphError, definePolicy, degreeRule } from '../../../src/index.js';
import { JournalCorruptError, open } from '../../../src/node/index.js';
import { JournalWriter } from '../../../src/node/durable/journal-writer.js';
import { RecordDecoder, RecordEncoder } from '../../../src/node/durable/record-codec.js';
import { BLOCK_HEADER_BYTES, SEGMENT_HEADER_BYTES, scanSegment, sealBlock, segmentHeader } from '../../../src/node/durable/segment-format.js';
import { Coverage } from '../../support/coverage.js';
import { fcParams } from '../../support/fc-config.js';

const root = mkdtempSync(join(tmpdir(), 'sg-durable-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => join(root, `d${dirs++}`);

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return error instanceof SocialGraphError ? error.code : `not typed: ${String(error)}`;
  }
  return undefined;
}

/** Encodes records into one buffer (growing it as needed) and returns the bytes. */
function encodeAll(records: { name: string; args: unknown[]; time: number }[]): Uint8Array {
  const encoder = new RecordEncoder(new Uint8Array(16), 0, (e, bytes) => {
    const grown = new Uint8Array(Math.max(e.buf.length * 2, e.pos + bytes));
    grown.set(e.buf.subarray(0, e.pos));
    e.buf = grown;
  });
  for (const r of records) encoder.encode(r.name, r.args, r.time);
  return encoder.buf.slice(0, encoder.pos);
}

function decodeAll(bytes: Uint8Array): { name: string; args: unknown[]; time: number }[] {
  const out: { name: string; args: unknown[]; time: number }[] = [];
  new RecordDecoder(new SocialGraph(), {}).apply(bytes, 0, bytes.length, (r) => out.push({ name: r.name, args: [...r.args], time: r.time }));
  return out;
}

const stringArb = fc.oneof(
  // '\uFEFF' first: a UTF-8 decoder strips it as a byte order mark unless told not to.
  fc.constantFrom('a', 'u1', '', '__proto__', '\u0000', '\uD800', 'x\uDC00y', '😀', 'é', 'x'.repeat(70), 'y'.repeat(9000), '\uFEFF', '\uFEFFa'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const plainValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(undefined, null, true, false, 0, -0, Number.NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 50), 2 ** 50 + 1, 0.1, 1e-300),
    fc.double(),
    fc.integer(),
    stringArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(stringArb, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const timeArb = fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 2 ** 42 }), fc.double(), fc.constantFrom(-0, 1_700_000_000_000, 2 ** 53));
const idArb = stringArb.filter((s): s is string => typeof s === 'string');
const recordArb = fc.oneof(
  fc.record({
    name: fc.constantFrom(...OPERATION_NAMES.filter((n) => n !== 'setPolicy' && n !== 'connectAll')),
    args: fc.array(fc.oneof(stringArb, plainValue), { maxLength: 4 }),
    time: timeArb,
  }),
  // connectAll's pairs: ids of every kind, repeats within and across pairs.
  fc.record({
    name: fc.constant('connectAll'),
    args: fc.tuple(fc.array(fc.tuple(idArb, idArb), { maxLength: 12, size: 'large' }), fc.option(fc.record({ at: fc.integer({ min: 1000, max: 2 ** 40 }) }), { nil: undefined })).map(([pairs, options]) =>
      options === undefined ? [pairs] : [pairs, options],
    ),
    time: timeArb,
  }),
);

describe('records', () => {
  it('round-trip exactly: strings of any kind, plain values, times (fast-check)', () => {
    let optional = 0;
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 30, size: 'large' }), (records) => {
        const decoded = decodeAll(encodeAll(records));
        expect(decoded.length).toBe(records.length);
        decoded.forEach((d, i) => {
          const r = records[i]!;
          expect(d.name).toBe(r.name);
          expect(Object.is(d.time, r.time) || (Number.isNaN(d.time) && Number.isNaN(r.time))).toBe(true);
          // The layout keeps the required arguments and the optional trailing one when defined.
          if (d.args.length > 0 && r.name === 'connect' && d.args.length === 3) optional++;
          d.args.forEach((arg, j) => {
            if (r.name === 'setProfile' && j === 1) return; // profiles: checked below
            expect(arg).toEqual(r.args[j]);
          });
        });
      }),
      { ...fcParams(300) },
    );
    expect(optional).toBeGreaterThan(0);
  });

  it('keeps a string that starts with U+FEFF (not stripped as a byte order mark)', () => {
    const records = [
      { name: 'connectAll', args: [[['\uFEFF', '']]], time: -0 },
      { name: 'connect', args: ['\uFEFFada', '\uFEFF\uFEFFbob'], time: Number.NaN },
      { name: 'setProfile', args: ['\uFEFF', { '\uFEFFk': '\uFEFFv' }], time: Number.NaN },
    ];
    expect(decodeAll(encodeAll(records)).map((r) => r.args)).toEqual(records.map((r) => r.args));
  });

  it('keeps profiles exactly when plain data, as JSON otherwise', () => {
    const date = new Date(0);
    const [plain, other] = decodeAll(
      encodeAll([
        { name: 'setProfile', args: ['a', { n: -0, x: Number.NaN, u: undefined, deep: [{ a: 1 }] }], time: Number.NaN },
        { name: 'setProfile', args: ['a', { when: date }], time: Number.NaN },
      ]),
    );
    expect(plain!.args[1]).toEqual({ n: -0, x: Number.NaN, u: undefined, deep: [{ a: 1 }] });
    expect(other!.args[1]).toEqual({ when: date.toJSON() });
  });

  it('stores policies by preset or name', () => {
    const custom = definePolicy('mine', DEFAULT_POLICY, { message: degreeRule({ upTo: 1 }) });
    const bytes = encodeAll(['default', 'strict', DEFAULT_POLICY, custom].map((p) => ({ name: 'setPolicy', args: [p], time: Number.NaN })));
    const out: unknown[] = [];
    new RecordDecoder(new SocialGraph(), { policy: custom }).apply(bytes, 0, bytes.length, (r) => out.push(r.args[0]));
    expect(out).toEqual(['default', 'strict', DEFAULT_POLICY, custom]);
    expect(codeOf(() => new RecordDecoder(new SocialGraph(), {}).apply(bytes, 0, bytes.length, () => undefined))).toBe('INVALID_OPTION');
  });

  it('costs 1 + 2 × (2 + id length) bytes per connect, 1 byte per id repeated from the last call', () => {
    const encoded = (records: { name: string; args: unknown[] }[]) => encodeAll(records.map((r) => ({ ...r, time: Number.NaN }))).length;
    expect(encoded([{ name: 'connect', args: ['u12345', 'u67890'] }])).toBe(1 + 2 * (2 + 6)); // 17 bytes
    // A member connecting to several contacts in a row: its id is 1 byte after the first call.
    const star = ['v1', 'v2', 'v3'].map((id) => ({ name: 'connect', args: ['u12345', id] }));
    expect(encoded(star)).toBe(17 - 4 + 2 * (1 + 1 + 2 + 2));
  });
});

/** A segment of `blocks` blocks of a few records each: its bytes and the blocks' start offsets. */
function segment(blocks: number): { bytes: Uint8Array; starts: number[] } {
  const parts: Uint8Array[] = [segmentHeader(7)];
  const starts: number[] = [];
  let offset = SEGMENT_HEADER_BYTES;
  for (let b = 0; b < blocks; b++) {
    const payload = encodeAll([{ name: 'addMember', args: [`m${b}`], time: Number.NaN }, { name: 'connect', args: [`m${b}`, 'x'], time: 1000 + b }]);
    const block = new Uint8Array(BLOCK_HEADER_BYTES + payload.length);
    block.set(payload, BLOCK_HEADER_BYTES);
    sealBlock(block, 0, payload.length, offset);
    starts.push(offset);
    parts.push(block);
    offset += block.length;
  }
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) (bytes.set(p, at), (at += p.length));
  return { bytes, starts };
}

describe('segments', () => {
  const { bytes, starts } = segment(6);
  const ends = [...starts.slice(1), bytes.length];

  it('an intact segment yields every block', () => {
    const scan = scanSegment(bytes, 'journal-7.log', 7, false);
    expect(scan.blocks.length).toBe(12);
    expect(scan.droppedBytes).toBe(0);
  });

  it('every truncation keeps exactly the whole blocks before it (last segment), and is an error otherwise', () => {
    for (let length = 0; length <= bytes.length; length++) {
      const cut = bytes.subarray(0, length);
      if (length > 0 && length < SEGMENT_HEADER_BYTES) {
        expect(scanSegment(cut, 's', 7, true).droppedBytes).toBe(length);
        continue;
      }
      if (length === 0) continue;
      const whole = ends.filter((end) => end <= length).length;
      const scan = scanSegment(cut, 's', 7, true);
      expect(scan.blocks.length).toBe(2 * whole);
      expect(scan.validEnd).toBe(whole === 0 ? SEGMENT_HEADER_BYTES : ends[whole - 1]);
      expect(scan.droppedBytes).toBe(length - scan.validEnd);
      if (scan.droppedBytes > 0) expect(() => scanSegment(cut, 's', 7, false)).toThrow(JournalCorruptError);
    }
  });

  it('every single bit flip is caught: an error before the last block, the last block cut off in it', () => {
    let errors = 0;
    let cut = 0;
    const lastStart = starts[starts.length - 1]!;
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = bytes.slice();
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      const byte = bit >> 3;
      if (byte < lastStart) {
        const code = codeOf(() => scanSegment(flipped, 's', 7, true));
        expect(code === 'JOURNAL_CORRUPT' || code === 'SNAPSHOT_VERSION', `bit ${bit}: ${code}`).toBe(true);
        errors++;
      } else {
        const scan = scanSegment(flipped, 's', 7, true);
        expect(scan.validEnd).toBe(lastStart);
        expect(scan.blocks.length).toBe(2 * (starts.length - 1));
        cut++;
      }
    }
    expect(errors + cut).toBe(bytes.length * 8);
    expect(cut).toBeGreaterThan(0);
  });

  it('a block copied to another offset does not validate there', () => {
    const { bytes: other } = segment(1);
    const moved = new Uint8Array(bytes.length + 16);
    moved.set(bytes.subarray(0, SEGMENT_HEADER_BYTES));
    moved.set(other.subarray(SEGMENT_HEADER_BYTES), SEGMENT_HEADER_BYTES + 16); // at the wrong offset
    expect(scanSegment(moved, 's', 7, true).blocks.length).toBe(0);
  });
});

describe('failures', () => {
  it('a failing write makes the call and every later one throw JOURNAL_FAILED (sync always)', () => {
    const writer = new JournalWriter(openSync('/dev/full', 'w'), 32, { sync: 'always', batchMs: 2, batchBytes: 4096 });
    expect(codeOf(() => writer.append('addMember', ['a'], Number.NaN))).toBe('JOURNAL_FAILED');
    expect(codeOf(() => writer.append('addMember', ['b'], Number.NaN))).toBe('JOURNAL_FAILED');
    expect(writer.failure?.code).toBe('JOURNAL_FAILED');
  });

  it('a failing write rejects flush and fails every later call (sync batch)', async () => {
    const writer = new JournalWriter(openSync('/dev/full', 'w'), 32, { sync: 'batch', batchMs: 2, batchBytes: 4096 });
    writer.append('addMember', ['a'], Number.NaN); // buffered: not acknowledged
    await expect(writer.flush()).rejects.toMatchObject({ code: 'JOURNAL_FAILED' });
    expect(codeOf(() => writer.append('addMember', ['b'], Number.NaN))).toBe('JOURNAL_FAILED');
    await expect(writer.flush()).rejects.toMatchObject({ code: 'JOURNAL_FAILED' });
  });

  it('a value no snapshot or journal could store is refused at the call: nothing changes, the graph goes on', async () => {
    const dir = freshDir();
    const durable = open(dir);
    durable.graph.addMember('a');
    await durable.flush();
    // setProfile accepts only what round-trips (issue 15): a BigInt never reaches the journal.
    expect(codeOf(() => durable.graph.setProfile('a', { big: 1n } as never))).toBe('INVALID_OPTION');
    durable.graph.addMember('b');
    await durable.flush();
    await durable.close();
    const again = open(dir);
    expect(again.graph.members()).toEqual(['a', 'b']);
    expect(again.graph.profile('a')).toBeUndefined();
    await again.close();
  });

  it('a closed durable graph refuses changes', async () => {
    const durable = open(freshDir());
    await durable.close();
    expect(codeOf(() => durable.graph.addMember('a'))).toBe('JOURNAL_FAILED');
  });
});

describe('directories', () => {
  it('a second open gets JOURNAL_LOCKED (this process, or a live other one); a stale lock is taken over', async () => {
    const dir = freshDir();
    const durable = open(dir);
    expect(codeOf(() => open(dir))).toBe('JOURNAL_LOCKED');
    await durable.close();
    writeFileSync(join(dir, 'LOCK'), `${process.ppid}\n`); // a live process
    expect(codeOf(() => open(dir))).toBe('JOURNAL_LOCKED');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, 'LOCK'), `${dead}\n`);
    const reopened = open(dir);
    await reopened.close();
  });

  it('a torn tail is cut and reported; damage before it is JOURNAL_CORRUPT naming segment and offset', async () => {
    const dir = freshDir();
    const durable = open(dir, { sync: 'always' });
    for (let i = 0; i < 20; i++) durable.graph.addMember(`m${i}`);
    await durable.close();
    const segmentFile = readdirSync(dir).find((f) => f.startsWith('journal-') && readFileSync(join(dir, f)).length > SEGMENT_HEADER_BYTES)!;
    const path = join(dir, segmentFile);
    const whole = readFileSync(path);
    truncateSync(path, whole.length - 2);
    const torn = open(dir);
    expect(torn.recovery.bytesDropped).toBeGreaterThan(0);
    expect(torn.recovery.recordsReplayed).toBe(19);
    expect(torn.graph.memberCount).toBe(19);
    await torn.close();
    // Damage the 3rd block of the segment (now followed by valid blocks).
    const damaged = readFileSync(path);
    damaged[SEGMENT_HEADER_BYTES + 2 * (BLOCK_HEADER_BYTES + 5) + BLOCK_HEADER_BYTES + 1]! ^= 0x10;
    writeFileSync(path, damaged);
    let error: unknown;
    try {
      open(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as JournalCorruptError).segment).toBe(segmentFile);
    expect((error as JournalCorruptError).offset).toBeGreaterThanOrEqual(SEGMENT_HEADER_BYTES);
  });

  it('opening and closing without changes leaves no new segment behind; the next change goes on in it', async () => {
    const dir = freshDir();
    let durable = open(dir);
    durable.graph.addMember('a');
    await durable.close();
    const segments = (): string[] => readdirSync(dir).filter((f) => f.startsWith('journal-')).sort();
    for (let i = 0; i < 3; i++) await open(dir).close();
    expect(segments()).toHaveLength(2);
    durable = open(dir);
    durable.graph.addMember('b');
    await durable.close();
    expect(segments()).toHaveLength(2);
    const reopened = open(dir);
    expect(reopened.graph.members()).toEqual(['a', 'b']);
    expect(reopened.recovery.recordsReplayed).toBe(2);
    await reopened.close();
  });

  it('a missing segment is JOURNAL_CORRUPT, never a shorter history', async () => {
    const dir = freshDir();
    let durable = open(dir);
    durable.graph.addMember('a');
    await durable.close();
    durable = open(dir);
    durable.graph.addMember('b');
    await durable.close();
    const segments = readdirSync(dir).filter((f) => f.startsWith('journal-')).sort();
    rmSync(join(dir, segments[0]!));
    expect(codeOf(() => open(dir))).toBe('JOURNAL_CORRUPT');
  });

  it('a custom policy is journaled by name and resolved from options.policy on reopen', async () => {
    const custom = definePolicy('mine', DEFAULT_POLICY, { message: degreeRule({ upTo: 1 }) });
    const dir = freshDir();
    const durable = open(dir);
    durable.graph.setPolicy(custom);
    await durable.close();
    expect(codeOf(() => open(dir))).toBe('INVALID_OPTION');
    const again = open(dir, { policy: custom });
    expect(again.graph.policy().name).toBe('mine');
    await again.checkpoint();
    await again.close();
    const third = open(dir, { policy: custom });
    expect(third.graph.policy().name).toBe('mine');
    await third.close();
  });

  it('stats count records and bytes since the checkpoint; checkpoint deletes what it covers', async () => {
    const dir = freshDir();
    const durable = open(dir, { sync: 'batch' });
    for (let i = 0; i < 100; i++) durable.graph.addMember(`u${i}`);
    for (let i = 1; i < 100; i++) durable.graph.connect('u0', `u${i}`);
    await durable.flush();
    const stats = durable.stats();
    expect(stats.recordsSinceCheckpoint).toBe(199);
    expect(stats.pendingBytes).toBe(0);
    expect(stats.unsyncedBytes).toBe(0);
    expect(stats.lastSync).not.toBeNull();
    await durable.checkpoint();
    expect(durable.stats().recordsSinceCheckpoint).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['LOCK', 'journal-00000001.log', 'snapshot-00000001.sg']);
    await durable.close();
    const fd = openSync(join(dir, 'LOCK'), 'a'); // close released the lock: the file is gone, so this creates it
    closeSync(fd);
    rmSync(join(dir, 'LOCK'));
    const again = open(dir);
    expect(again.recovery.snapshot).toBe(1);
    expect(again.graph.connectionCount).toBe(99);
    await again.close();
  });
});

describe('the bulk prefix (a journal that starts from an empty graph)', () => {
  // Ids of every shape the prefix reads differently: short (a key of its own), exactly 8 bytes,
  // long (compared in the segment), non-ASCII (UTF-8 or UTF-16 in the record), and near twins.
  const idArb = fc.oneof(
    fc.constantFrom('a', 'b', 'u1', 'u10', 'abcdefgh', 'abcdefgi', 'urn:li:member:123456789', 'urn:li:member:123456780', 'é', '😀x', '__proto__', '\u0000'),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.integer({ min: 0, max: 300 }).map((i) => `urn:li:member:${i}`),
  );
  type Call = readonly ['addMember' | 'mergeMember', string] | readonly ['connect', string, string] | readonly ['block' | 'setProfile', string];
  /** A pool of ids, most added up front, then calls on them (and on a few ids never added). */
  const callsArb: fc.Arbitrary<Call[]> = fc
    .uniqueArray(idArb, { minLength: 6, maxLength: 40, size: 'max' })
    .chain((pool) => {
      const id = fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 19 }, { arbitrary: idArb, weight: 1 });
      const call: fc.Arbitrary<Call> = fc.oneof(
        { arbitrary: id.map((x) => ['addMember', x] as const), weight: 2 },
        { arbitrary: id.map((x) => ['mergeMember', x] as const), weight: 1 },
        { arbitrary: fc.tuple(id, id).map(([x, y]) => ['connect', x, y] as const), weight: 16 },
        { arbitrary: id.map((x) => ['block', x] as const), weight: 1 },
        { arbitrary: id.map((x) => ['setProfile', x] as const), weight: 1 },
      );
      return fc.tuple(fc.shuffledSubarray(pool), fc.array(call, { maxLength: 200, size: 'max' })).map(([first, rest]): Call[] => [
        ...first.map((x) => ['addMember', x] as const),
        ...rest,
      ]);
    });

  /** Applies a call to a graph, as the journal sees it: calls that throw are not logged. */
  function apply(graph: SocialGraph, call: Call): void {
    try {
      if (call[0] === 'connect') graph.connect(call[1], call[2]);
      else if (call[0] === 'block') graph.block(call[1], 'a');
      else if (call[0] === 'setProfile') graph.setProfile(call[1], { name: call[1] });
      else graph[call[0]](call[1]);
    } catch (error) {
      if (!(error instanceof SocialGraphError)) throw error;
    }
  }

  it('reopens to the graph call-by-call replay gives, byte for byte, whatever record ends the run (fast-check)', async () => {
    let runs = 0;
    const cov = new Coverage('bulk prefix');
    await fc.assert(
      fc.asyncProperty(callsArb, async (calls) => {
        const dir = freshDir();
        const durable = open(dir, { sync: 'none' });
        const model = new SocialGraph();
        for (const call of calls) {
          apply(durable.graph, call);
          apply(model, call);
        }
        await durable.close();
        const reopened = open(dir);
        expect(Buffer.from(reopened.graph.toBytes()).equals(Buffer.from(model.toBytes()))).toBe(true);
        await reopened.close();
        rmSync(dir, { recursive: true, force: true });
        runs++;
        cov.hit({ '>= 20 connections': model.connectionCount >= 20, 'a record that ends the run': calls.some((c) => c[0] === 'block' || c[0] === 'setProfile') });
      }),
      fcParams(120),
    );
    expect(runs).toBe(120);
    cov.expect({ '>= 20 connections': 0.15, 'a record that ends the run': 0.3 });
  });

  it('runs longer than one parsed chunk (4,096 records), ended at a chunk edge or inside one, reopen the same', async () => {
    for (const stopAt of [4096, 4097, 8191, 9000, 30_000]) {
      const dir = freshDir();
      const durable = open(dir, { sync: 'none' });
      const model = new SocialGraph();
      let records = 0;
      const call = (f: (g: SocialGraph) => unknown): void => {
        f(durable.graph);
        f(model);
        records++;
        if (records === stopAt) {
          durable.graph.block('m0', 'urn:li:member:100000001');
          model.block('m0', 'urn:li:member:100000001');
        }
      };
      for (let i = 0; i < 3000; i++) call((g) => g.addMember(i % 2 === 0 ? `m${i}` : `urn:li:member:${100_000_000 + i}`));
      const id = (i: number): string => (i % 2 === 0 ? `m${i}` : `urn:li:member:${100_000_000 + i}`);
      for (let i = 0; i < 3000 && records < 20_000; i++) for (let k = 1; k <= 5; k++) call((g) => g.connect(id(i), id((i * 7 + k * 13) % 3000)) || true);
      await durable.close();
      const reopened = open(dir);
      expect(Buffer.from(reopened.graph.toBytes()).equals(Buffer.from(model.toBytes())), `stop at ${stopAt}`).toBe(true);
      expect(reopened.recovery.recordsReplayed).toBe(records + (stopAt <= records ? 1 : 0));
      await reopened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after a non-empty checkpoint, runs of connects replay in batches to the bytes call-by-call replay gives; a damaged one names its record', async () => {
    for (const [runLength, repeats] of [[63, false], [64, true], [5000, true], [300_000, false]] as const) {
      const dir = freshDir();
      const durable = open(dir, { sync: 'none' });
      const model = new SocialGraph();
      // Short, long, non-ASCII and lone-surrogate ids (the last are journaled in UTF-16, which
      // the byte table does not read: the run stops there and the calls go on one by one).
      const id = (i: number): string => (i % 997 === 5 ? `\uD800${i}` : i % 7 === 0 ? `ü${i}` : i % 2 === 0 ? `m${i}` : `urn:li:member:${100_000_000 + i}`);
      const both = (f: (g: SocialGraph) => unknown): void => {
        f(durable.graph);
        f(model);
      };
      for (let i = 0; i < 2000; i++) both((g) => g.addMember(id(i)));
      for (let i = 1; i < 2000; i++) both((g) => g.connect(id(i), id(i >> 1)));
      both((g) => g.invite(id(3), id(4)));
      await durable.checkpoint();
      // A run of connects (some already connected, some repeated, one accepting the invitation),
      // then another record, then a second run.
      let x = 12345;
      for (let r = 0; r < runLength; r++) {
        x = (x * 1103515245 + 12345) >>> 0;
        const a = x % 2000;
        const b = (a + 1 + ((x >>> 11) % 1999)) % 2000;
        both((g) => g.connect(id(a), id(b)));
        if (repeats && r % 10 === 0) both((g) => g.connect(id(b), id(a)));
        if (r === runLength >> 1) both((g) => g.connect(id(4), id(3)));
      }
      both((g) => g.block(id(0), id(1)));
      for (let r = 0; r < 100; r++) both((g) => g.connect(id(r), id(1999 - r)));
      await durable.close();
      // The long run's segment is read through the seeded byte table (1 MiB and more).
      if (runLength === 300_000) expect(Math.max(...readdirSync(dir).filter((f) => f.startsWith('journal-')).map((f) => readFileSync(join(dir, f)).length))).toBeGreaterThan(2 ** 20);
      const reopened = open(dir);
      expect(Buffer.from(reopened.graph.toBytes()).equals(Buffer.from(model.toBytes())), `run of ${runLength}`).toBe(true);
      await reopened.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // A connect in the middle of a long run that names a member no record added.
    const dir = freshDir();
    const durable = open(dir, { sync: 'always' });
    for (let i = 0; i < 100; i++) durable.graph.addMember(`u${i}`);
    await durable.checkpoint();
    for (let r = 0; r < 500; r++) durable.graph.connect(`u${r % 100}`, `u${(r * 7 + 1) % 100}`);
    durable.graph.addMember('late');
    for (let r = 0; r < 500; r++) durable.graph.connect(`u${r % 100}`, r === 250 ? 'late' : `u${(r * 3 + 1) % 100}`);
    await durable.close();
    const file = readdirSync(dir).filter((f) => f.startsWith('journal-')).sort().at(-1)!;
    const seq = Number(/\d+/.exec(file)![0]);
    const scan = scanSegment(readFileSync(join(dir, file)), file, seq, true);
    const payload = Buffer.concat(Array.from({ length: scan.blocks.length / 2 }, (_, k) => readFileSync(join(dir, file)).subarray(scan.blocks[2 * k]!, scan.blocks[2 * k + 1]!)));
    const records = decodeAll(payload).filter((r) => !(r.name === 'addMember' && r.args[0] === 'late'));
    writeSegment(join(dir, file), readFileSync(join(dir, file)).subarray(0, SEGMENT_HEADER_BYTES), encodeAll(records));
    let error: unknown;
    try {
      open(dir);
    } catch (e) {
      error = e;
    }
    expect((error as SocialGraphError).code).toBe('JOURNAL_CORRUPT');
    expect((error as Error).message).toContain('late');
    // The offset is the bad record's: decoding up to it yields the 750 records before it.
    const offset = (error as { offset: number }).offset;
    const bytes = readFileSync(join(dir, file));
    let before = 0;
    new RecordDecoder(new SocialGraph(), {}).apply(bytes, 32 + 12, offset, () => before++);
    expect(before).toBe(750);
  });

  it('a connect naming a member no record added is JOURNAL_CORRUPT, as call by call', async () => {
    for (const ids of [['a', 'b'], ['urn:li:member:1', 'urn:li:member:2']] as const) {
      const dir = freshDir();
      const durable = open(dir, { sync: 'always' });
      durable.graph.addMember(ids[0]);
      durable.graph.addMember(ids[1]);
      durable.graph.connect(ids[0], ids[1]);
      await durable.close();
      // Rewrite the segment without the second addMember: the connect now names an unknown member.
      const file = readdirSync(dir).find((f) => f.startsWith('journal-') && readFileSync(join(dir, f)).length > SEGMENT_HEADER_BYTES)!;
      const records = decodeAll(blocksOf(readFileSync(join(dir, file)))).filter((_, i) => i !== 1);
      writeSegment(join(dir, file), readFileSync(join(dir, file)).subarray(0, SEGMENT_HEADER_BYTES), encodeAll(records));
      expect(codeOf(() => open(dir))).toBe('JOURNAL_CORRUPT');
    }
  });
});

/** The payloads of a segment's blocks, concatenated. */
function blocksOf(segment: Uint8Array): Uint8Array {
  const scan = scanSegment(segment, 'segment', 0, true);
  const parts: number[] = [];
  for (let b = 0; b < scan.blocks.length; b += 2) for (let i = scan.blocks[b]!; i < scan.blocks[b + 1]!; i++) parts.push(segment[i]!);
  return Uint8Array.from(parts);
}

/** Writes a segment: its header, then one block holding `payload` with a valid checksum. */
function writeSegment(path: string, header: Uint8Array, payload: Uint8Array): void {
  const out = new Uint8Array(header.length + BLOCK_HEADER_BYTES + payload.length);
  out.set(header);
  out.set(payload, header.length + BLOCK_HEADER_BYTES);
  sealBlock(out, header.length, payload.length, header.length);
  writeFileSync(path, out);
}
