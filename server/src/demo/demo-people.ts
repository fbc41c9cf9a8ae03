/**
 * Well-known people in every fresh demo database (any seed, any size ≥ DEMO_PEOPLE_MIN_SUBJECTS),
 * for the README, the browser tests and anyone trying the console. Everything else about them
 * (ids, dates, bookings, other consents) comes from the seed like everyone else's.
 */

export type PlantedRecording = 'consented' | 'no_counselor_consent' | 'shared_without_consent';

export interface DemoChildSpec {
  name: string;
  age: number;
  gender: 'female' | 'male';
  guardianConsent: boolean;
}

export interface DemoPerson {
  key: string;
  service: 'maumjuui' | 'shelby';
  kind: 'client' | 'counselor' | 'guardian';
  locale: 'ko' | 'en';
  name: string;
  /** As a person would type it; stored normalised. */
  email: string;
  phone: string;
  gender: 'female' | 'male';
  age: number;
  status: 'active' | 'dormant' | 'locked';
  /** Clients: session notes, psychotherapy notes and a result. */
  notes?: boolean;
  /** Clients: sensitive data (PHI) rows, and what became of the separate PHI consent. */
  phi?: 'granted' | 'none';
  /** Clients: a recording of this kind among their sessions. */
  recording?: PlantedRecording;
  children?: DemoChildSpec[];
  /** Counselors: institutional (financial/tax profile) with a Google Calendar link. */
  institutional?: boolean;
  /** What the person is there to show. */
  shows: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'institutionalCounselor',
    service: 'maumjuui',
    kind: 'counselor',
    locale: 'ko',
    name: '박지훈',
    email: 'counselor.institution@example.com',
    phone: '010-2000-0010',
    gender: 'male',
    age: 44,
    status: 'active',
    institutional: true,
    shows: 'institutional counselor: financial/tax profile (masked), Google Calendar link, many bookings as counselor',
  },
  {
    key: 'dormantGuardian',
    service: 'shelby',
    kind: 'guardian',
    locale: 'ko',
    name: '장하은',
    email: 'dormant.guardian@example.com',
    phone: '010-2000-0001',
    gender: 'female',
    age: 39,
    status: 'dormant',
    children: [
      { name: '이서준', age: 12, gender: 'male', guardianConsent: true },
      { name: '이하린', age: 15, gender: 'female', guardianConsent: true },
    ],
    shows: 'dormant Shelby guardian (last active > 1 year ago) with two children: find by phone, reveal, reactivate',
  },
  {
    key: 'notesClient',
    service: 'maumjuui',
    kind: 'client',
    locale: 'ko',
    name: '이도윤',
    email: 'notes.client@example.com',
    phone: '010-2000-0002',
    gender: 'male',
    age: 34,
    status: 'active',
    notes: true,
    phi: 'granted',
    recording: 'consented',
    shows:
      'MaumJuui client with session notes (some flagged psychotherapy notes), PHI with the PHI consent, a consented recording',
  },
  {
    key: 'englishClient',
    service: 'maumjuui',
    kind: 'client',
    locale: 'en',
    name: 'Olivia Bennett',
    email: 'olivia.bennett@example.com',
    phone: '+1 202-555-0143',
    gender: 'female',
    age: 29,
    status: 'active',
    notes: true,
    phi: 'granted',
    shows: 'English-speaking MaumJuui client with session notes and PHI (US phone number)',
  },
  {
    key: 'lockedClient',
    service: 'maumjuui',
    kind: 'client',
    locale: 'ko',
    name: '오세린',
    email: 'locked.client@example.com',
    phone: '010-2000-0004',
    gender: 'female',
    age: 27,
    status: 'locked',
    shows: 'locked account (5 failed sign-ins): unlock after an identity check',
  },
  {
    key: 'recordingFinding',
    service: 'maumjuui',
    kind: 'client',
    locale: 'ko',
    name: '최민서',
    email: 'recording.finding@example.com',
    phone: '010-2000-0005',
    gender: 'female',
    age: 41,
    status: 'active',
    notes: true,
    phi: 'granted',
    recording: 'no_counselor_consent',
    shows: 'finding: a session recording without the counselor’s consent',
  },
  {
    key: 'phiFinding',
    service: 'maumjuui',
    kind: 'client',
    locale: 'ko',
    name: '정유진',
    email: 'phi.finding@example.com',
    phone: '010-2000-0006',
    gender: 'female',
    age: 36,
    status: 'active',
    notes: true,
    phi: 'none',
    shows: 'finding: PHI (sensitive data) held without the separate PHI consent',
  },
  {
    key: 'childFinding',
    service: 'shelby',
    kind: 'guardian',
    locale: 'ko',
    name: '강민호',
    email: 'child.finding@example.com',
    phone: '010-2000-0007',
    gender: 'male',
    age: 42,
    status: 'active',
    children: [{ name: '강서아', age: 9, gender: 'female', guardianConsent: false }],
    shows: 'finding: a child under 14 without the guardian’s consent',
  },
  {
    key: 'supervisionFinding',
    service: 'maumjuui',
    kind: 'client',
    locale: 'en',
    name: 'Daniel Park',
    email: 'supervision.finding@example.com',
    phone: '010-2000-0008',
    gender: 'male',
    age: 31,
    status: 'active',
    notes: true,
    phi: 'granted',
    recording: 'shared_without_consent',
    shows: 'finding: a recording shared with a supervisor without the supervision-disclosure consent',
  },
];

/** The people above plus enough counselors and others around them. */
export const DEMO_PEOPLE_MIN_SUBJECTS = 50;
