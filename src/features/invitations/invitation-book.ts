/**
 * The per-graph state of invitations and suggestions, keyed by dense member index: pending
 * invitations (indexed by sender and by recipient), re-invitation cooldowns after withdrawals,
 * dismissed suggestions, and every invitation's record. It also answers the network-growth
 * queries (introductions, people you may know) for the facade.
 *
 * @packageDocumentation
 */
import { CountingScratch } from '../../algorithms/counting-scratch.js';
import { introductions as introductionSearch } from '../../algorithms/introductions.js';
import { runSearch } from '../../algorithms/search.js';
import { EXCLUDED, suggestions as suggestionSearch } from '../../algorithms/suggestions.js';
import { describeValue, SocialGraphError } from '../../errors.js';
import type { ByteReader } from '../../encoding/byte-reader.js';
import type { ByteWriter } from '../../encoding/byte-writer.js';
import type { BoundSection } from '../../graph/snapshot-section.js';
import type { Labels } from '../labels/labels.js';
import { decide } from '../policy/decide.js';
import type { Permissions } from '../policy/permissions.js';
import type { Decision } from '../policy/policy.js';
import type { GraphCore } from '../../graph/graph-core.js';
import { spendInvitation } from '../policy/sliding-window-quota.js';
import { isWellFormedText } from '../../encoding/text.js';
import {
  DEFAULT_REINVITE_COOLDOWN_MS,
  MAX_NOTE_LENGTH,
  type Invitation,
  type InvitationSettings,
  type InvitationStatus,
  type InviteOptions,
} from './invitation.js';
import { InvitationDeniedError } from './invitation-denied-error.js';
import { PairTable } from './pair-table.js';

const ID_PREFIX = 'inv-';
/** Largest `limit` of suggestions and introductions. */
export const MAX_RESULT_LIMIT = 10_000;

/**
 * Options of {@link SocialGraph.suggestions}.
 * @public
 */
export interface SuggestionOptions {
  /** How many to return, an integer from 0 to 10,000. @defaultValue 10 */
  limit?: number;
  /** Ids never to suggest (an array or any iterable of ids; ids of non-members are ignored). */
  exclude?: Iterable<string>;
}

/**
 * One suggestion of {@link SocialGraph.suggestions}.
 * @public
 */
export interface Suggestion {
  readonly id: string;
  /** How many connections the two share (the ranking key). */
  readonly mutualCount: number;
  /** How many groups the two share (the tie-breaker). */
  readonly sharedGroupCount: number;
}

/**
 * Options of {@link SocialGraph.introductions}.
 * @public
 */
export interface IntroductionOptions {
  /** How many to return, an integer from 0 to 10,000. @defaultValue 10 */
  limit?: number;
}

/**
 * One way to be introduced ({@link SocialGraph.introductions}).
 * @public
 */
export interface Introduction {
  /** The intermediaries in order from `from` to `to`: `[x]` (2nd degree) or `[x, y]` (3rd degree). */
  readonly via: string[];
  /** Shortest `from → to` paths through each intermediary (`[1]` at 2nd degree). */
  readonly paths: number[];
  /** The rank score (see docs/invitations.md): higher is better. */
  readonly score: number;
}

/** One invitation's record (mutable: its status changes). */
class Record {
  status: InvitationStatus = 'pending';
  closedAt: number | null = null;
  readonly id: string;
  constructor(
    readonly seq: number,
    readonly from: number,
    readonly to: number,
    readonly fromId: string,
    readonly toId: string,
    readonly note: string | null,
    readonly sentAt: number,
  ) {
    this.id = `${ID_PREFIX}${seq}`;
  }

  copy(): Invitation {
    return { id: this.id, from: this.fromId, to: this.toId, note: this.note, sentAt: this.sentAt, status: this.status, closedAt: this.closedAt };
  }
}

/**
 * Invitations, cooldowns and dismissed suggestions of one graph, with the lifecycle rules.
 *
 * @remarks
 * Pending invitations live in a {@link PairTable} (sender → recipient → record), so the
 * "pending between these two?" test of the policy's `invite` rule is O(1), and a member's sent
 * and received lists cost O(p log p) for p pending. Closed invitations keep their record (for
 * {@link SocialGraph.invitation}) but nothing indexed by member, so a removed member's index can
 * be reused without leaking state to the next member: removal cancels its pending invitations
 * and drops its cooldowns and dismissals ({@link InvitationBook.forget}).
 * @example
 * ```ts
 * const book = new InvitationBook(core, permissions, labels);
 * book.pendingBetween(0, 1); // false
 * ```
 * @internal
 */
export class InvitationBook {
  readonly #internals: GraphCore;
  readonly #records: Map<number, Record> = new Map();
  readonly #pending: PairTable<Record> = new PairTable();
  readonly #cooldowns: PairTable<number> = new PairTable();
  readonly #dismissed: PairTable<true> = new PairTable();
  readonly #counting: CountingScratch = new CountingScratch();
  #nextSeq = 0;
  #cooldownMs = DEFAULT_REINVITE_COOLDOWN_MS;

  /** The snapshot section of this state. */
  readonly section: BoundSection;
  readonly #permissions: Permissions;
  readonly #labels: Labels;

  constructor(internals: GraphCore, permissions: Permissions, labels: Labels) {
    this.#internals = internals;
    this.#permissions = permissions;
    this.#labels = labels;
    this.section = {
      name: 'invitations',
      required: true,
      write: (out, context) => this.write(out, context.denseIndex),
      read: (input, context) => this.read(input, context.memberCount),
    };
    internals.observe({ memberRemoving: (v) => this.forget(v), connected: (a, b) => this.connected(a, b), ordered: () => this.#pending.size > 0 });
    permissions.observeBlocks((a, b) => this.blocked(a, b));
    permissions.state.pendingInvitation = (a, b) => this.pendingBetween(a, b);
  }

  // ------------------------------------------------------------------ state probes

  /** Whether an invitation is pending between `a` and `b` (either direction). O(1). */
  pendingBetween(a: number, b: number): boolean {
    return this.#pending.has(a, b) || this.#pending.has(b, a);
  }

  /** Number of pending invitations. O(1). */
  get pendingCount(): number {
    return this.#pending.size;
  }

  // ------------------------------------------------------------------ lifecycle

  /** {@link SocialGraph.invite}. */
  invite(method: string, from: string, to: string, options: InviteOptions | undefined): Invitation {
    const internals = this.#internals;
    const u = internals.index(method, from);
    const v = internals.index(method, to);
    checkOptions(method, options);
    const rawNote: unknown = options?.note;
    if (rawNote !== undefined && (typeof rawNote !== 'string' || rawNote.length > MAX_NOTE_LENGTH || !isWellFormedText(rawNote))) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: note must be a well-formed (no lone surrogate) string of at most ${MAX_NOTE_LENGTH} characters, got ${describeValue(rawNote)}${typeof rawNote === 'string' ? ` (${rawNote.length} characters)` : ''}`);
    }
    const note = rawNote === undefined || rawNote === '' ? null : rawNote;
    // They invited me first: accepting theirs is what I mean.
    const theirs = this.#pending.get(v, u);
    if (theirs !== undefined) return this.#acceptRecord(theirs);
    const now = internals.now();
    if (this.#pending.has(u, v)) {
      const decision: Decision = { allowed: false, reason: 'invitation-pending', degree: null };
      throw new InvitationDeniedError(decision, `${method}: ${describeValue(from)} already has an invitation pending to ${describeValue(to)}`);
    }
    const state = this.#permissions.state;
    const decision = decide(internals, state, 'invite', u, v, from, to, now);
    if (!decision.allowed) {
      throw new InvitationDeniedError(decision, `${method}: ${describeValue(from)} may not invite ${describeValue(to)} (${decision.reason})`);
    }
    const withdrawnAt = this.#cooldowns.get(u, v);
    if (withdrawnAt !== undefined) {
      if (now < withdrawnAt + this.#cooldownMs) {
        throw new SocialGraphError(
          'REINVITE_TOO_SOON',
          `${method}: ${describeValue(from)} withdrew an invitation to ${describeValue(to)} and may invite again from ${new Date(withdrawnAt + this.#cooldownMs).toISOString()}`,
        );
      }
      this.#cooldowns.delete(u, v);
    }
    spendInvitation(state.quotas.get('invite'), u, v, now);
    const record = new Record(this.#nextSeq++, u, v, from, to, note, now);
    this.#records.set(record.seq, record);
    this.#pending.set(u, v, record);
    this.#emit('invitationSent', record);
    return record.copy();
  }

  /** {@link SocialGraph.accept}. */
  accept(method: string, id: string): Invitation {
    return this.#acceptRecord(this.#open(method, id));
  }

  /** {@link SocialGraph.ignore}. */
  ignore(method: string, id: string): Invitation {
    const record = this.#open(method, id);
    this.#close(record, 'ignored');
    this.#emit('invitationIgnored', record);
    return record.copy();
  }

  /** {@link SocialGraph.withdraw}. */
  withdraw(method: string, id: string): Invitation {
    const record = this.#open(method, id);
    this.#close(record, 'withdrawn');
    this.#cooldowns.set(record.from, record.to, record.closedAt!);
    this.#emit('invitationWithdrawn', record);
    return record.copy();
  }

  /** {@link SocialGraph.invitation}. */
  get(method: string, id: string): Invitation | undefined {
    return this.#find(method, id)?.copy();
  }

  /** Pending invitations sent (`sent`) or received by a member, newest first. */
  list(method: string, member: string, sent: boolean): Invitation[] {
    const v = this.#internals.index(method, member);
    const out: Record[] = [];
    if (sent) this.#pending.forEachFrom(v, (r) => out.push(r));
    else this.#pending.forEachTo(v, (r) => out.push(r));
    out.sort((a, b) => b.sentAt - a.sentAt || b.seq - a.seq);
    return out.map((r) => r.copy());
  }

  /** {@link SocialGraph.setInvitationSettings}. */
  setSettings(method: string, settings: Partial<InvitationSettings>): InvitationSettings {
    if (settings === null || typeof settings !== 'object') {
      throw new SocialGraphError('INVALID_OPTION', `${method}: settings must be an object such as { reinviteCooldownMs }, got ${describeValue(settings)}`);
    }
    const ms: unknown = settings.reinviteCooldownMs;
    if (ms !== undefined && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)) {
      throw new SocialGraphError('INVALID_OPTION', `${method}: reinviteCooldownMs must be a finite number of milliseconds ≥ 0, got ${describeValue(ms)}`);
    }
    if (ms !== undefined) this.#cooldownMs = ms;
    return this.settings();
  }

  /** {@link SocialGraph.invitationSettings}. */
  settings(): InvitationSettings {
    return { reinviteCooldownMs: this.#cooldownMs };
  }

  /** {@link SocialGraph.dismissSuggestion}. */
  dismiss(method: string, member: string, other: string): boolean {
    const u = this.#internals.index(method, member);
    const v = this.#internals.index(method, other);
    if (u === v || this.#dismissed.has(u, v)) return false;
    this.#dismissed.set(u, v, true);
    return true;
  }

  // ------------------------------------------------------------------ queries

  /** {@link SocialGraph.suggestions}. */
  suggestions(method: string, member: string, options: SuggestionOptions | undefined): Suggestion[] {
    const internals = this.#internals;
    const v = internals.index(method, member);
    checkOptions(method, options);
    const limit = readLimit(method, options?.limit);
    const exclude = options?.exclude;
    const excluded: number[] = [];
    if (exclude !== undefined) {
      if (exclude === null || typeof (exclude as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof exclude === 'string') {
        throw new SocialGraphError('INVALID_OPTION', `${method}: exclude must be an array (or iterable) of member ids, got ${describeValue(exclude)}`);
      }
      for (const id of exclude as Iterable<unknown>) {
        if (typeof id !== 'string' || id.length === 0) {
          throw new SocialGraphError('INVALID_ID', `${method}: exclude holds an invalid id ${describeValue(id)} (ids are non-empty strings)`);
        }
        const x = internals.ids.indexOf(id);
        if (x >= 0) excluded.push(x);
      }
    }
    const store = internals.store;
    const scratch = this.#counting;
    scratch.ensure(store.indexBound);
    const marks = scratch.marks;
    const marked: number[] = [];
    const mark = (x: number): void => {
      if (marks[x] === 0) {
        marks[x] = EXCLUDED;
        marked.push(x);
      }
    };
    const state = this.#permissions.state;
    try {
      for (const x of excluded) mark(x);
      this.#pending.forEachFrom(v, (_, x) => mark(x));
      this.#pending.forEachTo(v, (_, x) => mark(x));
      this.#dismissed.forEachFrom(v, (_, x) => mark(x));
      state?.forEachBlockedWith(v, mark);
      this.#labels.forEachHidden(v, mark);
    } catch (error) {
      for (const x of marked) marks[x] = 0;
      throw error;
    }
    const ids = internals.ids;
    const ranked = runSearch(
      suggestionSearch(
        scratch,
        {
          member: v,
          limit,
          skipConnection: state !== undefined && state.hasBlocks(v) ? (x) => state.blockedPair(v, x) : null,
          secondary: state !== undefined && state.groupsOf(v).length > 0 ? (w) => (state.sharesGroup(v, w) ? state.sharedGroups(v, w).length : 0) : null,
          order: (a, b) => compareIds(ids.idOf(a), ids.idOf(b)),
        },
        marked,
      ),
      store,
    );
    return ranked.members.map((w, i) => ({ id: ids.idOf(w), mutualCount: ranked.mutualCounts[i]!, sharedGroupCount: ranked.secondary[i]! }));
  }

  /** {@link SocialGraph.introductions}. */
  introductions(method: string, from: string, to: string, options: IntroductionOptions | undefined): Introduction[] {
    const internals = this.#internals;
    const u = internals.index(method, from);
    const v = internals.index(method, to);
    checkOptions(method, options);
    const limit = readLimit(method, options?.limit);
    const state = this.#permissions.state;
    if (state !== undefined && state.blockedPair(u, v)) return [];
    const store = internals.store;
    const scratch = this.#counting;
    scratch.ensure(store.indexBound);
    const ids = internals.ids;
    const now = internals.now();
    const ranked = runSearch(
      introductionSearch(scratch, {
        from: u,
        to: v,
        limit,
        usable: state !== undefined && state.blockCount > 0 ? (x) => !state.blockedPair(x, u) && !state.blockedPair(x, v) : null,
        seesConnectionsOf: state === undefined ? null : (x) => decide(internals, state, 'viewConnections', u, x, from, ids.idOf(x), now).allowed,
        order: (a1, b1, a2, b2) => compareIds(ids.idOf(a1), ids.idOf(a2)) || (b1 < 0 ? 0 : compareIds(ids.idOf(b1), ids.idOf(b2))),
      }),
      store,
    );
    if (ranked.degree === 2 && state !== undefined && !decide(internals, state, 'viewMutualConnections', u, v, from, to, now).allowed) return [];
    const out: Introduction[] = [];
    for (let i = 0; i < ranked.first.length; i++) {
      const y = ranked.second[i]!;
      out.push(
        y < 0
          ? { via: [ids.idOf(ranked.first[i]!)], paths: [1], score: ranked.scores[i]! }
          : { via: [ids.idOf(ranked.first[i]!), ids.idOf(y)], paths: [ranked.pathsFirst[i]!, ranked.pathsSecond[i]!], score: ranked.scores[i]! },
      );
    }
    return out;
  }

  /**
   * What no sequence of calls can produce, checked after a snapshot was read (each section's own
   * checks cannot see the others): a pending invitation between a blocked pair (a block cancels
   * them, and the policy denies every invitation between a blocked pair). Returns the first problem found, or `null`. O(p).
   */
  invariantProblem(): string | null {
    const state = this.#permissions.state;
    let problem: string | null = null;
    this.#pending.forEach((a, b) => {
      if (problem !== null) return;
      if (state.blockedPair(a, b)) problem = `a pending invitation between the blocked members ${a} and ${b}`;
    });
    return problem;
  }

  // ------------------------------------------------------------------ hooks

  /** A connection was made: a pending invitation between the two is accepted. */
  connected(a: number, b: number): void {
    if (this.#pending.size === 0) return; // the common case: one check per connection
    const record = this.#pending.get(a, b) ?? this.#pending.get(b, a);
    if (record === undefined) return;
    this.#close(record, 'accepted');
    this.#emit('invitationAccepted', record);
  }

  /** `a` blocked `b`: pending invitations between them are cancelled. */
  blocked(a: number, b: number): void {
    for (const record of [this.#pending.get(a, b), this.#pending.get(b, a)]) {
      if (record === undefined) continue;
      this.#close(record, 'cancelled');
      this.#emit('invitationCancelled', record);
    }
  }

  /** Member index `v` is being removed: cancel its pending invitations, drop all its pair state. */
  forget(v: number): void {
    for (const record of this.#pending.forget(v)) {
      record.status = 'cancelled';
      record.closedAt = this.#internals.now();
      this.#emit('invitationCancelled', record);
    }
    this.#cooldowns.forget(v);
    this.#dismissed.forget(v);
  }

  // ------------------------------------------------------------------ snapshots

  /** Writes the state (the `invitations` snapshot section: the re-invitation cooldown setting, the invitation counter, pending invitations, cooldowns after withdrawals and dismissed suggestions; closed invitations are not kept); false when there is nothing to keep. */
  write(out: ByteWriter, denseIndex: Int32Array): boolean {
    if (this.#pending.size === 0 && this.#cooldowns.size === 0 && this.#dismissed.size === 0 && this.#nextSeq === 0 && this.#cooldownMs === DEFAULT_REINVITE_COOLDOWN_MS) {
      return false;
    }
    out.f64(this.#cooldownMs);
    out.f64(this.#nextSeq);
    // Entries sorted by (dense a, dense b): the bytes depend on the state only, not on the order
    // the pairs were made in (a reloaded graph writes the same bytes).
    const byPair = <T>(entries: [number, number, T][]): [number, number, T][] =>
      entries.map(([a, b, v]): [number, number, T] => [denseIndex[a]!, denseIndex[b]!, v]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const pending: [number, number, Record][] = [];
    this.#pending.forEach((a, b, r) => pending.push([a, b, r]));
    out.varint(pending.length);
    for (const [a, b, r] of byPair(pending)) {
      out.f64(r.seq);
      out.varint(a);
      out.varint(b);
      out.f64(r.sentAt);
      out.u8(r.note === null ? 0 : 1);
      if (r.note !== null) out.string(r.note);
    }
    const cooldowns: [number, number, number][] = [];
    this.#cooldowns.forEach((a, b, at) => cooldowns.push([a, b, at]));
    out.varint(cooldowns.length);
    for (const [a, b, at] of byPair(cooldowns)) {
      out.varint(a);
      out.varint(b);
      out.f64(at);
    }
    const dismissed: [number, number, null][] = [];
    this.#dismissed.forEach((a, b) => dismissed.push([a, b, null]));
    out.varint(dismissed.length);
    for (const [a, b] of byPair(dismissed)) {
      out.varint(a);
      out.varint(b);
    }
    return true;
  }

  /** Reads what {@link InvitationBook.write} wrote into this (empty) book, validating everything. */
  read(input: ByteReader, members: number): void {
    const ids = this.#internals.ids;
    const member = (): number => {
      const x = input.varint();
      if (x >= members) input.fail(`member ${x} out of range (${members} members)`);
      return x;
    };
    const pair = (): [number, number] => {
      const a = member();
      const b = member();
      if (a === b) input.fail(`a member paired with itself (${a})`);
      return [a, b];
    };
    const cooldown = input.f64();
    if (!Number.isFinite(cooldown) || cooldown < 0) input.fail(`bad reinvite cooldown ${cooldown}`);
    const nextSeq = input.f64();
    if (!Number.isSafeInteger(nextSeq) || nextSeq < 0) input.fail(`bad invitation counter ${nextSeq}`);
    this.#cooldownMs = cooldown;
    this.#nextSeq = nextSeq;
    for (let i = 0, n = input.varint(); i < n; i++) {
      const seq = input.f64();
      if (!Number.isSafeInteger(seq) || seq < 0 || seq >= nextSeq || this.#records.has(seq)) input.fail(`bad invitation number ${seq}`);
      const [a, b] = pair();
      if (this.pendingBetween(a, b)) input.fail(`two pending invitations between members ${a} and ${b}`);
      const sentAt = input.f64();
      if (!Number.isFinite(sentAt)) input.fail('bad invitation time');
      const hasNote = input.u8();
      if (hasNote > 1) input.fail('bad note flag');
      const note = hasNote === 1 ? input.string() : null;
      if (note !== null && (note.length === 0 || note.length > MAX_NOTE_LENGTH)) input.fail('bad note length');
      const record = new Record(seq, a, b, ids.idOf(a), ids.idOf(b), note, sentAt);
      this.#records.set(seq, record);
      this.#pending.set(a, b, record);
    }
    for (let i = 0, n = input.varint(); i < n; i++) {
      const [a, b] = pair();
      const at = input.f64();
      if (!Number.isFinite(at) || this.#cooldowns.has(a, b)) input.fail('bad cooldown');
      this.#cooldowns.set(a, b, at);
    }
    for (let i = 0, n = input.varint(); i < n; i++) {
      const [a, b] = pair();
      if (this.#dismissed.has(a, b)) input.fail('duplicate dismissed suggestion');
      this.#dismissed.set(a, b, true);
    }
  }

  // ------------------------------------------------------------------ internals

  #acceptRecord(record: Record): Invitation {
    // connect validates (the connection cap) before changing anything; this book's observer of
    // connections closes the record (see connected()).
    if (!this.#internals.connect('SocialGraph.connect', record.fromId, record.toId) && record.status === 'pending') {
      // Already connected (a policy that allows inviting a connection): close it here.
      this.connected(record.from, record.to);
    }
    return record.copy();
  }

  #find(method: string, id: string): Record | undefined {
    if (typeof id !== 'string' || id.length === 0) {
      throw new SocialGraphError('INVALID_ID', `${method}: invitation ids are non-empty strings, got ${describeValue(id)}`);
    }
    if (!id.startsWith(ID_PREFIX)) return undefined;
    const digits = id.slice(ID_PREFIX.length);
    if (!/^(0|[1-9][0-9]{0,15})$/.test(digits)) return undefined;
    return this.#records.get(Number(digits));
  }

  /** The pending record of `id`, or a thrown `INVITATION_NOT_FOUND` / `INVITATION_NOT_PENDING`. */
  #open(method: string, id: string): Record {
    const record = this.#find(method, id);
    if (record === undefined) throw new SocialGraphError('INVITATION_NOT_FOUND', `${method}: invitation ${describeValue(id)} not found`);
    if (record.status !== 'pending') {
      throw new SocialGraphError('INVITATION_NOT_PENDING', `${method}: invitation ${describeValue(id)} is ${record.status}, not pending`);
    }
    return record;
  }

  #close(record: Record, status: InvitationStatus): void {
    this.#pending.delete(record.from, record.to);
    record.status = status;
    record.closedAt = this.#internals.now();
  }

  #emit(type: 'invitationSent' | 'invitationAccepted' | 'invitationIgnored' | 'invitationWithdrawn' | 'invitationCancelled', record: Record): void {
    const events = this.#internals.events;
    if (events.has(type)) events.push({ type, id: record.id, from: record.fromId, to: record.toId });
  }
}

function checkOptions(method: string, options: unknown): void {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: options must be an object, got ${describeValue(options)}`);
  }
}

function readLimit(method: string, limit: unknown): number {
  if (limit === undefined) return 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > MAX_RESULT_LIMIT) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: limit must be an integer from 0 to ${MAX_RESULT_LIMIT}, got ${describeValue(limit)}`);
  }
  return limit;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

