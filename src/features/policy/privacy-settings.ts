/**
 * Per-member privacy settings: their documented values, defaults, validation and a one-byte
 * packed form (so that a million members cost a megabyte, and reading one costs an array load).
 *
 * @packageDocumentation
 */
import { describeValue, SocialGraphError } from '../../errors.js';

/**
 * Who may list a member's connections.
 * - `'connections'` (default): the member and their 1st-degree connections.
 * - `'private'`: only the member (mutual connections stay visible: see `viewMutualConnections`).
 * @public
 */
export type ConnectionsVisibility = 'connections' | 'private';

/**
 * Who may see a member's profile beyond what the degree allows.
 * - `'network'` (default): visibility follows the degree (and shared groups).
 * - `'public'`: out-of-network members also get a `limited` view.
 * @public
 */
export type ProfileVisibility = 'network' | 'public';

/**
 * Who may invite a member.
 * - `'network'` (default): members at degree 2 or 3.
 * - `'anyone'`: also members out of network (beyond degree 3, or not connected).
 * @public
 */
export type InvitationPreference = 'network' | 'anyone';

/**
 * Privacy settings of one member.
 * @public
 */
export interface PrivacySettings {
  /** @defaultValue `'connections'` */
  connectionsVisibility: ConnectionsVisibility;
  /** @defaultValue `'network'` */
  profileVisibility: ProfileVisibility;
  /** Whether anyone may message the member (LinkedIn's "Open Profile"). @defaultValue `false` */
  openProfile: boolean;
  /** @defaultValue `'network'` */
  invitations: InvitationPreference;
}

const CONNECTIONS: readonly ConnectionsVisibility[] = ['connections', 'private'];
const PROFILE: readonly ProfileVisibility[] = ['network', 'public'];
const INVITATIONS: readonly InvitationPreference[] = ['network', 'anyone'];

const CONNECTIONS_PRIVATE = 1;
const PROFILE_PUBLIC = 2;
const OPEN_PROFILE = 4;
const INVITE_ANYONE = 8;

/** Number of distinct packed settings. @internal */
export const PRIVACY_CODES = 16;

/** Frozen settings object of each packed code (so that reading settings allocates nothing). */
const BY_CODE: readonly Readonly<PrivacySettings>[] = Array.from({ length: PRIVACY_CODES }, (_, code) =>
  Object.freeze({
    connectionsVisibility: code & CONNECTIONS_PRIVATE ? 'private' : 'connections',
    profileVisibility: code & PROFILE_PUBLIC ? 'public' : 'network',
    openProfile: (code & OPEN_PROFILE) !== 0,
    invitations: code & INVITE_ANYONE ? 'anyone' : 'network',
  }),
);

/**
 * The settings every member starts with.
 *
 * @remarks O(1).
 * @example
 * ```ts
 * DEFAULT_PRIVACY.connectionsVisibility; // 'connections'
 * ```
 * @public
 */
export const DEFAULT_PRIVACY: Readonly<PrivacySettings> = BY_CODE[0]!;

/**
 * The frozen settings of a packed code. @internal
 *
 * @remarks O(1), no allocation.
 * @example
 * ```ts
 * privacyOfCode(0) === DEFAULT_PRIVACY; // true
 * ```
 */
export function privacyOfCode(code: number): Readonly<PrivacySettings> {
  return BY_CODE[code & (PRIVACY_CODES - 1)]!;
}

/**
 * Packs settings into their code. @internal
 *
 * @remarks O(1).
 * @example
 * ```ts
 * privacyCode(DEFAULT_PRIVACY); // 0
 * ```
 */
export function privacyCode(settings: Readonly<PrivacySettings>): number {
  return (
    (settings.connectionsVisibility === 'private' ? CONNECTIONS_PRIVATE : 0) |
    (settings.profileVisibility === 'public' ? PROFILE_PUBLIC : 0) |
    (settings.openProfile ? OPEN_PROFILE : 0) |
    (settings.invitations === 'anyone' ? INVITE_ANYONE : 0)
  );
}

/**
 * Validates a partial update of settings and merges it over `current`; throws `INVALID_OPTION`
 * naming `method` for an unknown key or a value outside the documented ones. @internal
 *
 * @remarks O(keys).
 * @example
 * ```ts
 * mergePrivacy('SocialGraph.setPrivacy', DEFAULT_PRIVACY, { openProfile: true }).openProfile; // true
 * ```
 */
export function mergePrivacy(method: string, current: Readonly<PrivacySettings>, update: unknown): PrivacySettings {
  if (update === null || typeof update !== 'object' || Array.isArray(update)) {
    throw new SocialGraphError('INVALID_OPTION', `${method}: settings must be an object, got ${describeValue(update)}`);
  }
  const next: PrivacySettings = { ...current };
  for (const key of Object.keys(update)) {
    const value: unknown = (update as Record<string, unknown>)[key];
    if (value === undefined) continue;
    switch (key) {
      case 'connectionsVisibility':
        next.connectionsVisibility = oneOf(method, key, value, CONNECTIONS);
        break;
      case 'profileVisibility':
        next.profileVisibility = oneOf(method, key, value, PROFILE);
        break;
      case 'invitations':
        next.invitations = oneOf(method, key, value, INVITATIONS);
        break;
      case 'openProfile':
        if (typeof value !== 'boolean') {
          throw new SocialGraphError('INVALID_OPTION', `${method}: openProfile must be a boolean, got ${describeValue(value)}`);
        }
        next.openProfile = value;
        break;
      default:
        throw new SocialGraphError(
          'INVALID_OPTION',
          `${method}: unknown privacy setting ${describeValue(key)} (known: connectionsVisibility, profileVisibility, openProfile, invitations)`,
        );
    }
  }
  return next;
}

function oneOf<T extends string>(method: string, key: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new SocialGraphError(
      'INVALID_OPTION',
      `${method}: ${key} must be one of ${allowed.map((v) => `'${v}'`).join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}
