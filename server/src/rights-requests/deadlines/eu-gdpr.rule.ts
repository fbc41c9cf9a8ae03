import type { RegimeRules } from './regime';

/**
 * EU, GDPR Art. 12(3)-(4): an answer (or the reasons for not acting, and the right to complain)
 * within one month of receipt; extendable once by up to two further months where necessary,
 * told to the data subject within the first month with the reasons.
 *
 * Counting: one calendar month from the day of receipt, with the end-of-month clamp (31 January
 * → 28 or 29 February). The extension adds two months to the original due date, and the whole
 * may not pass three months from receipt (`totalCap`). The console does not move a due date off
 * a weekend or holiday (Regulation 1182/71 Art. 3(4) would, by the controller's member-state
 * holidays, which the console does not keep): its due dates are never later than the law's.
 *
 * The clock runs from receipt while identity is verified: the console does not rely on readings
 * that start it only once identity is confirmed.
 */
export const EU_GDPR_RULES: RegimeRules = {
  regime: 'EU-GDPR',
  answer: { unit: 'months', amount: 1, atRisk: { days: 9 } },
  extension: {
    rule: { unit: 'months', amount: 2, atRisk: { days: 18 } },
    mustBeGivenWithin: 'first_period',
    maxCount: 1,
    reasonsRequired: true,
    totalCap: { unit: 'months', amount: 3, atRisk: { days: 27 } },
  },
  pausesForVerification: false,
  atRiskShare: 0.3,
  source: {
    ko: 'GDPR 제12조제3항·제4항: 접수일부터 1개월 이내(월말 보정: 1월 31일 → 2월 28/29일). 복잡한 경우 최초 1개월 이내에 사유를 알리고 한 번, 최대 2개월 연장(접수일부터 총 3개월 이내).',
    en: 'GDPR Art. 12(3)-(4): within one month of receipt (31 January → 28/29 February). Extendable once by up to two further months, told within the first month with reasons; at most three months from receipt in all.',
  },
};
