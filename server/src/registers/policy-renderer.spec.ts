import { profileRegisters, publishedText } from '../../../test/support/register-profiles';
import { PolicyRenderer } from './policy-renderer';
import { MAUMJUUI_PROFILE } from './profiles/maumjuui.profile';
import { SHELBY_PROFILE } from './profiles/shelby.profile';
import { POLICY_TABLES, type PolicyRegisters, type ProcessorRow } from './register-types';

const processor = (id: string, position: number, overrides: Partial<ProcessorRow> = {}): ProcessorRow => ({
  id,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  policyId: 'policy',
  parentId: null,
  position,
  recipient: { ko: `수탁사 ${id}`, en: `Processor ${id}` },
  contact: '',
  task: { ko: '저장', en: '' },
  items: { ko: '', en: '' },
  protectionMeasures: { ko: '', en: '' },
  retention: { kind: 'duration', period: 'P30D', after: 'counseling_end', text: { ko: '', en: '' } },
  country: 'KR',
  contractTerms: {
    purposeLimit: true,
    safeguards: true,
    scope: true,
    reentrustmentLimits: true,
    accessLimits: true,
    supervision: true,
    liability: true,
  },
  dpaSignedOn: null,
  dpaExpiresOn: null,
  lastInspectionOn: null,
  nextInspectionDue: null,
  status: 'active',
  ...overrides,
});

const registers = (processors: ProcessorRow[]): PolicyRegisters => ({
  policy: {
    id: 'policy',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    code: 'p',
    name: { ko: 'P', en: 'P' },
    layout: 'standard',
  },
  processors,
  provisions: [],
  transfers: [],
  activities: [],
  retentionRules: [],
});

describe('PolicyRenderer', () => {
  const renderer = new PolicyRenderer();

  it('lists active processors in order, each followed by its sub-processors, labelled as such', () => {
    const regs = registers([
      processor('b', 1),
      processor('sub', 0, { parentId: 'a' }),
      processor('a', 0),
      processor('draft', 2, { status: 'draft' }),
      processor('ended', 3, { status: 'ended' }),
    ]);
    const [ko] = renderer.render(regs, ['entrustment'], 'ko', 'shelby');
    expect(ko.sections[0].rows.map((r) => r[0])).toEqual(['수탁사 a', '수탁사 sub (수탁사 a의 재수탁자)', '수탁사 b']);
    expect(ko.sections[0].rows[0]).toEqual(['수탁사 a', '저장', '상담 종료 후 30일']);
    const [en] = renderer.render(regs, ['entrustment'], 'en', 'standard');
    expect(en.sections[0].headers).toEqual([
      'Processor',
      'Entrusted Task',
      'Items Entrusted',
      'Protection Measures',
      'Retention Period',
    ]);
    // An English text left empty falls back to the Korean one.
    expect(en.sections[0].rows[1]).toEqual([
      'Processor sub (sub-processor of Processor a)',
      '저장',
      '',
      '',
      '30 days after counseling ends',
    ]);
  });

  it('escapes cells in HTML and Markdown so register text cannot inject markup', () => {
    const regs = registers([processor('x', 0, { recipient: { ko: '<img src=x onerror=alert(1)> | *bold*', en: '' } })]);
    const tables = renderer.render(regs, ['entrustment'], 'ko', 'shelby');
    expect(renderer.html(tables)).toContain('<td>&lt;img src=x onerror=alert(1)&gt; | *bold*</td>');
    expect(renderer.markdown(tables)).toContain('| \\<img src=x onerror=alert(1)\\> \\| \\*bold\\* |');
  });

  it('renders only the tables the policy has: no third-party table for MaumJuui, no transfer table for Shelby', () => {
    const maumjuui = profileRegisters(MAUMJUUI_PROFILE);
    const shelby = profileRegisters(SHELBY_PROFILE);
    for (const lang of ['ko', 'en'] as const) {
      const m = renderer.render(maumjuui, POLICY_TABLES, lang, 'maumjuui');
      expect(m.map((t) => t.table)).toEqual(['collection', 'entrustment', 'transfer']);
      expect(m.every((t) => t.none === null && t.sections.every((s) => s.rows.length > 0))).toBe(true);
      const s = renderer.render(shelby, POLICY_TABLES, lang, 'shelby');
      expect(s.map((t) => t.table)).toEqual(['collection', 'records', 'provision', 'entrustment']);
      expect(s.every((t) => t.none === null && t.sections.every((section) => section.rows.length > 0))).toBe(true);
      // Asked for by name, a table the policy does not have is not rendered either.
      expect(renderer.render(maumjuui, ['provision'], lang, 'maumjuui')).toEqual([]);
      expect(renderer.render(shelby, ['transfer'], lang, 'shelby')).toEqual([]);
    }
    const markdown = renderer.markdown(renderer.render(maumjuui, POLICY_TABLES, 'en', 'maumjuui'));
    expect(markdown).not.toContain('Provision of Personal Information to Third Parties');
    expect(markdown).not.toContain('Recipient | Purpose of Provision');
    const html = renderer.html(renderer.render(shelby, POLICY_TABLES, 'ko', 'shelby'));
    expect(html).not.toContain('국외 이전');
    expect(html).not.toContain('이전받는 자');
  });

  it('states "none" in the policy’s words for a table it has whose register has no row, instead of an empty table', () => {
    const shelby = profileRegisters(SHELBY_PROFILE);
    const ended = { ...shelby, provisions: shelby.provisions.map((p) => ({ ...p, status: 'ended' as const })) };
    const [ko] = renderer.render(ended, ['provision'], 'ko', 'shelby');
    expect(ko).toMatchObject({
      table: 'provision',
      sections: [],
      none: '회사는 개인정보를 제3자에게 제공하지 않습니다.',
    });
    const markdown = renderer.markdown([ko]);
    expect(markdown).toContain('회사는 개인정보를 제3자에게 제공하지 않습니다.');
    expect(markdown).not.toContain('| 제공받는 자');
    const [en] = renderer.render(ended, ['provision'], 'en', 'shelby');
    expect(renderer.html([en])).toContain('<p>The Company does not provide personal information to third parties.</p>');
    expect(renderer.html([en])).not.toContain('<table>');
    // Shelby 제5조 with no rule to list: the statement, without the lead-in that announces a list.
    const [records] = renderer.render({ ...shelby, retentionRules: [] }, ['records'], 'ko', 'shelby');
    expect(records).toMatchObject({ sections: [], intro: null, none: '법령에 따라 따로 보존하는 기록이 없습니다.' });
  });

  it('renders Shelby 제5조 from the retention rules, as the published policy words it, in Korean and English', () => {
    const shelby = profileRegisters(SHELBY_PROFILE);
    const published = publishedText('shelby-privacy-policy-ko.md');
    const article5 = published.slice(published.indexOf('## 제5조'), published.indexOf('## 제6조'));
    const publishedItems = article5
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^- .+: .+$/.test(l));
    expect(publishedItems).toHaveLength(4);

    const [ko] = renderer.render(shelby, ['records'], 'ko', 'shelby');
    expect(ko.form).toBe('list');
    expect(ko.sections[0].rows).toEqual([
      ['계약 또는 청약철회 등에 관한 기록', '5년'],
      ['대금결제 및 재화 등의 공급에 관한 기록', '5년'],
      ['소비자 불만 및 분쟁 처리에 관한 기록', '3년'],
      ['서비스 방문에 관한 기록', '3개월'],
    ]);
    const markdown = renderer.markdown([ko]);
    expect(markdown.split('\n').filter((l) => l.startsWith('- '))).toEqual(publishedItems);
    expect(markdown).toContain('단, 다음의 법령에 따라 일정 기간 보존할 수 있습니다.');

    const [en] = renderer.render(shelby, ['records'], 'en', 'shelby');
    expect(
      renderer
        .markdown([en])
        .split('\n')
        .filter((l) => l.startsWith('- ')),
    ).toEqual([
      '- Records of contracts and withdrawals of offers: 5 years',
      '- Records of payments and supply of goods: 5 years',
      '- Records of consumer complaints and dispute resolution: 3 years',
      '- Records of visits to the service: 3 months',
    ]);
    expect(renderer.html([en])).toContain('<li>Records of visits to the service: 3 months</li>');

    // The standard layout lists every statutory rule as a table with the law.
    const [standard] = renderer.render(shelby, ['records'], 'ko', 'standard');
    expect(standard.form).toBe('table');
    expect(standard.sections[0].headers).toEqual(['보존하는 기록', '보존 기간', '근거 법령']);
    expect(standard.sections[0].rows).toContainEqual(['표시·광고에 관한 기록', '6개월', '전자상거래법 시행령 제6조']);
  });
});
