import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clockOf,
  reconcile,
  requiredObligations,
  ruleOfRow,
  type IncidentFacts,
  type NotificationRule,
  type RequiredObligation,
} from './notification-engine';

/**
 * The seeded rules, read from the migration itself so the tests check the data the console runs
 * on (the thresholds and periods live there, not in code).
 */
function seededRules(): NotificationRule[] {
  const migration = (name: string) => readFileSync(join(__dirname, '../../../../migrations', name), 'utf8');
  const sql = migration('20261205000200-create-incident-notification-rules.sql');
  // The Korean legal sources, added by a later migration: ('code', 'source') pairs.
  const korean = new Map(
    [...migration('20261209000100-incident-rule-legal-source-ko.sql').matchAll(/\('([a-z_]+)', '([^']+)'\)/g)].map(
      (m) => [m[1], m[2]] as const,
    ),
  );
  const values = sql.slice(sql.indexOf('VALUES'), sql.indexOf('\n);', sql.indexOf('VALUES')) + 3);
  const tuple =
    /\(\s*'([a-z_]+)', '([A-Z-]+)', '([a-z]+)', '(\{[^']*\})',\s*'(\{[^']*\})',\s*'([^']*)',\s*'([^']*)', '([^']*)', (?:'([a-z_]+)'|NULL), (\d+)\s*\)/g;
  return [...values.matchAll(tuple)].map((m) =>
    ruleOfRow({
      code: m[1],
      regime: m[2],
      recipient: m[3],
      period: JSON.parse(m[4]),
      condition: JSON.parse(m[5]),
      legal_source: m[6],
      legal_source_ko: korean.get(m[1]),
      label_ko: m[7],
      label_en: m[8],
      notice_kind: m[9] ?? null,
      position: Number(m[10]),
    }),
  );
}

const RULES = seededRules();
const SEOUL = 'Asia/Seoul';
const NEW_YORK = 'America/New_York';
const AWARE = new Date('2026-09-10T05:20:00Z'); // 14:20 in Seoul

const facts = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({
  regimes: ['KR-PIPA'],
  awareAt: AWARE,
  vector: 'insider',
  affectedEstimated: 10,
  affectedConfirmed: null,
  usLargestStateCount: null,
  sensitiveData: false,
  uniqueIdentifiers: false,
  dataEncrypted: false,
  euRisk: 'unassessed',
  ...over,
});

const codes = (f: IncidentFacts, tz = SEOUL) => requiredObligations(f, RULES, tz).map((o) => o.code);
const one = (f: IncidentFacts, code: string, tz = SEOUL): RequiredObligation => {
  const found = requiredObligations(f, RULES, tz).find((o) => o.code === code);
  if (found === undefined) throw new Error(`${code} not required`);
  return found;
};

describe('the seeded notification rules', () => {
  it('are the eight of the contract, each read as valid data', () => {
    expect(RULES.map((r) => r.code)).toEqual([
      'kr_subjects',
      'kr_regulator',
      'eu_authority',
      'eu_subjects',
      'us_individuals',
      'us_hhs',
      'us_media',
      'us_hhs_yearly_log',
    ]);
  });

  it('refuse a condition naming an unknown fact or operator', () => {
    const row = { code: 'x_rule', regime: 'KR-PIPA', recipient: 'subjects', period: { unit: 'hours', amount: 1 } };
    expect(() => ruleOfRow({ ...row, condition: { fact: 'mood', eq: 1 } })).toThrow(/unknown fact/);
    expect(() => ruleOfRow({ ...row, condition: { fact: 'affectedCount', near: 1 } })).toThrow(/bad operator/);
    expect(() => ruleOfRow({ ...row, period: { unit: 'weeks', amount: 1 }, condition: { any: [] } })).toThrow(
      /bad period/,
    );
  });
});

describe('KR-PIPA', () => {
  it('tells the people affected within 72 hours of awareness', () => {
    const o = one(facts(), 'kr_subjects');
    expect(o.dueAt?.toISOString()).toBe('2026-09-13T05:20:00.000Z');
    expect(o).toMatchObject({ regime: 'KR-PIPA', recipient: 'subjects' });
  });

  it('requires no notice while nobody is known to be affected', () => {
    expect(codes(facts({ affectedEstimated: 0 }))).toEqual([]);
  });

  it('reports to the regulator at 1,000 people, not at 999', () => {
    expect(codes(facts({ affectedEstimated: 999 }))).toEqual(['kr_subjects']);
    const o = one(facts({ affectedEstimated: 1000 }), 'kr_regulator');
    expect(o.dueAt?.toISOString()).toBe('2026-09-13T05:20:00.000Z');
    expect(o.grounds).toEqual({
      affectedCount: 1000,
      countSource: 'estimated',
      held: [{ fact: 'affectedCount', gte: 1000, value: 1000 }],
    });
  });

  it('reports to the regulator for sensitive data, unique identifiers or hacking from outside, at any count', () => {
    for (const over of [
      { sensitiveData: true },
      { uniqueIdentifiers: true },
      { vector: 'outside_hacking' as const },
    ] satisfies Partial<IncidentFacts>[]) {
      expect(codes(facts({ affectedEstimated: 3, ...over }))).toEqual(['kr_subjects', 'kr_regulator']);
    }
    const all = one(
      facts({ affectedEstimated: 3, sensitiveData: true, vector: 'outside_hacking' }),
      'kr_regulator',
    ).grounds;
    expect(all.held).toEqual([
      { fact: 'sensitiveData', eq: true, value: true },
      { fact: 'vector', eq: 'outside_hacking', value: 'outside_hacking' },
    ]);
    expect(codes(facts({ affectedEstimated: 3, vector: 'loss_theft' }))).toEqual(['kr_subjects']);
  });

  it('counts the confirmed number when known, else the estimate', () => {
    expect(codes(facts({ affectedEstimated: 5000, affectedConfirmed: 999 }))).toEqual(['kr_subjects']);
    expect(codes(facts({ affectedEstimated: 10, affectedConfirmed: 1000 }))).toEqual(['kr_subjects', 'kr_regulator']);
    expect(one(facts({ affectedEstimated: 10, affectedConfirmed: 1000 }), 'kr_regulator').grounds).toMatchObject({
      affectedCount: 1000,
      countSource: 'confirmed',
    });
  });

  it('applies only to an incident under the PIPA', () => {
    expect(codes(facts({ regimes: [], affectedEstimated: 5000 }))).toEqual([]);
  });
});

describe('EU-GDPR', () => {
  const eu = (over: Partial<IncidentFacts> = {}) => facts({ regimes: ['EU-GDPR'], ...over });

  it('reports to the authority within 72 hours, also while the risk is unassessed (the safe side)', () => {
    for (const euRisk of ['unassessed', 'risk', 'high'] as const) {
      const o = one(eu({ euRisk }), 'eu_authority');
      expect(o.dueAt?.toISOString()).toBe('2026-09-13T05:20:00.000Z');
      expect(o.recipient).toBe('authority');
    }
  });

  it('does not report when the breach is unlikely to result in a risk', () => {
    expect(codes(eu({ euRisk: 'unlikely' }))).toEqual([]);
  });

  it('tells the people only when the risk is high and the data were not encrypted', () => {
    expect(codes(eu({ euRisk: 'risk' }))).toEqual(['eu_authority']);
    expect(codes(eu({ euRisk: 'high' }))).toEqual(['eu_authority', 'eu_subjects']);
    expect(codes(eu({ euRisk: 'high', dataEncrypted: true }))).toEqual(['eu_authority']);
    expect(one(eu({ euRisk: 'high' }), 'eu_subjects').dueAt?.toISOString()).toBe('2026-09-13T05:20:00.000Z');
  });
});

describe('US-HIPAA', () => {
  const us = (over: Partial<IncidentFacts> = {}) =>
    facts({ regimes: ['US-HIPAA'], awareAt: new Date('2026-09-10T18:00:00Z'), ...over }); // 14:00 EDT

  it('tells individuals within 60 calendar days of discovery, due at the end of the 60th day', () => {
    const o = one(us(), 'us_individuals', NEW_YORK);
    // 10 September + 60 days = 9 November, which ends at midnight EST (UTC-5, after the change).
    expect(o.dueAt?.toISOString()).toBe('2026-11-10T05:00:00.000Z');
  });

  it('below 500: the yearly log, due 60 days after the end of the year of discovery', () => {
    expect(codes(us({ affectedEstimated: 499, usLargestStateCount: 499 }), NEW_YORK)).toEqual([
      'us_individuals',
      'us_hhs_yearly_log',
    ]);
    // 31 December 2026 + 60 days = 1 March 2027, ending at midnight EST.
    expect(one(us({ affectedEstimated: 499 }), 'us_hhs_yearly_log', NEW_YORK).dueAt?.toISOString()).toBe(
      '2027-03-02T05:00:00.000Z',
    );
  });

  it('counts the year in the organisation time zone (New Year’s Eve in New York is already January in UTC)', () => {
    const o = one(us({ awareAt: new Date('2027-01-01T02:00:00Z') }), 'us_hhs_yearly_log', NEW_YORK);
    expect(o.dueAt?.toISOString()).toBe('2027-03-02T05:00:00.000Z');
  });

  it('at 500: HHS within 60 days, and the media only when more than 500 in one state', () => {
    expect(codes(us({ affectedEstimated: 500, usLargestStateCount: 300 }), NEW_YORK)).toEqual([
      'us_individuals',
      'us_hhs',
    ]);
    expect(codes(us({ affectedEstimated: 900, usLargestStateCount: 500 }), NEW_YORK)).toEqual([
      'us_individuals',
      'us_hhs',
    ]);
    expect(codes(us({ affectedEstimated: 900, usLargestStateCount: 501 }), NEW_YORK)).toEqual([
      'us_individuals',
      'us_hhs',
      'us_media',
    ]);
    expect(codes(us({ affectedEstimated: 900, usLargestStateCount: null }), NEW_YORK)).toEqual([
      'us_individuals',
      'us_hhs',
    ]);
    const hhs = one(us({ affectedEstimated: 500 }), 'us_hhs', NEW_YORK);
    expect(hhs.dueAt?.toISOString()).toBe('2026-11-10T05:00:00.000Z');
  });

  it('uses the confirmed count for HHS too', () => {
    expect(codes(us({ affectedEstimated: 800, affectedConfirmed: 120 }), NEW_YORK)).toEqual([
      'us_individuals',
      'us_hhs_yearly_log',
    ]);
  });
});

describe('clocks across a daylight-saving change', () => {
  it('a 72-hour clock is 72 elapsed hours, not three wall-clock days', () => {
    // 31 October 2026 09:00 EDT; clocks go back on 1 November: 72 h later is 3 November 08:00 EST.
    const aware = new Date('2026-10-31T13:00:00Z');
    const o = one(facts({ regimes: ['EU-GDPR'], awareAt: aware }), 'eu_authority', NEW_YORK);
    expect(o.dueAt?.toISOString()).toBe('2026-11-03T13:00:00.000Z');
    expect(clockOf(o.dueAt, aware).hoursLeft).toBe(72);
  });

  it('a 60-day clock ends at local midnight on either side of the change', () => {
    // Aware in January (EST); daylight saving starts on 8 March, before the 60th day.
    const spring = one(
      facts({ regimes: ['US-HIPAA'], awareAt: new Date('2026-01-20T15:00:00Z') }),
      'us_individuals',
      NEW_YORK,
    );
    // 20 January + 60 = 21 March, ending at midnight EDT (UTC-4).
    expect(spring.dueAt?.toISOString()).toBe('2026-03-22T04:00:00.000Z');
  });
});

describe('clockOf', () => {
  const due = new Date('2026-09-13T05:20:00Z');

  it('is on time with 24 hours or more left, due soon under 24 hours, overdue once past', () => {
    expect(clockOf(due, new Date('2026-09-12T05:20:00Z'))).toEqual({
      dueAt: '2026-09-13T05:20:00.000Z',
      hoursLeft: 24,
      state: 'on_time',
    });
    expect(clockOf(due, new Date('2026-09-12T05:21:00Z'))).toMatchObject({ hoursLeft: 23, state: 'due_soon' });
    expect(clockOf(due, new Date('2026-09-13T05:20:00Z'))).toMatchObject({ hoursLeft: 0, state: 'overdue' });
    expect(clockOf(due, new Date('2026-09-13T08:50:00Z'))).toMatchObject({ hoursLeft: -3, state: 'overdue' });
  });

  it('has no countdown without a due time', () => {
    expect(clockOf(null, due)).toEqual({ dueAt: null, hoursLeft: null, state: null });
  });
});

describe('reconcile after a change of facts', () => {
  const stored = (required: RequiredObligation[]) =>
    required.map((o) => ({ code: o.code, status: 'pending' as const, dueAt: o.dueAt }));

  it('900 people growing to 1,200 adds the report to the regulator, and nothing else changes', () => {
    const before = requiredObligations(facts({ affectedEstimated: 900 }), RULES, SEOUL);
    expect(before.map((o) => o.code)).toEqual(['kr_subjects']);
    const after = requiredObligations(facts({ affectedEstimated: 900, affectedConfirmed: 1200 }), RULES, SEOUL);
    const change = reconcile(stored(before), after);
    expect(change.add.map((o) => o.code)).toEqual(['kr_regulator']);
    expect(change.add[0].dueAt?.toISOString()).toBe('2026-09-13T05:20:00.000Z');
    expect(change.add[0].grounds).toMatchObject({ affectedCount: 1200, countSource: 'confirmed' });
    expect(change).toMatchObject({ withdraw: [], reinstate: [], redate: [] });
  });

  it('withdraws a pending obligation the facts no longer require, and reinstates it when they do again', () => {
    const high = requiredObligations(facts({ affectedEstimated: 1500 }), RULES, SEOUL);
    const low = requiredObligations(facts({ affectedEstimated: 1500, affectedConfirmed: 40 }), RULES, SEOUL);
    const down = reconcile(stored(high), low);
    expect(down).toEqual({ add: [], withdraw: ['kr_regulator'], reinstate: [], redate: [] });

    const afterWithdrawal = [
      { code: 'kr_subjects', status: 'pending' as const, dueAt: high[0].dueAt },
      { code: 'kr_regulator', status: 'withdrawn' as const, dueAt: high[1].dueAt },
    ];
    const up = reconcile(afterWithdrawal, high);
    expect(up.reinstate.map((o) => o.code)).toEqual(['kr_regulator']);
    expect(up).toMatchObject({ add: [], withdraw: [], redate: [] });
  });

  it('redates a pending obligation when awareness moves; leaves done and decided ones alone', () => {
    const before = requiredObligations(facts({ regimes: ['KR-PIPA', 'EU-GDPR'] }), RULES, SEOUL);
    const moved = requiredObligations(
      facts({ regimes: ['KR-PIPA', 'EU-GDPR'], awareAt: new Date('2026-09-09T00:00:00Z') }),
      RULES,
      SEOUL,
    );
    const rows = [
      { code: 'kr_subjects', status: 'pending' as const, dueAt: before[0].dueAt },
      { code: 'eu_authority', status: 'done' as const, dueAt: before[1].dueAt },
    ];
    const change = reconcile(rows, moved);
    expect(change.redate.map((o) => [o.code, o.dueAt?.toISOString()])).toEqual([
      ['kr_subjects', '2026-09-12T00:00:00.000Z'],
    ]);
    expect(change).toMatchObject({ add: [], withdraw: [], reinstate: [] });

    // Unlikely risk: the authority report is no longer required, but a done one stays done.
    const unlikely = requiredObligations(facts({ regimes: ['KR-PIPA', 'EU-GDPR'], euRisk: 'unlikely' }), RULES, SEOUL);
    expect(reconcile(rows, unlikely).withdraw).toEqual([]);
    const decided = [{ code: 'eu_authority', status: 'not_required' as const, dueAt: before[1].dueAt }];
    expect(
      reconcile(
        decided,
        before.filter((o) => o.code === 'eu_authority'),
      ),
    ).toEqual({ add: [], withdraw: [], reinstate: [], redate: [] });
  });
});

describe('the seeded rules', () => {
  it('cite their legal sources in Korean and in English', () => {
    expect(RULES.map((r) => r.code)).toHaveLength(8);
    for (const { code, legalSource } of RULES) {
      expect({ code, en: legalSource.en }).toEqual({ code, en: expect.stringMatching(/^(PIPA|GDPR|45 CFR) /) });
      expect({ code, ko: legalSource.ko }).toEqual({ code, ko: expect.stringMatching(/[가-힣]/) });
    }
    expect(RULES.find((r) => r.code === 'kr_regulator')!.legalSource.ko).toBe(
      '「개인정보 보호법」 제34조제3항, 같은 법 시행령 제40조제1항',
    );
  });
});
