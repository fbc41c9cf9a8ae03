import fc from 'fast-check';
import { profileRegisters, publishedText } from '../../../test/support/register-profiles';
import { DriftChecker, normalise } from './drift-check';
import { PolicyRenderer, type RenderedTable } from './policy-renderer';
import { MAUMJUUI_PROFILE } from './profiles/maumjuui.profile';
import { SHELBY_PROFILE } from './profiles/shelby.profile';
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
  retentionRules: [],
});

/** Tables as a web page copied as plain text gives them: the headers, then every cell, one per line. */
const asPlainText = (tables: RenderedTable[]) =>
  tables.flatMap((t) => [t.title, '', ...t.sections.flatMap((s) => [...s.headers, ...s.rows.flat(), ''])]).join('\n');

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

  it('reads plain-text tables of any layout (headers, then one cell per line) and finds no drift from their own rendering', () => {
    const cell = fc
      .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
      .filter((s) => normalise(s) !== '' && !/[\r\n]/.test(s));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('ko' as const, 'en' as const),
        fc.constantFrom('maumjuui' as const, 'standard' as const),
        (rows, lang, layout) => {
          const regs = registers(
            rows.map(([recipient, items, purpose], i) =>
              transfer(`t${i}`, i, {
                recipient: { ko: recipient, en: recipient },
                items: { ko: items, en: items },
                purpose: { ko: purpose, en: purpose },
                // The format has no way to write an empty cell: a blank line ends the table.
                refusal: { ko: '거부 가능', en: 'You may refuse' },
              }),
            ),
          );
          const text = asPlainText(renderer.render(regs, ['transfer'], lang, layout));
          const report = checker.check(text, regs, layout);
          expect(report.differences).toEqual([]);
          expect(report.tablesChecked).toEqual([{ table: 'transfer', lang, layout, rows: rows.length }]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads tab-separated tables too', () => {
    const regs = registers([transfer('a', 0), transfer('b', 1)]);
    const [table] = renderer.render(regs, ['transfer'], 'en', 'maumjuui');
    const text = [table.sections[0].headers, ...table.sections[0].rows].map((r) => r.join('\t')).join('\r\n');
    const report = checker.check(text, regs, 'maumjuui');
    expect(report).toMatchObject({ inSync: true, differences: [] });
    expect(report.tablesChecked).toEqual([{ table: 'transfer', lang: 'en', layout: 'maumjuui', rows: 2 }]);
  });

  it('finds a Markdown table indented in a list item or written without outer pipes, and reads formatted record lines', () => {
    const shelby = profileRegisters(SHELBY_PROFILE);
    const [entrustment] = renderer.render(shelby, ['entrustment'], 'ko', 'shelby');
    const rows = entrustment.sections[0].rows;
    const text = [
      '1. 위탁',
      '',
      '   수탁업체 | 위탁업무 내용 | 보유 및 이용기간',
      '   --- | --- | ---',
      ...rows.map((r) => `   ${r.join(' | ')}`),
      '',
      '- **계약 또는 청약철회 등에 관한 기록**: 5년',
      '- *대금결제 및 재화 등의 공급에 관한 기록*: `5년`',
      '- 소비자 불만 및 분쟁 처리에 관한 기록: 3년',
      '- [서비스 방문에 관한 기록](https://example.com/logs): 3개월',
    ].join('\n');
    const report = checker.check(text, shelby, 'shelby');
    expect(report.tablesChecked).toEqual([
      { table: 'entrustment', lang: 'ko', layout: 'shelby', rows: 4 },
      { table: 'records', lang: 'ko', layout: 'shelby', rows: 4 },
    ]);
    expect(report.differences.map((d) => `${d.kind}:${d.table}`)).toEqual([
      'missing_table:collection',
      'missing_table:provision',
    ]);
  });

  describe('the published policies, as they are', () => {
    const maumjuui = profileRegisters(MAUMJUUI_PROFILE);
    const shelby = profileRegisters(SHELBY_PROFILE);
    const maumjuuiText = publishedText('maumjuui-global-privacy-policy.txt');
    const shelbyMarkdown = publishedText('shelby-privacy-policy-ko.md');

    it('finds the three tables of the MaumJuui policy in its published plain text, in sync', () => {
      const report = checker.check(maumjuuiText, maumjuui, 'maumjuui');
      expect(report.differences).toEqual([]);
      expect(report.inSync).toBe(true);
      expect(report.tablesChecked).toEqual([
        { table: 'collection', lang: 'en', layout: 'maumjuui', rows: 6 },
        { table: 'entrustment', lang: 'en', layout: 'maumjuui', rows: 4 },
        { table: 'transfer', lang: 'en', layout: 'maumjuui', rows: 3 },
      ]);
    });

    it('detects a changed cell and a dropped cell in the MaumJuui plain text', () => {
      const changed = maumjuuiText.replace('Meeting Generation and Connection Management\n', 'Meeting Generation\n');
      expect(changed).not.toBe(maumjuuiText);
      expect(checker.check(changed, maumjuui, 'maumjuui').differences).toEqual([
        {
          table: 'entrustment',
          kind: 'changed_cell',
          row: 'Zoom Communications Inc. (API)',
          column: 'Outsourced Task',
          registerValue: 'Meeting Generation and Connection Management',
          policyValue: 'Meeting Generation',
        },
      ]);
      // The last row of the transfer table loses its last cell: that cell is reported empty.
      const dropped = maumjuuiText.replace(
        /\nPurpose: Meeting reservation and proxy creation of secure consultation links [^\n]*\n/,
        '\n',
      );
      expect(dropped).not.toBe(maumjuuiText);
      expect(checker.check(dropped, maumjuui, 'maumjuui').differences).toEqual([
        expect.objectContaining({
          table: 'transfer',
          kind: 'changed_cell',
          row: 'Zoom Communications Inc. (API)',
          column: 'Purpose, Retention Period, Method',
          policyValue: '',
        }),
      ]);
    });

    it('finds every table of the Shelby policy, 제5조 included, in sync', () => {
      const report = checker.check(shelbyMarkdown, shelby, 'shelby');
      expect(report.differences).toEqual([]);
      expect(report.inSync).toBe(true);
      expect(report.tablesChecked).toEqual(
        expect.arrayContaining([{ table: 'records', lang: 'ko', layout: 'shelby', rows: 4 }]),
      );
      expect(report.tablesChecked.map((t) => t.table).sort()).toEqual([
        'collection',
        'entrustment',
        'provision',
        'records',
      ]);
    });

    it('detects a changed period in Shelby 제5조', () => {
      const changed = shelbyMarkdown.replace(
        '소비자 불만 및 분쟁 처리에 관한 기록: 3년',
        '소비자 불만 및 분쟁 처리에 관한 기록: 5년',
      );
      expect(changed).not.toBe(shelbyMarkdown);
      expect(checker.check(changed, shelby, 'shelby').differences).toEqual([
        {
          table: 'records',
          kind: 'changed_cell',
          row: '소비자 불만 및 분쟁 처리에 관한 기록',
          column: '보존 기간',
          registerValue: '3년',
          policyValue: '5년',
        },
      ]);
    });

    it('is not in sync with an empty document: it names each table the policy has and the text lacks', () => {
      const empty = checker.check('', maumjuui, 'maumjuui');
      expect(empty.inSync).toBe(false);
      expect(empty.differences).toEqual([
        {
          table: 'collection',
          kind: 'missing_table',
          title: 'Personal Information Collected',
          section: '1. Collection — A. Personal Information Collected',
          registerRows: 6,
        },
        {
          table: 'entrustment',
          kind: 'missing_table',
          title: 'Entrustment of Personal Information Processing',
          section: '3. Sharing and Third-Party Data Provision',
          registerRows: 4,
        },
        {
          table: 'transfer',
          kind: 'missing_table',
          title: 'International Transfer of Personal Information',
          section: '4. International Data Transfer and Data Protection Measures',
          registerRows: 3,
        },
      ]);
      const shelbyEmpty = checker.check('# 개인정보 처리방침\n\n내용 없음', shelby, 'shelby');
      expect(shelbyEmpty.inSync).toBe(false);
      expect(shelbyEmpty.differences.map((d) => [d.kind, d.table, d.section])).toEqual([
        ['missing_table', 'collection', '제1조 (수집하는 개인정보 항목 및 수집 방법)'],
        ['missing_table', 'records', '제5조 (개인정보의 보유 및 처리 기간)'],
        ['missing_table', 'provision', '제7조 (개인정보의 제3자 제공)'],
        ['missing_table', 'entrustment', '제8조 (개인정보의 위탁 처리)'],
      ]);
    });

    it('reports Shelby’s 제8조 table as missing when the text lacks it', () => {
      const without = shelbyMarkdown.replace(/^\| 수탁업체 \|[^]*?\n\n/m, '');
      expect(without).not.toContain('수탁업체');
      const report = checker.check(without, shelby, 'shelby');
      expect(report.inSync).toBe(false);
      expect(report.differences).toEqual([
        {
          table: 'entrustment',
          kind: 'missing_table',
          title: '개인정보 처리의 위탁',
          section: '제8조 (개인정보의 위탁 처리)',
          registerRows: 4,
        },
      ]);
    });
  });
});
