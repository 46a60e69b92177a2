/**
 * Typed change events of a `SocialGraph`: what an application streams to a log or to another
 * store. They go out once the operation that caused them is complete and consistent; queuing one
 * costs one check when nobody listens (src/graph/event-queue.ts).
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../errors.js';
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
 * The event types, in the order of {@link SocialGraphEvents}.
 * @public
 */
export const EVENT_TYPES: readonly (keyof SocialGraphEvents)[] = Object.freeze(Object.keys(TYPES) as (keyof SocialGraphEvents)[]);
