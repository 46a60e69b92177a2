/**
 * The public shapes of invitations: what {@link SocialGraph.invite} returns, its options, and the
 * settings of the feature.
 *
 * @packageDocumentation
 */

/**
 * Where an invitation stands.
 *
 * - `pending`: sent, waiting for the recipient.
 * - `accepted`: the two members are connected (by {@link SocialGraph.accept}, by a crossing
 *   invitation, or by a direct {@link SocialGraph.connect} while it was pending).
 * - `ignored`: the recipient ignored it (the sender may invite again at once).
 * - `withdrawn`: the sender withdrew it (the sender may not invite the same member again for
 *   {@link InvitationSettings.reinviteCooldownMs}).
 * - `cancelled`: one of the two was removed, or one blocked the other, while it was pending.
 * @public
 */
export type InvitationStatus = 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'cancelled';

/**
 * An invitation to connect, as returned by {@link SocialGraph.invite} and the listing methods: a
 * copy taken when it was returned (it does not follow later changes).
 * @public
 */
export interface Invitation {
  /** Stable id, `inv-<n>`, unique within the graph. */
  readonly id: string;
  /** The member who sent it. */
  readonly from: string;
  /** The member invited. */
  readonly to: string;
  /** The sender's note (at most {@link MAX_NOTE_LENGTH} characters), `null` when none. */
  readonly note: string | null;
  /** When it was sent, by the graph's clock (ms). */
  readonly sentAt: number;
  readonly status: InvitationStatus;
  /** When it left `pending` (ms), `null` while pending. */
  readonly closedAt: number | null;
}

/**
 * Options of {@link SocialGraph.invite}.
 * @public
 */
export interface InviteOptions {
  /** A personal note, at most {@link MAX_NOTE_LENGTH} characters (UTF-16 code units). */
  note?: string;
}

/**
 * Settings of the invitations feature of one graph ({@link SocialGraph.invitationSettings}, {@link SocialGraph.setInvitationSettings}).
 * @public
 */
export interface InvitationSettings {
  /**
   * After withdrawing an invitation, how long the sender must wait before inviting the same
   * member again (ms, a finite number ≥ 0).
   * @defaultValue 3 weeks
   */
  readonly reinviteCooldownMs: number;
}

/** Longest accepted note, in UTF-16 code units (LinkedIn's limit). @public */
export const MAX_NOTE_LENGTH = 300;

/** Default re-invitation cooldown after a withdrawal: 3 weeks in ms. @public */
export const DEFAULT_REINVITE_COOLDOWN_MS = 21 * 24 * 3600 * 1000;
