/**
 * Typed change events of a {@link SocialGraph}: what an application streams to a log or to
 * another store. Emitting costs one null check when nobody listens.
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from './errors.js';
import type { PrivacySettings } from './policy/privacy-settings.js';

/**
 * Every event type and its payload. Features add their own entries here.
 * @public
 */
export interface SocialGraphEvents {
  /** A member was added (`addMember`, `mergeMember`, bulk loads do not emit). */
  memberAdded: { type: 'memberAdded'; id: string };
  /** A member was removed, with all its connections (no `disconnected` is emitted for them). */
  memberRemoved: { type: 'memberRemoved'; id: string };
  /** Two members were connected. */
  connected: { type: 'connected'; a: string; b: string };
  /** A connection was removed. */
  disconnected: { type: 'disconnected'; a: string; b: string };
  /** `a` blocked `b` (their connection, if any, was removed first: a `disconnected` came before). */
  blocked: { type: 'blocked'; a: string; b: string };
  /** `a` lifted its block of `b`. */
  unblocked: { type: 'unblocked'; a: string; b: string };
  /** A member's privacy settings changed (the settings now in force). */
  privacyChanged: {
    type: 'privacyChanged';
    id: string;
    settings: PrivacySettings;
  };
  /** A member joined a group. */
  groupJoined: { type: 'groupJoined'; id: string; group: string };
  /** A member left a group (removing a member emits nothing for its groups). */
  groupLeft: { type: 'groupLeft'; id: string; group: string };
  /** An invitation was sent (`id` is the invitation's). */
  invitationSent: { type: 'invitationSent'; id: string; from: string; to: string };
  /** An invitation was accepted: the pair is now connected (`connected` is emitted too). */
  invitationAccepted: { type: 'invitationAccepted'; id: string; from: string; to: string };
  /** The recipient ignored an invitation. */
  invitationIgnored: { type: 'invitationIgnored'; id: string; from: string; to: string };
  /** The sender withdrew an invitation. */
  invitationWithdrawn: { type: 'invitationWithdrawn'; id: string; from: string; to: string };
  /** A pending invitation was cancelled because one of the two was removed or blocked the other. */
  invitationCancelled: { type: 'invitationCancelled'; id: string; from: string; to: string };
}

/** Every event type, as an object so that the compiler checks it against {@link SocialGraphEvents}. */
const TYPES: Record<keyof SocialGraphEvents, true> = {
  memberAdded: true,
  memberRemoved: true,
  connected: true,
  disconnected: true,
  blocked: true,
  unblocked: true,
  privacyChanged: true,
  groupJoined: true,
  groupLeft: true,
  invitationSent: true,
  invitationAccepted: true,
  invitationIgnored: true,
  invitationWithdrawn: true,
  invitationCancelled: true,
};

/**
 * Throws `INVALID_OPTION` naming `method` unless `type` is an event type: a typo such as
 * `'connnected'` would otherwise register a listener that never fires.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * checkEventType('SocialGraph.on', 'connected'); // passes
 * ```
 * @internal
 */
export function checkEventType(method: string, type: unknown): asserts type is keyof SocialGraphEvents {
  if (typeof type !== 'string' || !Object.hasOwn(TYPES, type)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: unknown event type ${describeValue(type)} (known: ${Object.keys(TYPES).join(', ')})`);
  }
}

/** Any event. @public */
export type SocialGraphEvent = SocialGraphEvents[keyof SocialGraphEvents];

/** A listener of events of type `K`. @public */
export type SocialGraphListener<K extends keyof SocialGraphEvents> = (event: SocialGraphEvents[K]) => void;

/**
 * A minimal typed emitter (no Node `events`: the core runs in browsers).
 *
 * @remarks `emit` is O(listeners of that type); `has` is O(1).
 * @example
 * ```ts
 * const emitter = new Emitter();
 * const stop = emitter.on('connected', (e) => console.log(e.a, e.b));
 * stop();
 * ```
 * @public
 */
export class Emitter {
  #listeners: Map<keyof SocialGraphEvents, Set<(event: never) => void>> | null = null;

  /** Whether anyone listens to `type`. O(1). */
  has(type: keyof SocialGraphEvents): boolean {
    return this.#listeners !== null && (this.#listeners.get(type)?.size ?? 0) > 0;
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof SocialGraphEvents>(type: K, listener: SocialGraphListener<K>): () => void {
    this.#listeners ??= new Map();
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    set.add(listener as (event: never) => void);
    return () => this.off(type, listener);
  }

  /** Removes a listener. Returns whether it was registered. */
  off<K extends keyof SocialGraphEvents>(type: K, listener: SocialGraphListener<K>): boolean {
    return this.#listeners?.get(type)?.delete(listener as (event: never) => void) ?? false;
  }

  /** Calls every listener of `event.type`, in registration order. */
  emit<K extends keyof SocialGraphEvents>(event: SocialGraphEvents[K]): void {
    const set = this.#listeners?.get(event.type as K);
    if (set === undefined) return;
    for (const listener of [...set]) (listener as SocialGraphListener<K>)(event);
  }
}
