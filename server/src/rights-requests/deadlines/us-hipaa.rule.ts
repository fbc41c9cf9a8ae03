import type { RegimeRules } from './regime';

/**
 * US health data, HIPAA Privacy Rule 45 CFR § 164.524(b)(2): act on a request for access within
 * 30 days of receipt; extend once by no more than 30 days with a written statement, given within
 * the 30 days, of the reasons and of the date the action will be completed (`untilRequired`).
 * Psychotherapy notes are excluded from the right of access (§ 164.524(a)(1)(i)): the export
 * reads `excludesPsychotherapyNotes`. An amendment (rectification) is acted on within 60 days,
 * with one 30-day extension on the same terms (§ 164.526(b)(2)).
 *
 * Counting: calendar days, the day of receipt not counted, no move off a weekend or holiday.
 */
export const US_HIPAA_RULES: RegimeRules = {
  regime: 'US-HIPAA',
  answer: { unit: 'calendar_days', amount: 30, atRisk: { days: 9 } },
  extension: {
    rule: { unit: 'calendar_days', amount: 30, atRisk: { days: 9 } },
    mustBeGivenWithin: 'first_period',
    maxCount: 1,
    reasonsRequired: true,
    untilRequired: true,
  },
  pausesForVerification: false,
  excludesPsychotherapyNotes: true,
  atRiskShare: 0.3,
  byType: {
    rectification: {
      answer: { unit: 'calendar_days', amount: 60, atRisk: { days: 18 } },
      extension: {
        rule: { unit: 'calendar_days', amount: 30, atRisk: { days: 9 } },
        mustBeGivenWithin: 'first_period',
        maxCount: 1,
        reasonsRequired: true,
        untilRequired: true,
      },
    },
  },
  source: {
    ko: 'HIPAA 45 CFR § 164.524(b)(2): 접수일부터 30일 이내 열람 제공, 30일 이내에 지연 사유와 완료 예정일을 서면으로 알리고 한 번 30일 연장. 심리치료 기록(psychotherapy notes)은 열람 대상에서 제외. 정정(§ 164.526)은 60일, 한 번 30일 연장.',
    en: 'HIPAA 45 CFR § 164.524(b)(2): access within 30 days of receipt; one 30-day extension with a written statement of the reasons and the completion date, given within the 30 days. Psychotherapy notes are excluded from access. Amendment (§ 164.526): 60 days, one 30-day extension.',
  },
};
