import { DATA_CATEGORY_LABELS } from '../../subjects/export/export-texts';
import type { DataCategory } from '../../registers/register-types';
import { affectedCountOf } from '../obligations/notification-engine';
import type { IncidentVector, NoticeKind } from '../obligations/obligation-types';
import { NOTICE_KINDS_SPEC, cleanContent, type NoticeContent } from './notice-kinds';
import type { NoticeIncidentRow } from './notices.repository';

export type NoticeLocale = 'ko' | 'en';

/** What the prefill knows besides the incident row. */
export interface PrefillContext {
  timeZone: string;
  dpoContact: string | null;
  /** Titles of the completed tasks, in the notice's language: what the organisation has done. */
  completedTasks: string[];
  /** When the people were notified (the kr_subjects / us_individuals obligation done), if they were. */
  subjectsNotifiedAt: Date | null;
}

const VECTOR_LABELS: Record<IncidentVector, { ko: string; en: string }> = {
  outside_hacking: { ko: '외부로부터의 불법 접근(해킹)', en: 'Unauthorised access from outside (hacking)' },
  insider: { ko: '내부자에 의한 유출', en: 'Disclosure by an insider' },
  loss_theft: { ko: '분실 또는 도난', en: 'Loss or theft' },
  misdelivery: { ko: '오발송', en: 'Misdelivery' },
  vendor: { ko: '수탁자(협력업체)에서의 유출', en: 'Breach at a processor (vendor)' },
  other: { ko: '기타', en: 'Other' },
};

const WHAT_YOU_CAN_DO = {
  ko: '비밀번호를 바꾸시고, Shelby를 사칭한 문자·전화·이메일에 주의해 주십시오. 의심스러운 연락을 받으시면 아래 연락처로 알려 주십시오.',
  en: 'Change your password, and beware of text messages, calls and e-mails pretending to come from Shelby. Tell us at the contact below if you receive one.',
};

// PIPA Art. 34(1)(4): where a person can seek redress (the mediation committee and KISA's report centre).
const REDRESS_KR = {
  ko: '피해가 생기면 개인정보 분쟁조정위원회(www.kopico.go.kr, 1833-6972)에 분쟁조정을 신청하시거나, 개인정보침해신고센터(privacy.kisa.or.kr, 국번없이 118)에 신고하실 수 있습니다.',
  en: 'If you suffer harm you may apply for mediation to the Personal Information Dispute Mediation Committee (www.kopico.go.kr, 1833-6972) or report to the Personal Information Infringement Report Center (privacy.kisa.or.kr, 118).',
};

const DEPARTMENT = { ko: '개인정보보호팀', en: 'Privacy team' };
const SUBJECT_CATEGORIES = { ko: '고객(서비스 이용자)', en: 'Customers (service users)' };

/** An instant as the organisation's wall clock reads it, with the zone: "2026-09-10 14:20 (Asia/Seoul)". */
export function wallClock(at: Date, timeZone: string): string {
  return `${wallClockFormat(timeZone).format(at)} (${timeZone})`;
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it.
const WALL_CLOCK_FORMATS = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = WALL_CLOCK_FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    WALL_CLOCK_FORMATS.set(timeZone, format);
  }
  return format;
}

const categoryLabels = (categories: string[], locale: NoticeLocale) =>
  categories.map((c) => DATA_CATEGORY_LABELS[c as DataCategory]?.[locale] ?? c);

/**
 * A first draft of a notice from the incident's facts: the items from its data categories, the
 * dates, the counts, the DPO's contact from the processing register, what was done from the
 * completed tasks. The staff member edits it before saving; items the facts cannot give (the
 * likely consequences, for one) are left empty, so saving them empty is refused.
 */
export function prefillContent(
  kind: NoticeKind,
  locale: NoticeLocale,
  incident: NoticeIncidentRow,
  context: PrefillContext,
): NoticeContent {
  const when = (at: Date) => wallClock(at, context.timeZone);
  const what = [VECTOR_LABELS[incident.vector][locale], incident.description ?? incident.title].join(': ');
  const done = context.completedTasks.map((t) => `- ${t}`).join('\n');
  const count = affectedCountOf(incident);
  const contact = context.dpoContact ?? '';
  const notified = context.subjectsNotifiedAt === null ? '' : when(context.subjectsNotifiedAt);
  const all: Record<string, unknown> = {
    reference: incident.reference,
    items: categoryLabels(incident.dataCategories, locale),
    occurredAt: when(incident.detectedAt),
    awareAt: when(incident.awareAt),
    discoveredAt: when(incident.awareAt),
    circumstances: what,
    whatHappened: what,
    nature: what,
    whatYouCanDo: WHAT_YOU_CAN_DO[locale],
    ourResponse: done,
    measures: done,
    redress: REDRESS_KR[locale],
    department: DEPARTMENT[locale],
    contact,
    dpoContact: contact,
    affectedCount: count,
    approxSubjects: count,
    approxRecords: count,
    largestStateCount: incident.usLargestStateCount ?? '',
    subjectCategories: SUBJECT_CATEGORIES[locale],
    subjectsNotified: notified,
    individualsNotified: notified,
  };
  const fields = Object.keys(NOTICE_KINDS_SPEC[kind].fields);
  return cleanContent(Object.fromEntries(fields.map((f) => [f, all[f]])));
}
