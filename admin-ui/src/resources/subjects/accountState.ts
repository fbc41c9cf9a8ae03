// Which account actions the person's present state allows; no React, so tests load it alone.
import type { AccountAction, SubjectProfile } from './types';

export const activeLinks = (profile: Pick<SubjectProfile, 'socialLinks'>) =>
  profile.socialLinks.filter((link) => !link.unlinkedAt);

/** Why an action cannot be taken in the account's present state, or null when it can. */
export const blockedReason = (
  profile: Pick<SubjectProfile, 'keyShredded' | 'status' | 'socialLinks' | 'withdrawalRequestedAt'>,
  action: AccountAction,
): { key: string; args?: Record<string, unknown> } | null => {
  if (profile.keyShredded) return { key: 'tools.disabled.shredded' };
  if (profile.status === 'withdrawn') return { key: 'tools.disabled.withdrawn' };
  switch (action) {
    case 'reactivate':
      return profile.status === 'dormant' ? null : { key: 'tools.disabled.reactivate' };
    case 'unlock':
      return profile.status === 'locked' ? null : { key: 'tools.disabled.unlock' };
    case 'unlink_social':
      return activeLinks(profile).length > 0 ? null : { key: 'tools.disabled.unlink_social' };
    case 'withdraw':
      return profile.withdrawalRequestedAt
        ? { key: 'tools.disabled.withdraw_pending', args: { time: profile.withdrawalRequestedAt } }
        : null;
  }
};
