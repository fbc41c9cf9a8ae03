import { BusinessCalendar } from '../../calendar/business-calendar';
import type { CalendarLookup } from '../../calendar/deadline';
import { LibraryHolidaySource } from '../../calendar/holiday-source';
import type { Jurisdiction } from '../../calendar/jurisdictions';
import { KR_PIPA_RULES } from './kr-pipa.rule';
import {
  calendarSpans,
  clocksFor,
  extensionRefusal,
  governingDueOn,
  REGIME_RULES,
  REGIMES,
  rulesOf,
  type RegimeRules,
  type RequestClockInput,
  type RequestExtension,
} from './request-deadlines';

const SEOUL = 'Asia/Seoul';
const LA = 'America/Los_Angeles';
const library = new LibraryHolidaySource();

/** Business calendars with the library's real holidays for 2026-2028, as the seeded table holds them. */
const calendarOf = (jurisdiction: Jurisdiction) =>
  new BusinessCalendar(
    jurisdiction,
    [2026, 2027, 2028].flatMap((y) => library.holidays(jurisdiction, y).map((h) => h.date)),
    { from: '2026-01-01', to: '2028-12-31' },
  );
const loaded = new Map<Jurisdiction, BusinessCalendar>([
  ['KR', calendarOf('KR')],
  ['US-CA', calendarOf('US-CA')],
]);
const calendars: CalendarLookup = (j) => {
  const calendar = loaded.get(j);
  if (calendar === undefined) throw new Error(`no calendar for ${j}`);
  return calendar;
};

/** A request received at `receivedAt`, seen at `now` (defaults to the moment of receipt). */
const request = (overrides: Partial<RequestClockInput> & Pick<RequestClockInput, 'regimes' | 'receivedAt'>) => ({
  extensions: [],
  now: overrides.receivedAt,
  timeZone: SEOUL,
  calendars,
  ...overrides,
});

const answerOf = (input: RequestClockInput, regime = input.regimes[0]) => {
  const clock = clocksFor(input).find((c) => c.regime === regime && c.kind === 'answer');
  if (clock === undefined) throw new Error(`no answer clock for ${regime}`);
  return clock;
};

const extension = (regime: RequestExtension['regime'], at: string, more: Partial<RequestExtension> = {}) => ({
  regime,
  at: new Date(at),
  reasons: 'Many records across three services must be gathered',
  ...more,
});

describe('the rule sets', () => {
  it('has one rule set per regime, none pausing for identity verification', () => {
    expect(REGIME_RULES.map((r) => r.regime)).toEqual([...REGIMES]);
    for (const rules of REGIME_RULES) {
      expect(rules.pausesForVerification).toBe(false);
      expect(rules.extension).toMatchObject({ maxCount: 1, reasonsRequired: true });
    }
  });

  it('excludes psychotherapy notes from HIPAA access only', () => {
    expect(REGIME_RULES.filter((r) => r.excludesPsychotherapyNotes === true).map((r) => r.regime)).toEqual([
      'US-HIPAA',
    ]);
  });
});

describe('KR-PIPA: 10 days, rolled off a Saturday or public holiday (Civil Act Art. 161)', () => {
  it('is due 10 days after the day of receipt in Seoul', () => {
    // Received Wed 1 April 2026 at 10:00 in Seoul.
    const clock = answerOf(request({ regimes: ['KR-PIPA'], receivedAt: new Date('2026-04-01T01:00:00Z') }));
    // Day 10 is Saturday 11 April: the period ends on Monday 13 April.
    expect(clock.deadline.dueOn).toBe('2026-04-13');
  });

  it('rolls a due date that falls in Chuseok 2026 (24-26 September) to Monday 28 September', () => {
    // Received Mon 14 September: day 10 is Thursday 24 September, the first day of Chuseok.
    const clock = answerOf(request({ regimes: ['KR-PIPA'], receivedAt: new Date('2026-09-14T01:00:00Z') }));
    expect(clock.deadline.dueOn).toBe('2026-09-28');
    expect(clock.originalDueOn).toBe('2026-09-28');
  });

  it('does not roll a due date that is a working day', () => {
    // Received Tue 6 October 2026 (after the substitute day for National Foundation Day): Friday 16 October.
    const clock = answerOf(request({ regimes: ['KR-PIPA'], receivedAt: new Date('2026-10-06T01:00:00Z') }));
    expect(clock.deadline.dueOn).toBe('2026-10-16');
  });

  it('postpones with grounds within the 10 days, by at most 10 more days, or to the date the DPO names', () => {
    const base = request({ regimes: ['KR-PIPA'], receivedAt: new Date('2026-09-14T01:00:00Z') });
    const given = extension('KR-PIPA', '2026-09-22T01:00:00Z');
    expect(extensionRefusal({ ...base, extension: given })).toBeNull();
    const extended = answerOf({ ...base, extensions: [given] });
    expect(extended).toMatchObject({ extended: true, originalDueOn: '2026-09-28' });
    expect(extended.deadline.dueOn).toBe('2026-10-08');
    const named = { ...given, until: '2026-10-02' };
    expect(answerOf({ ...base, extensions: [named] }).deadline.dueOn).toBe('2026-10-02');
    expect(extensionRefusal({ ...base, extension: { ...given, until: '2026-10-09' } })).toEqual({
      code: 'EXTENSION_TOO_LONG',
      field: 'until',
    });
    expect(extensionRefusal({ ...base, extension: { ...given, until: '2026-09-28' } })).toEqual({
      code: 'EXTENSION_UNTIL_INVALID',
      field: 'until',
    });
  });

  it('refuses a postponement notice after the (rolled) 10 days or without grounds', () => {
    const base = request({ regimes: ['KR-PIPA'], receivedAt: new Date('2026-09-14T01:00:00Z') });
    // The period ends at midnight at the end of 28 September in Seoul (15:00 UTC).
    expect(extensionRefusal({ ...base, extension: extension('KR-PIPA', '2026-09-28T14:59:59Z') })).toBeNull();
    expect(extensionRefusal({ ...base, extension: extension('KR-PIPA', '2026-09-28T15:00:00Z') })).toEqual({
      code: 'EXTENSION_TOO_LATE',
      field: 'at',
    });
    expect(
      extensionRefusal({ ...base, extension: extension('KR-PIPA', '2026-09-20T00:00:00Z', { reasons: '  \n ' }) }),
    ).toEqual({ code: 'EXTENSION_REASONS_REQUIRED', field: 'reasons' });
  });
});

describe('EU-GDPR: one month, one extension of up to two more', () => {
  it.each([
    ['2026-01-31T03:00:00Z', '2026-02-28'],
    ['2028-01-31T03:00:00Z', '2028-02-29'],
    ['2027-01-31T03:00:00Z', '2027-02-28'],
    ['2026-03-31T03:00:00Z', '2026-04-30'],
    ['2026-02-28T03:00:00Z', '2026-03-28'],
  ])('received %s is due %s (end-of-month clamp, leap years)', (receivedAt, dueOn) => {
    expect(answerOf(request({ regimes: ['EU-GDPR'], receivedAt: new Date(receivedAt) })).deadline.dueOn).toBe(dueOn);
  });

  it('does not move a due date off a weekend or holiday (Saturday 28 March 2026 stays)', () => {
    const clock = answerOf(request({ regimes: ['EU-GDPR'], receivedAt: new Date('2026-02-28T03:00:00Z') }));
    expect(clock.deadline.dueOn).toBe('2026-03-28');
  });

  it('extends by two months from the first due date, given within the first month with reasons', () => {
    const base = request({ regimes: ['EU-GDPR'], receivedAt: new Date('2028-01-31T03:00:00Z') });
    const given = extension('EU-GDPR', '2028-02-20T03:00:00Z');
    expect(extensionRefusal({ ...base, extension: given })).toBeNull();
    expect(answerOf({ ...base, extensions: [given] }).deadline).toMatchObject({ dueOn: '2028-04-29', startedAt: null });
  });

  it('refuses an extension given after the first month', () => {
    const base = request({ regimes: ['EU-GDPR'], receivedAt: new Date('2026-01-31T03:00:00Z') });
    // The month ends with 28 February in Seoul: 15:00 UTC that day.
    expect(extensionRefusal({ ...base, extension: extension('EU-GDPR', '2026-02-28T14:59:00Z') })).toBeNull();
    expect(extensionRefusal({ ...base, extension: extension('EU-GDPR', '2026-02-28T15:00:00Z') })).toEqual({
      code: 'EXTENSION_TOO_LATE',
      field: 'at',
    });
    expect(extensionRefusal({ ...base, extension: extension('EU-GDPR', '2026-03-02T03:00:00Z') })?.code).toBe(
      'EXTENSION_TOO_LATE',
    );
  });

  it('refuses an extension without reasons', () => {
    const base = request({ regimes: ['EU-GDPR'], receivedAt: new Date('2026-01-31T03:00:00Z') });
    expect(
      extensionRefusal({ ...base, extension: extension('EU-GDPR', '2026-02-02T03:00:00Z', { reasons: '' }) }),
    ).toEqual({
      code: 'EXTENSION_REASONS_REQUIRED',
      field: 'reasons',
    });
  });

  it('refuses a second extension, and does not apply one that slipped through', () => {
    const first = extension('EU-GDPR', '2026-02-02T03:00:00Z', { until: '2026-03-31' });
    const base = request({ regimes: ['EU-GDPR'], receivedAt: new Date('2026-01-31T03:00:00Z'), extensions: [first] });
    const second = extension('EU-GDPR', '2026-02-10T03:00:00Z');
    expect(extensionRefusal({ ...base, extension: second })).toEqual({
      code: 'EXTENSION_ALREADY_USED',
      field: 'regime',
    });
    expect(answerOf({ ...base, extensions: [first, second] }).deadline.dueOn).toBe('2026-03-31');
  });

  it('refuses an extension past three months from receipt in all', () => {
    const base = request({ regimes: ['EU-GDPR'], receivedAt: new Date('2026-01-31T03:00:00Z') });
    const at = '2026-02-02T03:00:00Z';
    // Due 28 February; two more months: 28 April. Three months from receipt would be 30 April.
    expect(extensionRefusal({ ...base, extension: extension('EU-GDPR', at, { until: '2026-04-28' }) })).toBeNull();
    expect(extensionRefusal({ ...base, extension: extension('EU-GDPR', at, { until: '2026-04-30' }) })).toEqual({
      code: 'EXTENSION_TOO_LONG',
      field: 'until',
    });
    expect(extensionRefusal({ ...base, extension: extension('EU-GDPR', at, { until: '2026-05-31' }) })?.code).toBe(
      'EXTENSION_TOO_LONG',
    );
  });

  it('caps the whole period at the total cap even where the extension period alone would allow more', () => {
    const gdpr = rulesOf('EU-GDPR');
    const generous: RegimeRules = {
      ...gdpr,
      extension: { ...gdpr.extension!, rule: { unit: 'months', amount: 6, atRisk: { days: 9 } } },
    };
    const base = request({ regimes: ['EU-GDPR'], receivedAt: new Date('2026-01-31T03:00:00Z'), rules: [generous] });
    const given = extension('EU-GDPR', '2026-02-02T03:00:00Z');
    expect(answerOf({ ...base, extensions: [given] }).deadline.dueOn).toBe('2026-04-30');
    expect(extensionRefusal({ ...base, extension: { ...given, until: '2026-05-01' } })?.code).toBe(
      'EXTENSION_TOO_LONG',
    );
  });

  it('refuses an extension for a regime the request is not under', () => {
    const base = request({ regimes: ['KR-PIPA'], receivedAt: new Date('2026-01-31T03:00:00Z') });
    expect(extensionRefusal({ ...base, extension: extension('KR-PIPA', '2026-01-30T03:00:00Z') })).toEqual({
      code: 'EXTENSION_NOT_ALLOWED',
      field: 'at',
    });
    expect(extensionRefusal({ ...base, extension: extension('EU-GDPR', '2026-02-02T03:00:00Z') })).toEqual({
      code: 'EXTENSION_NOT_ALLOWED',
      field: 'regime',
    });
  });
});

describe('US-CA-CCPA: acknowledge in 10 business days, answer in 45 days, one 45-day extension', () => {
  it('skips Thanksgiving and the day after in the acknowledgement, not in the 45 days', () => {
    // Received Mon 23 November 2026 at 10:00 in Los Angeles.
    const clocks = clocksFor(
      request({ regimes: ['US-CA-CCPA'], receivedAt: new Date('2026-11-23T18:00:00Z'), timeZone: LA }),
    );
    expect(clocks.map((c) => [c.kind, c.deadline.dueOn, c.governs])).toEqual([
      ['acknowledge', '2026-12-09', false],
      ['answer', '2027-01-07', true],
    ]);
  });

  it('skips César Chávez Day (31 March 2026) in the acknowledgement', () => {
    const clocks = clocksFor(
      request({ regimes: ['US-CA-CCPA'], receivedAt: new Date('2026-03-24T17:00:00Z'), timeZone: LA }),
    );
    expect(clocks.find((c) => c.kind === 'acknowledge')?.deadline.dueOn).toBe('2026-04-08');
  });

  it('closes the acknowledgement clock once acknowledged, judged at that moment', () => {
    const receivedAt = new Date('2026-11-23T18:00:00Z');
    const [ack] = clocksFor(
      request({
        regimes: ['US-CA-CCPA'],
        receivedAt,
        timeZone: LA,
        acknowledgedAt: new Date('2026-11-25T18:00:00Z'),
        now: new Date('2026-12-20T18:00:00Z'),
      }),
    );
    expect(ack).toMatchObject({ kind: 'acknowledge', open: false, deadline: { state: 'on_time', daysLeft: 14 } });
  });

  it('does not pause the 45 days while identity is verified', () => {
    const receivedAt = new Date('2026-11-23T18:00:00Z');
    const verifiedAt = new Date('2026-12-21T18:00:00Z');
    const clock = answerOf(request({ regimes: ['US-CA-CCPA'], receivedAt, verifiedAt, timeZone: LA }));
    expect(clock.deadline.dueOn).toBe('2027-01-07');
    // A regime that did pause would count from verification: the flag is what decides.
    const pausing = { ...rulesOf('US-CA-CCPA'), pausesForVerification: true };
    const paused = answerOf(
      request({ regimes: ['US-CA-CCPA'], receivedAt, verifiedAt, timeZone: LA, rules: [pausing] }),
    );
    expect(paused.deadline.dueOn).toBe('2027-02-04');
  });

  it('extends once by 45 days with notice within the first 45', () => {
    const base = request({ regimes: ['US-CA-CCPA'], receivedAt: new Date('2026-11-23T18:00:00Z'), timeZone: LA });
    const given = extension('US-CA-CCPA', '2027-01-05T18:00:00Z');
    expect(extensionRefusal({ ...base, extension: given })).toBeNull();
    expect(answerOf({ ...base, extensions: [given] }).deadline.dueOn).toBe('2027-02-21');
    expect(extensionRefusal({ ...base, extension: extension('US-CA-CCPA', '2027-01-08T18:00:00Z') })?.code).toBe(
      'EXTENSION_TOO_LATE',
    );
    expect(extensionRefusal({ ...base, extensions: [given], extension: given })?.code).toBe('EXTENSION_ALREADY_USED');
  });
});

describe('US-HIPAA: access in 30 days, one 30-day extension with a written statement', () => {
  const base = request({ regimes: ['US-HIPAA'], receivedAt: new Date('2026-03-02T01:00:00Z') });

  it('is due 30 days after receipt; an amendment 60', () => {
    expect(answerOf(base).deadline.dueOn).toBe('2026-04-01');
    expect(answerOf({ ...base, type: 'rectification' }).deadline.dueOn).toBe('2026-05-01');
  });

  it('extends only once, with the completion date named, by at most 30 days', () => {
    const given = extension('US-HIPAA', '2026-03-25T01:00:00Z', { until: '2026-05-01' });
    expect(extensionRefusal({ ...base, extension: given })).toBeNull();
    expect(answerOf({ ...base, extensions: [given] }).deadline.dueOn).toBe('2026-05-01');
    expect(extensionRefusal({ ...base, extensions: [given], extension: { ...given, until: '2026-04-20' } })).toEqual({
      code: 'EXTENSION_ALREADY_USED',
      field: 'regime',
    });
    expect(extensionRefusal({ ...base, extension: { ...given, until: null } })).toEqual({
      code: 'EXTENSION_UNTIL_INVALID',
      field: 'until',
    });
    expect(extensionRefusal({ ...base, extension: { ...given, until: '2026-05-02' } })?.code).toBe(
      'EXTENSION_TOO_LONG',
    );
  });
});

describe('several regimes', () => {
  it('keeps every clock and lets the earliest open answer clock govern', () => {
    const clocks = clocksFor(
      request({ regimes: ['US-CA-CCPA', 'EU-GDPR', 'KR-PIPA'], receivedAt: new Date('2026-09-14T01:00:00Z') }),
    );
    expect(clocks.map((c) => `${c.regime} ${c.kind} ${c.deadline.dueOn}${c.governs ? ' governs' : ''}`)).toEqual([
      'KR-PIPA answer 2026-09-28 governs',
      'EU-GDPR answer 2026-10-14',
      'US-CA-CCPA acknowledge 2026-09-28',
      'US-CA-CCPA answer 2026-10-29',
    ]);
    expect(governingDueOn(clocks)).toBe('2026-09-28');
  });

  it('hands over to the next earliest clock when the governing one is extended', () => {
    // Received 1 July 2026: HIPAA's 30 days end 31 July, before GDPR's month (1 August).
    const base = request({ regimes: ['EU-GDPR', 'US-HIPAA'], receivedAt: new Date('2026-07-01T01:00:00Z') });
    expect(governingDueOn(clocksFor(base))).toBe('2026-07-31');
    const hipaa = extension('US-HIPAA', '2026-07-20T01:00:00Z', { until: '2026-08-30' });
    const clocks = clocksFor({ ...base, extensions: [hipaa] });
    expect(clocks.filter((c) => c.governs).map((c) => c.regime)).toEqual(['EU-GDPR']);
    expect(governingDueOn(clocks)).toBe('2026-08-01');
  });

  it('once closed, keeps the earliest answer clock as the governing one, judged at closure', () => {
    const clocks = clocksFor(
      request({
        regimes: ['EU-GDPR', 'KR-PIPA'],
        receivedAt: new Date('2026-09-14T01:00:00Z'),
        closedAt: new Date('2026-09-30T01:00:00Z'),
        now: new Date('2026-12-01T01:00:00Z'),
      }),
    );
    expect(clocks.map((c) => [c.regime, c.open, c.governs, c.deadline.state])).toEqual([
      ['KR-PIPA', false, true, 'overdue'],
      ['EU-GDPR', false, false, 'on_time'],
    ]);
  });
});

describe('at risk: the last share of the period', () => {
  const receivedAt = new Date('2026-10-06T01:00:00Z'); // KR-PIPA: due Friday 16 October
  const stateAt = (now: string, atRiskShare?: number) =>
    answerOf(request({ regimes: ['KR-PIPA'], receivedAt, now: new Date(now), atRiskShare })).deadline.state;

  it('is at risk in the last 30 % of the 10 days (3 days left), on time before', () => {
    expect(KR_PIPA_RULES.atRiskShare).toBe(0.3);
    expect(stateAt('2026-10-12T01:00:00Z')).toBe('on_time'); // 4 days left
    expect(stateAt('2026-10-13T01:00:00Z')).toBe('at_risk'); // 3 days left
    expect(stateAt('2026-10-16T14:59:59Z')).toBe('at_risk');
    expect(stateAt('2026-10-16T15:00:00Z')).toBe('overdue');
  });

  it('takes a configured share instead', () => {
    expect(stateAt('2026-10-11T01:00:00Z', 0.5)).toBe('at_risk'); // 5 days left
    expect(stateAt('2026-10-10T01:00:00Z', 0.5)).toBe('on_time'); // 6 days left
    expect(stateAt('2026-10-11T01:00:00Z')).toBe('on_time');
    expect(() => stateAt('2026-10-10T01:00:00Z', 1.5)).toThrow(RangeError);
  });
});

describe('calendar spans', () => {
  it('asks for the holidays the periods and their extension may touch', () => {
    const spans = calendarSpans({
      regimes: ['KR-PIPA', 'US-CA-CCPA', 'EU-GDPR'],
      receivedAt: new Date('2026-11-23T18:00:00Z'),
      timeZone: LA,
    });
    expect([...spans.keys()].sort()).toEqual(['KR', 'US-CA']);
    expect(spans.get('US-CA')?.from).toBe('2026-11-23');
    expect((spans.get('US-CA')?.to ?? '') >= '2027-02-21').toBe(true);
    expect((spans.get('KR')?.to ?? '') >= '2026-12-13').toBe(true);
  });
});
