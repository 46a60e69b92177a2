/**
 * The policy presets written out plainly from the preset tables of docs/policy.md (and the README), independent of src/policy: the
 * expected decision from the facts of a pair (exact degree, groups, settings, quota).
 */
import type { Decision, PolicyAction, PrivacySettings } from '../../src/index.js';

export type Preset = 'default' | 'strict';

export const ACTIONS: PolicyAction[] = [
  'viewProfile',
  'viewConnections',
  'viewMutualConnections',
  'viewContactInfo',
  'message',
  'invite',
  'requestIntroduction',
];

/** How far each rule looks (the degree reported is null beyond it). */
export const HORIZON: Record<Preset, Record<PolicyAction, number>> = {
  default: { viewProfile: 3, viewConnections: 1, viewMutualConnections: 2, viewContactInfo: 1, message: 2, invite: 3, requestIntroduction: 3 },
  strict: { viewProfile: 3, viewConnections: 1, viewMutualConnections: 2, viewContactInfo: 1, message: 1, invite: 3, requestIntroduction: 2 },
};

export interface SpecFacts {
  /** Exact degree in the viewer's world (no cap), null when not connected. */
  degree: number | null;
  blocked: boolean;
  sharedGroup: boolean;
  target: PrivacySettings;
  pending: boolean;
  quotaExceeded: boolean;
}

export function specDecision(preset: Preset, action: PolicyAction, f: SpecFacts): Decision {
  const profile = action === 'viewProfile';
  if (f.blocked) return profile ? { allowed: false, reason: 'blocked', degree: null, level: 'none' } : { allowed: false, reason: 'blocked', degree: null };
  if (f.degree === 0) {
    if (action === 'invite' || action === 'message') return { allowed: false, reason: 'self', degree: 0 };
    return profile ? { allowed: true, reason: 'self', degree: 0, level: 'full' } : { allowed: true, reason: 'self', degree: 0 };
  }
  const horizon = HORIZON[preset][action];
  const d = f.degree !== null && f.degree <= horizon ? f.degree : null;
  const strict = preset === 'strict';
  const t = f.target;
  let allowed = false;
  let reason: Decision['reason'];
  let level: 'full' | 'limited' | 'none' = 'none';
  switch (action) {
    case 'viewProfile':
      if (d === 1) [allowed, reason, level] = [true, 'connected', 'full'];
      else if (d === 2) [allowed, reason, level] = [true, 'second-degree', strict ? 'limited' : 'full'];
      else if (d === 3) [allowed, reason, level] = [true, 'third-degree', 'limited'];
      else if (f.sharedGroup) [allowed, reason, level] = [true, 'shared-group', 'limited'];
      else if (t.profileVisibility === 'public') [allowed, reason, level] = [true, 'public-profile', 'limited'];
      else reason = 'out-of-network';
      break;
    case 'viewConnections':
      if (t.connectionsVisibility === 'private') reason = 'private';
      else if (d === 1) [allowed, reason] = [true, 'connected'];
      else reason = 'too-far';
      break;
    case 'viewMutualConnections':
      if (d === 1) [allowed, reason] = [true, 'connected'];
      else if (d === 2) [allowed, reason] = [true, 'second-degree'];
      else reason = 'too-far';
      break;
    case 'viewContactInfo':
      if (d === 1) [allowed, reason] = [true, 'connected'];
      else reason = 'too-far';
      break;
    case 'message':
      if (d === 1) [allowed, reason] = [true, 'connected'];
      else if (d === 2 && !strict) [allowed, reason] = [true, 'second-degree'];
      else if (f.sharedGroup) [allowed, reason] = [true, 'shared-group'];
      else if (t.openProfile) [allowed, reason] = [true, 'open-profile'];
      else reason = 'too-far';
      break;
    case 'invite':
      if (d === 1) reason = 'connected';
      else if (f.pending) reason = 'invitation-pending';
      else if (d === 2) [allowed, reason] = [true, 'second-degree'];
      else if (d === 3) [allowed, reason] = [true, 'third-degree'];
      else if (t.invitations === 'anyone') [allowed, reason] = [true, 'out-of-network'];
      else reason = 'out-of-network';
      break;
    case 'requestIntroduction':
      if (d === 1) reason = 'connected';
      else if (d === 2) [allowed, reason] = [true, 'second-degree'];
      else if (d === 3 && !strict) [allowed, reason] = [true, 'third-degree'];
      else reason = strict ? 'too-far' : 'out-of-network';
      break;
  }
  if (allowed && f.quotaExceeded) [allowed, reason] = [false, 'quota-exceeded'];
  if (profile) return { allowed, reason: reason!, degree: d, level: allowed ? level : 'none' };
  return { allowed, reason: reason!, degree: d };
}
