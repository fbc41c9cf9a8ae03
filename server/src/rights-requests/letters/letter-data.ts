import { isLocalDate, type LocalDate } from '../../calendar/local-date';
import type { Regime } from '../deadlines/regime';

/** The letters a rights request sends: one template per kind and channel (migration 20261204000200). */
export const LETTER_KINDS = [
  'acknowledgement',
  'extension',
  'completion',
  'partial',
  'rejection',
  'processor_notice',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_LOCALES = ['ko', 'en'] as const;
export type LetterLocale = (typeof LETTER_LOCALES)[number];

const fileSlug = (kind: LetterKind): string => kind.replace('_', '-');

/** A letter's PDF as it is stored on its request: `RR-2026-000123-processor-notice-ko.pdf`. */
export function letterFileName(reference: string, kind: LetterKind, locale: LetterLocale): string {
  return `${reference}-${fileSlug(kind)}-${locale}.pdf`;
}

const LETTER_FILE = new RegExp(`-(${LETTER_KINDS.map(fileSlug).join('|')})-(?:${LETTER_LOCALES.join('|')})\\.pdf$`);

/** Which letter a stored file is (see {@link letterFileName}); null for any other file. */
export function letterKindOf(fileName: string): LetterKind | null {
  const slug = LETTER_FILE.exec(fileName)?.[1];
  return LETTER_KINDS.find((kind) => fileSlug(kind) === slug) ?? null;
}

/** How a letter leaves: by e-mail, or on paper (the outbox's letter channel, a PDF). */
export const LETTER_CHANNELS = ['email', 'letter'] as const;
export type LetterChannel = (typeof LETTER_CHANNELS)[number];

/** What a processor (or other recipient) is told was done (GDPR Art. 19). */
export type ProcessorAction = 'rectified' | 'erased' | 'restricted' | 'restriction_lifted';

/** A processor notice: addressed to the recipient; the person is named only by a reference it knows. */
export interface ProcessorNoticeView {
  recipientName: string;
  action: ProcessorAction;
  /** The data concerned (category keys or plain labels). */
  items: readonly string[];
  /** The identifier the recipient knows the person by (a customer number), never more. */
  subjectRef: string;
  actedOn: LocalDate;
  replyBy: LocalDate;
}

/**
 * The merge fields of a request's letters. Dates are local dates (the request's clocks); labels
 * (request type, refusal basis, data categories) are given as keys and put in the letter's
 * language here. Fields a kind does not use may be left out.
 */
export interface RequestLetterView {
  reference: string;
  locale: LetterLocale;
  regimes: readonly Regime[];
  /** The person the letter is addressed to (the requester: the subject, agent or guardian). */
  subjectName: string;
  /** access | portability | rectification | erasure | restriction | consent_withdrawal | account_withdrawal | objection */
  requestType: string;
  receivedOn: LocalDate;
  dueOn: LocalDate;
  extendedDueOn?: LocalDate | null;
  /** The reasons of an extension, or the grounds of a refusal (what was not done, and why). */
  grounds?: string | null;
  /** statute | third_party_life_body | others_interests | manifestly_unfounded | identity_not_verified | other */
  refusalReason?: string | null;
  /** How to object to the organisation (the DPO's text); the complaint bodies follow it in the letter. */
  remedy?: string | null;
  /** What was done, in a sentence or two. */
  outcome?: string | null;
  erased?: ReadonlyArray<{ category: string }>;
  retained?: ReadonlyArray<{ category: string; law: string; destroyOn: LocalDate }>;
  /** Processors and recipients told of the change (GDPR Art. 19). */
  recipients?: ReadonlyArray<{ name: string }>;
  processorNotice?: ProcessorNoticeView | null;
}

type Labels = Record<string, { ko: string; en: string }>;

const REQUEST_TYPES: Labels = {
  access: { ko: '열람', en: 'access' },
  portability: { ko: '전송', en: 'portability' },
  rectification: { ko: '정정', en: 'correction' },
  erasure: { ko: '삭제', en: 'erasure' },
  restriction: { ko: '처리정지', en: 'restriction of processing' },
  consent_withdrawal: { ko: '동의 철회', en: 'consent withdrawal' },
  account_withdrawal: { ko: '회원 탈퇴', en: 'account deletion' },
  objection: { ko: '처리 거부', en: 'objection' },
};

/** The legal grounds a refusal may rest on (REQUIREMENTS A), with the articles a letter names. */
const REFUSAL_BASES: Labels = {
  statute: {
    ko: '법률에 따라 금지되거나 제한되는 경우, 또는 다른 법령이 보관을 정한 경우 (「개인정보 보호법」 제35조제4항제1호, 제36조제1항 단서, 제37조제2항제1호)',
    en: 'A law forbids or restricts it, or requires the data to be kept (Korea PIPA Art. 35(4)(1), 36(1), 37(2)(1); GDPR Art. 17(3)(b), 23)',
  },
  third_party_life_body: {
    ko: '다른 사람의 생명·신체를 해할 우려가 있는 경우 (「개인정보 보호법」 제35조제4항제2호)',
    en: "It may harm another person's life or body (Korea PIPA Art. 35(4)(2); 45 CFR § 164.524(a)(3)(i))",
  },
  others_interests: {
    ko: '다른 사람의 재산과 그 밖의 이익을 부당하게 침해할 우려가 있는 경우 (「개인정보 보호법」 제35조제4항제2호)',
    en: "It would unjustly infringe another person's property or other interests (Korea PIPA Art. 35(4)(2); GDPR Art. 15(4))",
  },
  manifestly_unfounded: {
    ko: '요구가 명백히 근거가 없거나 과도한 경우 (GDPR 제12조제5항)',
    en: 'The request is manifestly unfounded or excessive (GDPR Art. 12(5))',
  },
  identity_not_verified: {
    ko: '요구하신 분이 본인 또는 정당한 대리인임을 확인할 수 없는 경우 (「개인정보 보호법」 시행령 제46조)',
    en: 'We could not verify that the request comes from you or your authorised representative (GDPR Art. 12(6); 11 CCR § 7060)',
  },
  other: { ko: '위 사유 참조', en: 'See the reasons above' },
};

/** The erasure categories (subjects/fulfilment) as a letter names them. */
const DATA_CATEGORIES: Labels = {
  identity: { ko: '이름, 생년월일 등 신원 정보', en: 'identity (name, date of birth)' },
  contact: { ko: '연락처(전화번호, 이메일)', en: 'contact details (phone, e-mail)' },
  counseling: { ko: '상담 기록', en: 'counselling records' },
  sensitive: { ko: '민감정보(건강 등)', en: 'sensitive data (health)' },
  bookings: { ko: '예약 기록', en: 'bookings' },
  reviews: { ko: '후기', en: 'reviews' },
  recordings: { ko: '녹음 기록', en: 'recordings' },
  payments: { ko: '결제 기록', en: 'payment records' },
  financial: { ko: '금융 정보', en: 'financial data' },
  devices: { ko: '기기 정보와 IP 주소', en: 'devices and IP addresses' },
  social_links: { ko: '소셜 로그인 연결', en: 'social sign-in links' },
  calendar_links: { ko: '캘린더 연동', en: 'calendar links' },
  consents: { ko: '동의 기록', en: 'consent records' },
};

const ACTIONS: Labels = {
  rectified: { ko: '정정', en: 'rectification' },
  erased: { ko: '삭제', en: 'erasure' },
  restricted: { ko: '처리정지', en: 'restriction of processing' },
  restriction_lifted: { ko: '처리정지 해제', en: 'lifting of a restriction' },
};

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const label = (labels: Labels, key: string, locale: LetterLocale) => labels[key]?.[locale] ?? key;

/** A local date as a letter writes it: 2026년 9월 28일, or 28 September 2026. */
export function letterDate(date: LocalDate, locale: LetterLocale): string {
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  return locale === 'ko' ? `${year}년 ${month}월 ${day}일` : `${day} ${MONTHS_EN[month - 1]} ${year}`;
}

/** The template of a letter kind on a channel. */
export function templateKeyOf(kind: LetterKind, channel: LetterChannel): string {
  return `rights-request.${kind.replace('_', '-')}.${channel}`;
}

/**
 * The merge data of a letter: the view's values in the letter's language, the lists and their
 * "has" flags, and one flag per regime the request falls under (the templates' regime sections).
 */
export function mergeDataOf(kind: LetterKind, view: RequestLetterView, locale: LetterLocale): Record<string, unknown> {
  const date = (d: LocalDate | null | undefined) => (d === null || d === undefined ? '' : letterDate(d, locale));
  const erased = (view.erased ?? []).map((e) => ({ item: label(DATA_CATEGORIES, e.category, locale) }));
  const retained = (view.retained ?? []).map((r) => ({
    item: label(DATA_CATEGORIES, r.category, locale),
    law: r.law,
    destroyOn: date(r.destroyOn),
  }));
  const recipients = (view.recipients ?? []).map((r) => ({ name: r.name }));
  const regimeFlags = {
    kr: view.regimes.includes('KR-PIPA'),
    eu: view.regimes.includes('EU-GDPR'),
    ca: view.regimes.includes('US-CA-CCPA'),
    hipaa: view.regimes.includes('US-HIPAA'),
  };
  if (kind === 'processor_notice') {
    const notice = view.processorNotice;
    if (notice === null || notice === undefined)
      throw new RangeError('A processor notice needs its processorNotice view');
    return {
      reference: view.reference,
      recipientName: notice.recipientName,
      action: label(ACTIONS, notice.action, locale),
      items: notice.items.map((i) => label(DATA_CATEGORIES, i, locale)),
      subjectRef: notice.subjectRef,
      actedOn: date(notice.actedOn),
      replyBy: date(notice.replyBy),
      ...regimeFlags,
    };
  }
  return {
    reference: view.reference,
    name: view.subjectName,
    requestType: label(REQUEST_TYPES, view.requestType, locale),
    receivedOn: date(view.receivedOn),
    dueOn: date(view.dueOn),
    extendedDueOn: date(view.extendedDueOn),
    grounds: view.grounds ?? '',
    refusalBasis:
      view.refusalReason === null || view.refusalReason === undefined
        ? ''
        : label(REFUSAL_BASES, view.refusalReason, locale),
    remedy: view.remedy ?? '',
    outcome: view.outcome ?? '',
    erased,
    hasErased: erased.length > 0,
    retained,
    hasRetained: retained.length > 0,
    recipients,
    hasRecipients: recipients.length > 0,
    ...regimeFlags,
  };
}
