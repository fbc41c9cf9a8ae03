import { localDateOf } from '../calendar/local-date';
import { dpaDeadline, inspectionDeadline, RegisterAlertCalculator } from './register-alerts';
import type { ProcessorRow, TransferRow } from './register-types';

const TERMS = {
  purposeLimit: true,
  safeguards: true,
  scope: true,
  reentrustmentLimits: true,
  accessLimits: true,
  supervision: true,
  liability: true,
};

const processor = (overrides: Partial<ProcessorRow>): ProcessorRow => ({
  id: 'p',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  policyId: 'policy',
  parentId: null,
  position: 0,
  recipient: { ko: '수탁사', en: 'Processor' },
  contact: '',
  task: { ko: '', en: 'Hosting' },
  items: { ko: '', en: '' },
  protectionMeasures: { ko: '', en: '' },
  retention: { kind: 'until_contract_end', text: { ko: '', en: '' } },
  country: null,
  contractTerms: TERMS,
  dpaSignedOn: null,
  dpaExpiresOn: null,
  lastInspectionOn: null,
  nextInspectionDue: null,
  status: 'active',
  ...overrides,
});

const transfer = (overrides: Partial<TransferRow>): TransferRow => ({
  id: 't',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  policyId: 'policy',
  position: 0,
  recipient: { ko: '', en: 'Recipient' },
  contact: '',
  country: 'US',
  items: { ko: '', en: 'Name' },
  purpose: { ko: '', en: 'Hosting' },
  retention: { kind: 'until_purpose', text: { ko: '', en: '' } },
  timingMethod: { ko: '', en: '' },
  pipaBasis: 'separate_consent',
  gdprMechanism: 'scc',
  derogation: null,
  refusal: { ko: '', en: '' },
  suspended: false,
  inUse: true,
  ...overrides,
});

describe('register alerts', () => {
  const calc = new RegisterAlertCalculator();
  const today = '2026-11-22';
  const codes = (processors: ProcessorRow[], transfers: TransferRow[] = []) =>
    calc.alerts(processors, transfers, today).map((a) => `${a.code}:${a.rowId}`);

  it('warns 30 days before a DPA expires, and critically once it has', () => {
    expect(codes([processor({ dpaExpiresOn: '2026-12-22' })])).toEqual(['DPA_EXPIRING:p']);
    expect(codes([processor({ dpaExpiresOn: '2026-12-23' })])).toEqual([]);
    const [expired] = calc.alerts([processor({ dpaExpiresOn: '2026-11-01' })], [], today);
    expect(expired).toMatchObject({ severity: 'critical', daysLeft: -21 });
    expect(codes([processor({ dpaExpiresOn: '2026-11-01', status: 'ended' })])).toEqual([]);
  });

  it('flags an inspection due before today, not one due today', () => {
    expect(codes([processor({ nextInspectionDue: '2026-11-21' })])).toEqual(['INSPECTION_OVERDUE:p']);
    expect(codes([processor({ nextInspectionDue: today })])).toEqual([]);
  });

  it('flags missing terms on an active processor and on any sub-processor of one, whatever its own status', () => {
    const parent = processor({ id: 'parent' });
    const sub = processor({
      id: 'sub',
      parentId: 'parent',
      status: 'draft',
      contractTerms: { ...TERMS, liability: false },
    });
    expect(codes([parent, sub])).toEqual(['CONTRACT_TERMS_MISSING:sub']);
    expect(calc.alerts([parent, sub], [], today)[0].missing).toEqual(['liability']);
    expect(codes([processor({ id: 'parent', status: 'draft' }), sub])).toEqual([]);
    expect(codes([parent, { ...sub, contractTerms: TERMS }])).toEqual([]);
  });

  it('flags a transfer in use without a GDPR mechanism, and a suspended one still in use', () => {
    expect(codes([], [transfer({ gdprMechanism: null })])).toEqual(['TRANSFER_WITHOUT_BASIS:t']);
    expect(codes([], [transfer({ suspended: true })])).toEqual(['SUSPENDED_TRANSFER_IN_USE:t']);
    expect(codes([], [transfer({ suspended: true, gdprMechanism: null, inUse: false })])).toEqual([]);
  });
});

describe('register deadlines, counted by the calendar', () => {
  const dpa = (dpaExpiresOn: string, today: string) => dpaDeadline(processor({ dpaExpiresOn }), today);

  it('counts days left across a month end and a leap day', () => {
    expect(dpa('2027-03-01', '2027-02-28')).toEqual({ dueOn: '2027-03-01', daysLeft: 1, state: 'at_risk' });
    expect(dpa('2028-03-01', '2028-02-28')?.daysLeft).toBe(2); // 2028 has 29 February
    expect(dpa('2028-02-29', '2028-03-01')).toEqual({ dueOn: '2028-02-29', daysLeft: -1, state: 'overdue' });
    expect(dpa('2027-01-01', '2026-12-31')?.daysLeft).toBe(1);
  });

  it('turns a DPA at risk exactly 30 days before it runs out, across February', () => {
    expect(dpa('2028-03-01', '2028-01-31')).toMatchObject({ daysLeft: 30, state: 'at_risk' });
    expect(dpa('2028-03-02', '2028-01-31')).toMatchObject({ daysLeft: 31, state: 'on_time' });
    expect(dpa('2028-01-31', '2028-01-31')).toMatchObject({ daysLeft: 0, state: 'at_risk' });
  });

  it('counts from the day it is in Seoul, not in UTC or in the browser', () => {
    // A fixed clock: 00:30 on 1 March 2028 in Seoul, still 29 February in UTC.
    const today = localDateOf(new Date('2028-02-29T15:30:00Z'), 'Asia/Seoul');
    expect(dpa('2028-03-31', today)).toMatchObject({ daysLeft: 30, state: 'at_risk' });
    const [alert] = new RegisterAlertCalculator().alerts([processor({ dpaExpiresOn: '2028-02-29' })], [], today);
    expect(alert).toMatchObject({ code: 'DPA_EXPIRING', severity: 'critical', daysLeft: -1 });
  });

  it('marks an inspection overdue the day after it was due, and counts nothing for an ended row', () => {
    const due = (nextInspectionDue: string, today: string) =>
      inspectionDeadline(processor({ nextInspectionDue }), today);
    expect(due('2028-02-29', '2028-02-29')).toMatchObject({ daysLeft: 0, state: 'on_time' });
    expect(due('2028-02-29', '2028-03-01')).toMatchObject({ daysLeft: -1, state: 'overdue' });
    expect(
      inspectionDeadline(processor({ nextInspectionDue: '2028-02-29', status: 'ended' }), '2028-03-01'),
    ).toBeNull();
    expect(dpaDeadline(processor({ dpaExpiresOn: null }), '2028-03-01')).toBeNull();
  });
});
