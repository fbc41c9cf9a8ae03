import type { RegimeRules } from './regime';

/**
 * California, CCPA regulations 11 CCR § 7021: confirm receipt within 10 business days (Monday to
 * Friday, California state holidays excluded: the US-CA calendar), answer within 45 calendar days
 * "from the day the business receives the request, regardless of time required to verify", and
 * extend once by up to 45 more days with notice and an explanation within the first 45 days.
 *
 * Counting: the day of receipt is not counted (Cal. Civ. Code § 10). A 45-day period ending on a
 * holiday is not moved (§ 12a would allow it): the console's due date is never later than the
 * law's. Requests to opt out of sale or sharing, or to limit sensitive data (`objection`), are
 * answered within 15 business days (§ 7026(f), § 7027(g)) and have no extension.
 */
export const US_CA_CCPA_RULES: RegimeRules = {
  regime: 'US-CA-CCPA',
  acknowledge: { unit: 'business_days', amount: 10, jurisdiction: 'US-CA', atRisk: { days: 3 } },
  answer: { unit: 'calendar_days', amount: 45, atRisk: { days: 14 } },
  extension: {
    rule: { unit: 'calendar_days', amount: 45, atRisk: { days: 14 } },
    mustBeGivenWithin: 'first_period',
    maxCount: 1,
    reasonsRequired: true,
    totalCap: { unit: 'calendar_days', amount: 90, atRisk: { days: 27 } },
  },
  pausesForVerification: false,
  atRiskShare: 0.3,
  byType: {
    objection: { answer: { unit: 'business_days', amount: 15, jurisdiction: 'US-CA', atRisk: { days: 5 } } },
  },
  source: {
    ko: 'CCPA 시행규칙 11 CCR § 7021: 영업일 10일 이내 접수 확인(캘리포니아주 공휴일 제외), 접수일부터 45일 이내 답변(본인확인 기간도 포함), 최초 45일 이내 통지로 한 번 45일 연장. 판매·공유 거부와 민감정보 제한 요구는 영업일 15일(§ 7026(f), § 7027(g)).',
    en: 'CCPA regulations 11 CCR § 7021: confirm receipt within 10 business days (California holidays excluded); answer within 45 calendar days of receipt, verification included; one 45-day extension with notice within the first 45 days. Opt-out and limit requests: 15 business days (§ 7026(f), § 7027(g)).',
  },
};
