import type { Deadline } from '../../calendar/deadline';
import type {
  AccountActionKind,
  FindingKind,
  FindingStatus,
  IdentityCheckMethod,
  SubjectKind,
  SubjectService,
  SubjectStatus,
} from '../subjects.repository';

/** A person in a list: masked, with age instead of birth date. */
export interface SubjectSummary {
  id: string;
  service: SubjectService;
  kind: SubjectKind;
  status: SubjectStatus;
  name: string;
  email: string | null;
  phone: string | null;
  age: number | null;
  createdAt: Date;
  /** The year of createdAt in the organisation's time zone. */
  joinedYear: number;
  lastActiveAt: Date | null;
  /** Processing suspended by a restriction request (PIPA Art. 37, GDPR Art. 18), and since when. */
  restricted: false | { since: Date };
}

export interface StaffRef {
  id: string;
  name: string | null;
}

export interface IdentityCheckView {
  id: string;
  method: IdentityCheckMethod;
  evidenceRef: string;
  note: string | null;
  staff: StaffRef;
  checkedAt: Date;
  validUntil: Date;
  /** Whether the check is still recent enough for an account action, as of the response. */
  valid: boolean;
}

/**
 * Where support stands with this person: the identity check that still justifies an account action
 * (the latest valid one) and the minutes it has left, counted by the server's clock; null when
 * none is valid.
 */
export interface IdentityWindowView {
  checkId: string;
  method: IdentityCheckMethod;
  checkedAt: Date;
  validUntil: Date;
  minutesLeft: number;
}

export interface AccountActionView {
  id: string;
  action: AccountActionKind;
  status: 'done' | 'pending';
  reason: string;
  staff: StaffRef;
  identityCheckId: string;
  detail: Record<string, unknown>;
  createdAt: Date;
}

export interface FindingView {
  kind: FindingKind;
  subjectId: string;
  ref: string;
  since: Date;
}

/** A finding as work: who owns it, where it stands, and its deadline as of now. */
export interface FindingListItem extends FindingView {
  id: string;
  subjectName: string;
  service: SubjectService;
  status: FindingStatus;
  owner: { id: string; displayName: string } | null;
  /** 0 until someone first works on it; send it back with a change (409 when stale). */
  version: number;
  /** Null once the DPO accepted the risk. */
  deadline: Deadline | null;
  /** Marked resolved, yet the data still shows the problem. */
  stillPresent: boolean;
}

export interface FindingVersionView {
  version: number;
  status: FindingStatus;
  owner: { id: string; displayName: string } | null;
  note: string;
  changedBy: { id: string; displayName: string };
  changedAt: string;
}

type Rows = Record<string, unknown>[];

/** The profile: every tab's data, masked; PHI lists are null for roles that may not see PHI. */
export interface SubjectProfile extends SubjectSummary {
  /** Masked (`***`) until revealed with a purpose; null when there is none. */
  nickname: string | null;
  gender: string | null;
  residence: string | null;
  occupation: string | null;
  institution: string | null;
  /** Only for roles that may read PHI: whether a (sealed) counseling interest exists. */
  hasCounselingInterest?: boolean;
  locale: string;
  dormantAt: Date | null;
  lockedAt: Date | null;
  withdrawalRequestedAt: Date | null;
  withdrawnAt: Date | null;
  /** When the identity was erased (a tombstone remains); null otherwise. */
  erasedAt: Date | null;
  /** Marketing consent withdrawn: suppressed from marketing since then. */
  marketingSuppressed: false | { since: Date };
  keyShredded: boolean;
  guardian: { id: string; name: string; kind: SubjectKind } | null;
  children: {
    id: string;
    name: string;
    age: number | null;
    gender: string | null;
    under14: boolean;
    guardianConsent: boolean;
  }[];
  socialLinks: Rows;
  consents: Rows;
  bookings: Rows;
  records: Rows | null;
  sensitiveData: Rows | null;
  recordings: Rows;
  reviews: Rows;
  payments: Rows;
  financialProfile: Record<string, unknown> | null;
  devices: Rows;
  calendarLinks: Rows;
  identityChecks: IdentityCheckView[];
  /** Only for roles that take account actions (support). */
  identityWindow?: IdentityWindowView | null;
  accountActions: AccountActionView[];
  findings: FindingListItem[];
  can: { reveal: string[]; revealPhi: boolean; accountAction: boolean; accessHistory: boolean };
}

export interface PhiRevealResponse {
  records: { id: string; kind: string; psychotherapyNotes: boolean; content: Record<string, string> }[];
  sensitiveData: { id: string; category: string; content: string }[];
  bookingTopics: { id: string; topic: string }[];
  /** Present only when asked for. */
  counselingInterest?: string | null;
}
