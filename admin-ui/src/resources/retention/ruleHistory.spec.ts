/// <reference types="jest" />
import { ruleChanges } from './ruleHistory';
import type { RuleVersion } from './retentionTypes';

const version = (n: number, rule: Record<string, unknown>): RuleVersion => ({
  version: n,
  rule,
  reason: `why ${n}`,
  changedBy: null,
  createdAt: `2026-12-0${n}T00:00:00Z`,
});

const base = {
  name: { ko: '결제 기록', en: 'Payment records' },
  category: 'payments',
  trigger: 'transaction_date',
  action: 'destroy',
  retention: { kind: 'statutory', period: 'P5Y', law: '전자상거래법', display: { ko: '5년', en: '5 years' } },
  noticePeriod: null,
  enabled: true,
};

describe('ruleChanges', () => {
  it('lists, for each version, only what differs from the version before', () => {
    const versions = [
      version(3, { ...base, enabled: false, retention: { ...base.retention, period: 'P6Y' } }),
      version(2, { ...base, retention: { ...base.retention, period: 'P6Y' } }),
      version(1, base),
    ];
    const changes = ruleChanges(versions);
    expect(changes.get(2)).toEqual([{ field: 'retention.period', before: 'P5Y', after: 'P6Y' }]);
    expect(changes.get(3)).toEqual([{ field: 'enabled', before: true, after: false }]);
  });

  it('shows the first version as its set values, without a "before", and never the generated wording', () => {
    const first = ruleChanges([version(1, base)]).get(1)!;
    expect(first.every((change) => change.before === undefined)).toBe(true);
    expect(first.map((change) => change.field)).toEqual([
      'name.ko',
      'name.en',
      'category',
      'trigger',
      'action',
      'retention.period',
      'retention.law',
      'retention.kind',
      'enabled',
    ]);
  });

  it('treats a missing and a null value as the same (no empty change rows)', () => {
    const changes = ruleChanges([version(2, { ...base, noticePeriod: undefined }), version(1, base)]);
    expect(changes.get(2)).toEqual([]);
  });
});
