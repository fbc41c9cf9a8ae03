// The subject routes that are not react-admin's list and show. Their answers (revealed values,
// counseling notes) are returned to the caller and never put into react-admin's store or cache.
import { http, request } from '../../providers/http';
import type {
  AccountAction,
  AccountActionRecord,
  IdentityCheck,
  IdentityCheckMethod,
  PhiReveal,
  PhiSelection,
  RevealableField,
  RevealedValues,
  SocialProvider,
  SubjectAccessEvent,
  SubjectStatus,
} from './types';

const base = (id: string) => `/subjects/${encodeURIComponent(id)}`;

/** The URL segment of each account action. */
const ACTION_PATHS: Record<AccountAction, string> = {
  reactivate: 'reactivate',
  unlock: 'unlock',
  unlink_social: 'unlink-social',
  withdraw: 'withdraw',
};

export const subjectApi = {
  reveal: async (id: string, input: { fields: RevealableField[]; purpose: string }): Promise<RevealedValues> =>
    (await http.post<{ values: RevealedValues }>(`${base(id)}/reveal`, input)).values,

  revealPhi: (
    id: string,
    input: PhiSelection & { purpose: string; caseId?: string; psychotherapyNotes?: boolean },
  ): Promise<PhiReveal> => http.post<PhiReveal>(`${base(id)}/phi/reveal`, input),

  recordIdentityCheck: (
    id: string,
    input: { method: IdentityCheckMethod; evidenceRef: string; note?: string },
  ): Promise<IdentityCheck> => http.post<IdentityCheck>(`${base(id)}/identity-checks`, input),

  accountAction: (
    id: string,
    action: AccountAction,
    input: { identityCheckId: string; reason: string; provider?: SocialProvider },
  ): Promise<{ action: AccountActionRecord; status: SubjectStatus }> =>
    http.post(`${base(id)}/actions/${ACTION_PATHS[action]}`, input),

  accessHistory: async (id: string, signal?: AbortSignal): Promise<SubjectAccessEvent[]> =>
    (
      await request<SubjectAccessEvent[]>(`${base(id)}/access-history`, {
        query: { limit: '50' },
        signal,
      })
    ).body ?? [],
};
