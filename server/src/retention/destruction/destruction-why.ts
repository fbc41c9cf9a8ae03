import { localDateOf, type LocalDate } from '../../calendar/local-date';
import { durationText } from '../../registers/retention';
import type { ActedRule } from './destruction.repository';

export interface Why {
  ko: string;
  en: string;
}

const TRIGGER: Record<string, { ko: string; en: string }> = {
  collection: { ko: '수집일', en: 'collection' },
  counseling_end: { ko: '상담 종료일', en: 'the end of counseling' },
  withdrawal: { ko: '회원 탈퇴일', en: 'the account withdrawal' },
  transaction_date: { ko: '거래일', en: 'the transaction date' },
  last_login: { ko: '마지막 이용일', en: 'the last use' },
};

const ACTION: Record<string, { ko: string; en: string }> = {
  destroy: { ko: '파기', en: 'destroyed' },
  pseudonymise: { ko: '가명처리', en: 'pseudonymised' },
};

/** Why a rule's records go on `on`, in both languages: the period, from what, the basis, and the cutoff day. */
export function whyOf(rule: ActedRule, on: LocalDate, cutoff: Date, timeZone: string, statutory: number): Why {
  const trigger = TRIGGER[rule.trigger] ?? { ko: rule.trigger, en: rule.trigger };
  const action = ACTION[rule.action] ?? { ko: rule.action, en: rule.action };
  const period = (lang: 'ko' | 'en') =>
    rule.retention.period === undefined ? '—' : durationText(rule.retention.period, lang);
  const basis = rule.retention.law ?? rule.source;
  const before = localDateOf(cutoff, timeZone);
  const statutoryKo =
    statutory > 0 ? ` 법정 보존 기간이 끝나는 삭제 요청 보존분 ${statutory}명도 함께 파기합니다.` : '';
  const statutoryEn =
    statutory > 0 ? ` ${statutory} people's data kept by statute after an erasure reaches its end and goes too.` : '';
  return {
    ko: `${rule.name.ko}: ${trigger.ko}부터 ${period('ko')} 동안 보관(${basis}). ${trigger.ko}이 ${before} 이전인 기록은 ${on}에 보관 기간이 끝나 ${action.ko}합니다.${statutoryKo}`,
    en: `${rule.name.en}: kept ${period('en')} from ${trigger.en} (${basis}). Records whose ${trigger.en} was before ${before} are past their period on ${on} and are ${action.en}.${statutoryEn}`,
  };
}
