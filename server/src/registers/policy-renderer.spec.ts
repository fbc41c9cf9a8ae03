import { PolicyRenderer } from './policy-renderer';
import type { PolicyRegisters, ProcessorRow } from './register-types';

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
});
