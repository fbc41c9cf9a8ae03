import fc from 'fast-check';
import { DriftChecker, normalise } from './drift-check';
import { PolicyRenderer } from './policy-renderer';
import type { PolicyRegisters, TransferRow } from './register-types';

const transfer = (id: string, position: number, overrides: Partial<TransferRow> = {}): TransferRow => ({
  id,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  policyId: 'policy',
  position,
  recipient: { ko: `수령인 ${id}`, en: `Recipient ${id}` },
  contact: '',
  country: 'US',
  items: { ko: '이름', en: 'Name' },
  purpose: { ko: '보관', en: 'Storage' },
  retention: { kind: 'until_purpose', text: { ko: '', en: '' } },
  timingMethod: { ko: '수시', en: 'Continuously' },
  pipaBasis: 'separate_consent',
  gdprMechanism: 'scc',
  derogation: null,
  refusal: { ko: '', en: '' },
  suspended: false,
  inUse: true,
  ...overrides,
});

const registers = (transfers: TransferRow[]): PolicyRegisters => ({
  policy: {
    id: 'policy',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    code: 'p',
    name: { ko: '', en: 'P' },
    layout: 'maumjuui',
  },
  processors: [],
  provisions: [],
  transfers,
  activities: [],
});

describe('DriftChecker', () => {
  const renderer = new PolicyRenderer();
  const checker = new DriftChecker(renderer);
  const published = (regs: PolicyRegisters) => renderer.markdown(renderer.render(regs, ['transfer'], 'en', 'maumjuui'));

  it('finds no drift between the registers and their own rendering, whatever the cells contain', () => {
    const cell = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => normalise(s) !== '');
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 4 }), (rows) => {
        const regs = registers(
          rows.map(([recipient, items, purpose], i) =>
            transfer(`t${i}`, i, {
              recipient: { ko: recipient, en: recipient },
              items: { ko: items, en: items },
              purpose: { ko: purpose, en: purpose },
            }),
          ),
        );
        const report = checker.check(published(regs), regs, 'maumjuui');
        expect(report.differences).toEqual([]);
        expect(report.tablesChecked).toEqual([
          { table: 'transfer', lang: 'en', layout: 'maumjuui', rows: rows.length },
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('reports a changed cell, a row only the policy has and a row only the registers have', () => {
    const before = registers([transfer('a', 0), transfer('b', 1), transfer('c', 2)]);
    const markdown = published(before);
    const after = registers([transfer('a', 0, { country: 'JP' }), transfer('b', 1), transfer('d', 3)]);
    expect(checker.check(markdown, after, 'maumjuui').differences).toEqual([
      {
        table: 'transfer',
        kind: 'changed_cell',
        row: 'Recipient a',
        column: 'Transfer Country',
        registerValue: 'Japan',
        policyValue: 'United States',
      },
      { table: 'transfer', kind: 'not_in_register', row: 'Recipient c' },
      { table: 'transfer', kind: 'missing_from_policy', row: 'Recipient d' },
    ]);
  });

  it('ignores formatting and spacing in the published policy, and tables it does not know', () => {
    const regs = registers([transfer('a', 0)]);
    const markdown = [
      '| Recipient (Contact) | Transfer Country | Transferred Personal Information | Purpose, Retention Period, Method |',
      '|:--|:-:|--:|---|',
      '|  **Recipient a** | _United   States_ | Name | Purpose: Storage / Period: Until the purpose is achieved / Method: Continuously |',
      '',
      '| Name | Phone |',
      '| --- | --- |',
      '| DPO | 010 |',
    ].join('\n');
    const report = checker.check(markdown, regs, 'maumjuui');
    expect(report.differences).toEqual([]);
    expect(report.ignoredTables).toEqual([{ headers: ['Name', 'Phone'] }]);
  });
});
