import type { RegimeRules } from './regime';

/**
 * Korea, PIPA. Access, correction, erasure and suspension are answered within 10 days of receipt
 * (Enforcement Decree Art. 41(4), 43(3), 44(2)); a postponement or refusal is notified within
 * those 10 days, with its grounds and how to object (Decree Art. 41(5), 42(1)).
 *
 * Counting (Civil Act Art. 155-161, which govern periods in statutes that set no rule of their
 * own): the day of receipt is not counted (Art. 157), and a period whose last day is a Saturday
 * or a public holiday ends on the next day that is neither (Art. 161): `rollToBusinessDay: 'KR'`
 * with the KR calendar's holidays, substitute days included. Removing it gives the stricter count.
 *
 * The postponement: PIPA Art. 35(3) lets the controller postpone "while the justified ground
 * lasts" and answer without delay once it ends; no law sets a length. The console bounds it by a
 * second period of 10 days from the original due date (the DPO may name an earlier date). That
 * bound is the organisation's policy, not a statute: change `extension.rule` to change it.
 *
 * The clock does not wait for identity verification (Decree Art. 46(1) asks for verification, not
 * for a later start). Shelby's privacy policy (Art. 11) promises the same 10 days.
 */
export const KR_PIPA_RULES: RegimeRules = {
  regime: 'KR-PIPA',
  answer: { unit: 'calendar_days', amount: 10, rollToBusinessDay: 'KR', atRisk: { days: 3 } },
  extension: {
    rule: { unit: 'calendar_days', amount: 10, rollToBusinessDay: 'KR', atRisk: { days: 3 } },
    mustBeGivenWithin: 'first_period',
    maxCount: 1,
    reasonsRequired: true,
  },
  pausesForVerification: false,
  atRiskShare: 0.3,
  source: {
    ko: '개인정보 보호법 제35조~제37조, 시행령 제41조제4항·제5항, 제42조~제44조: 요구를 받은 날부터 10일 이내(민법 제157조·제161조에 따라 초일 불산입, 말일이 토요일·공휴일이면 다음 날 만료). 연기는 10일 이내에 사유와 이의제기 방법을 알리고, 연기 기간은 회사 정책상 원래 기한부터 최대 10일.',
    en: 'PIPA Art. 35-37, Enforcement Decree Art. 41(4)-(5), 42-44: within 10 days of receipt (Civil Act Art. 157 and 161: the day of receipt is not counted; a period ending on a Saturday or public holiday ends the next day). A postponement is notified within the 10 days with its grounds and how to object; by company policy it adds at most 10 days to the original due date.',
  },
};
