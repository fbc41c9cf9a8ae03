import type { Language } from '../../outbox/outbox-types';
import type { Bilingual } from '../incident-types';

export type { Bilingual } from '../incident-types';

/**
 * The notifications the rules table knows (incident_notification_rules), in the register's column
 * order. Kept here rather than read from the table's label_ko/label_en: the register's headers name
 * the law (the table's "Notice to the people affected" does not say PIPA), and the columns stay a
 * fixed list a regulator can compare year to year; a rule added later lands in "Other notifications".
 */
export const REGISTER_OBLIGATIONS: readonly { code: string; label: Bilingual }[] = [
  { code: 'kr_subjects', label: { ko: '정보주체 통지(PIPA)', en: 'KR notice to people (PIPA)' } },
  { code: 'kr_regulator', label: { ko: '개인정보위·KISA 신고(PIPA)', en: 'KR report to PIPC/KISA (PIPA)' } },
  { code: 'eu_authority', label: { ko: 'EU 감독기관 신고(GDPR 33조)', en: 'EU supervisory authority (GDPR Art. 33)' } },
  { code: 'eu_subjects', label: { ko: 'EU 정보주체 통지(GDPR 34조)', en: 'EU notice to people (GDPR Art. 34)' } },
  { code: 'us_individuals', label: { ko: '미국 개인 통지(HIPAA)', en: 'US notice to individuals (HIPAA)' } },
  { code: 'us_hhs', label: { ko: '미국 HHS 보고(HIPAA)', en: 'US report to HHS (HIPAA)' } },
  { code: 'us_media', label: { ko: '미국 언론 통지(HIPAA)', en: 'US notice to the media (HIPAA)' } },
  { code: 'us_hhs_yearly_log', label: { ko: '미국 HHS 연간 보고(HIPAA)', en: 'US HHS yearly log (HIPAA)' } },
];

export const obligationLabel = (code: string): Bilingual =>
  REGISTER_OBLIGATIONS.find((o) => o.code === code)?.label ?? { ko: code, en: code };

export const PHASE_LABELS: Record<string, Bilingual> = {
  preparation: { ko: '준비', en: 'Preparation' },
  detection_analysis: { ko: '탐지 및 분석', en: 'Detection and analysis' },
  containment_eradication_recovery: { ko: '봉쇄·제거·복구', en: 'Containment, eradication and recovery' },
  post_incident: { ko: '사후 검토', en: 'Post-incident review' },
};

export const OBLIGATION_STATUS_LABELS: Record<string, Bilingual> = {
  pending: { ko: '대기', en: 'pending' },
  done: { ko: '완료', en: 'done' },
  not_required: { ko: '불필요', en: 'not required' },
  withdrawn: { ko: '철회', en: 'withdrawn' },
};

export const VECTOR_LABELS: Record<string, Bilingual> = {
  outside_hacking: { ko: '외부 해킹', en: 'Outside hacking' },
  insider: { ko: '내부자', en: 'Insider' },
  loss_theft: { ko: '분실·도난', en: 'Loss or theft' },
  misdelivery: { ko: '오발송', en: 'Misdelivery' },
  vendor: { ko: '수탁자', en: 'Vendor' },
  other: { ko: '기타', en: 'Other' },
};

export const STATUS_LABELS: Record<string, Bilingual> = {
  open: { ko: '접수', en: 'Open' },
  investigating: { ko: '조사 중', en: 'Investigating' },
  contained: { ko: '봉쇄됨', en: 'Contained' },
  recovered: { ko: '복구됨', en: 'Recovered' },
  closed: { ko: '종결', en: 'Closed' },
};

export const RISK_LABELS: Record<string, Bilingual> = {
  low: { ko: '낮음', en: 'Low' },
  medium: { ko: '중간', en: 'Medium' },
  high: { ko: '높음', en: 'High' },
  critical: { ko: '심각', en: 'Critical' },
};

export const EU_RISK_LABELS: Record<string, Bilingual> = {
  unassessed: { ko: '미평가', en: 'Not assessed' },
  unlikely: { ko: '위험 가능성 낮음', en: 'Unlikely to result in a risk' },
  risk: { ko: '위험', en: 'Risk' },
  high: { ko: '높은 위험', en: 'High risk' },
};

/** A code's label in one language, the code itself when it has none. */
export const labelIn = (labels: Record<string, Bilingual>, code: string, lang: Language): string =>
  labels[code]?.[lang] ?? code;

/** A column header both languages read: `참조번호 / Reference`. */
export const bilingual = (label: Bilingual): string => `${label.ko} / ${label.en}`;
