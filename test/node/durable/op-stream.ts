/**
 * A seeded stream of mutating calls over a small set of odd ids (every operation of
 * OPERATION_NAMES, failing calls included), shared by the model test, the crash test's child and
 * parent, and the crash bench. Each op carries the clock value the graph sees during it.
 */
import { SocialGraph, SocialGraphError } from '../../../src/index.js';

export interface Op {
  readonly name: string;
  readonly args: unknown[];
  /** The clock during the call. */
  readonly now: number;
  /** Checkpoint before this op (the model test and the crash child use it). */
  readonly checkpoint: boolean;
}

export interface StreamOptions {
  /** Include removeMember, setQuota and attempt (whose effects a snapshot reload changes). */
  readonly reloadSensitive: boolean;
  /** Ids to draw from. */
  readonly ids?: readonly string[];
  /** One op in `checkpointEvery` (on average) is preceded by a checkpoint (0: never). */
  readonly checkpointEvery?: number;
}

/** mulberry32: a tiny seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ODD_IDS: readonly string[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'é', '日本', '😀', '\uD800', 'x\uDC00', '__proto__', '\u0000', 'a b', 'x'.repeat(200), 'u1', 'u2', 'u3'];

/** The first `count` ops of stream `seed`. */
export function opStream(seed: number, count: number, options: StreamOptions): Op[] {
  const random = prng(seed);
  const ids = options.ids ?? ODD_IDS;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const common = ids.slice(0, 6);
  const id = () => (random() < 0.75 ? pick(common) : pick(ids));
  const list = () => pick(['work', 'close', '__proto__']);
  let invites = 0;
  const inv = () => `inv-${Math.floor(random() * (invites / 8 + 2))}`;
  let now = 1_700_000_000_000;
  const ops: Op[] = [];
  const every = options.checkpointEvery ?? 0;
  for (let i = 0; i < count; i++) {
    now += Math.floor(random() * 5000);
    const r = random();
    let name: string;
    let args: unknown[];
    if (r < 0.12) [name, args] = ['addMember', [id()]];
    else if (r < 0.2) [name, args] = ['mergeMember', [id()]];
    else if (r < 0.25) {
      const pairs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => [id(), id()]);
      [name, args] = random() < 0.3 ? ['connectAll', [pairs, { at: now - Math.floor(random() * 1e9) }]] : ['connectAll', [pairs]];
    } else if (r < 0.42) [name, args] = random() < 0.3 ? ['connect', [id(), id(), { at: now - Math.floor(random() * 1e9) }]] : ['connect', [id(), id()]];
    else if (r < 0.48) [name, args] = ['disconnect', [id(), id()]];
    else if (r < 0.51) [name, args] = [random() < 0.6 ? 'block' : 'unblock', [id(), id()]];
    else if (r < 0.54) [name, args] = ['setPrivacy', [id(), pick([{ openProfile: true }, { connectionsVisibility: 'private' }, { invitations: 'anyone', profileVisibility: 'public' }, { bogus: 1 }])]];
    else if (r < 0.57) [name, args] = [random() < 0.6 ? 'joinGroup' : 'leaveGroup', [id(), pick(['ts', 'rust', 'ü'])]];
    else if (r < 0.58) [name, args] = ['setPolicy', [pick(['default', 'strict'])]];
    else if (r < 0.66 && ++invites > 0) [name, args] = ['invite', random() < 0.5 ? [id(), id()] : [id(), id(), { note: pick(['hi', 'Ça va ?', '😀'.repeat(3)]) }]];
    else if (r < 0.71) [name, args] = [pick(['accept', 'accept', 'ignore', 'withdraw']), [inv()]];
    else if (r < 0.72) [name, args] = ['setInvitationSettings', random() < 0.2 ? [] : [{ reinviteCooldownMs: Math.floor(random() * 1e6) }]];
    else if (r < 0.73) [name, args] = ['dismissSuggestion', [id(), id()]];
    else if (r < 0.77) [name, args] = ['setProfile', [id(), pick([{ name: 'Ada', tags: ['x', 1.5, null], nested: { deep: [true] } }, { name: '日本', n: -0 }, {}, 'not an object'])]];
    else if (r < 0.78) [name, args] = ['removeProfile', [id()]];
    else if (r < 0.82) [name, args] = [pick(['tag', 'untag']), [id(), id(), pick(['mentor', 'ü', '__proto__'])]];
    else if (r < 0.86) {
      const kind = pick(['createList', 'renameList', 'deleteList', 'addToList', 'removeFromList']);
      const viewer = pick(['a', 'b']);
      args = kind === 'createList' || kind === 'deleteList' ? [viewer, list()] : kind === 'renameList' ? [viewer, list(), list()] : [viewer, list(), id()];
      name = kind;
    } else if (r < 0.9) [name, args] = [pick(['favorite', 'unfavorite', 'hide', 'unhide']), [id(), id()]];
    else if (options.reloadSensitive && r < 0.93) [name, args] = ['removeMember', [id()]];
    else if (options.reloadSensitive && r < 0.95) [name, args] = ['setQuota', [pick(['invite', 'message']), random() < 0.2 ? null : { limit: 1 + Math.floor(random() * 3), windowMs: 60_000 }]];
    else if (options.reloadSensitive && r < 0.98) [name, args] = ['attempt', [id(), pick(['message', 'invite', 'viewProfile']), id()]];
    else [name, args] = ['connect', [id(), id()]];
    ops.push({ name, args, now, checkpoint: every > 0 && random() < 1 / every });
  }
  return ops;
}

/** A clock whose value the caller sets before each op. */
export class TestClock {
  now = 1_700_000_000_000;
  readonly read = (): number => this.now;
}

/** Applies one op (the clock set to its time): the outcome, for comparing two graphs. */
export function applyOp(graph: SocialGraph, clock: TestClock, op: Op): string {
  clock.now = op.now;
  try {
    const result = (graph as unknown as Record<string, (...args: unknown[]) => unknown>)[op.name]!(...op.args);
    return `ok ${JSON.stringify(result) ?? 'undefined'}`;
  } catch (error) {
    if (error instanceof SocialGraphError) return `error ${error.code}`;
    throw error;
  }
}

/**
 * `toBytes` after creating the lazily made feature state (a query such as `can` or `profile`, or
 * a call that fails, creates an empty policy or profiles section, which changes the bytes but not
 * the graph): two graphs with the same state give the same canonical bytes whatever queries and
 * failed calls each served. Works on a copy (a graph without members gets a probe member, removed
 * after).
 */
export function canonicalBytes(graph: SocialGraph): Buffer {
  const copy = SocialGraph.fromBytes(graph.toBytes(), { clock: () => 0 });
  const first = copy.members()[0];
  const probe = first ?? '\u0001probe';
  if (first === undefined) copy.addMember(probe);
  copy.can(probe, 'message', probe);
  copy.profile(probe);
  copy.sentInvitations(probe);
  if (first === undefined) copy.removeMember(probe);
  return Buffer.from(copy.toBytes());
}
