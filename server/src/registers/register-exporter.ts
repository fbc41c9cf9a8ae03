import { Injectable } from '@nestjs/common';
import { csvDocument, formulaSafe } from '../common/csv';
import { Workbook } from 'exceljs';
import { countryName } from './countries';
import { escapeMarkdown, pick } from './policy-renderer';
import { CONTRACT_TERMS, type Lang, type RetentionRuleRow } from './register-types';
import { retentionDisplay } from './retention';

/** The registers an export can hold (API.md, Exports). */
export type ExportRegister =
  'policies' | 'processors' | 'provisions' | 'transfers' | 'activities' | 'retention-rules' | 'disclosures';

type Row = Record<string, unknown>;

const text = (field: string) => [`${field}.ko`, `${field}.en`];
const retention = [
  'retention.kind',
  'retention.period',
  'retention.after',
  'retention.law',
  'retention.options',
  'retention.display.ko',
  'retention.display.en',
];
const meta = ['version', 'createdAt', 'updatedAt'];

/** Columns of each register's CSV and sheet, one per leaf field, in a stable order. */
export const EXPORT_COLUMNS: Record<ExportRegister, string[]> = {
  policies: ['id', 'code', ...text('name'), 'layout', ...meta],
  processors: [
    'id',
    'policyId',
    'parentId',
    'position',
    ...text('recipient'),
    'contact',
    ...text('task'),
    ...text('items'),
    ...text('protectionMeasures'),
    ...retention,
    'country',
    ...CONTRACT_TERMS.map((t) => `contractTerms.${t}`),
    'missingTerms',
    'dpaSignedOn',
    'dpaExpiresOn',
    'lastInspectionOn',
    'nextInspectionDue',
    'status',
    ...meta,
  ],
  provisions: [
    'id',
    'policyId',
    'position',
    ...text('recipient'),
    ...text('purpose'),
    ...text('items'),
    ...retention,
    'legalBasis',
    ...text('refusal'),
    'status',
    ...meta,
  ],
  transfers: [
    'id',
    'policyId',
    'position',
    ...text('recipient'),
    'contact',
    'country',
    ...text('countryName'),
    ...text('items'),
    ...text('purpose'),
    ...retention,
    ...text('timingMethod'),
    'pipaBasis',
    'gdprMechanism',
    'derogation',
    ...text('refusal'),
    'suspended',
    'inUse',
    ...meta,
  ],
  activities: [
    'id',
    'policyId',
    'position',
    ...text('section'),
    ...text('name'),
    ...text('purpose'),
    ...text('items'),
    'legalBasis',
    'art9Condition',
    'subjectCategories',
    'dataCategories',
    'processorIds',
    'provisionIds',
    'transferIds',
    ...retention,
    'retentionRuleId',
    ...text('securityMeasures'),
    'controllerContact',
    'dpoContact',
    'status',
    ...meta,
  ],
  'retention-rules': [
    'id',
    'code',
    ...text('name'),
    ...retention.filter((c) => !c.startsWith('retention.text')),
    'source',
  ],
  disclosures: [
    'id',
    'subjectId',
    'authority',
    'basisType',
    'legalBasis',
    'requestReference',
    'items',
    'disclosedOn',
    'approvedBy',
    'shareWithSubject',
    'notes',
    ...meta,
  ],
};

const SHEET_NAMES: Record<ExportRegister, string> = {
  policies: 'Policies',
  activities: 'Activities',
  processors: 'Processors',
  provisions: 'Provisions',
  transfers: 'Transfers',
  'retention-rules': 'RetentionRules',
  disclosures: 'LegalDisclosures',
};

export interface CombinedExport {
  generatedAt: string;
  asOf: string | null;
  includes: ExportRegister[];
  registers: Partial<Record<ExportRegister, Row[]>>;
}

function valueAt(row: Row, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Row)[key];
  }
  return value;
}

/** A cell as text; arrays of plain values joined with '; ', objects as JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Register rows as CSV, XLSX, JSON, and the combined document a regulator asks for. */
@Injectable()
export class RegisterExporter {
  csv(register: ExportRegister, rows: Row[]): string {
    const columns = EXPORT_COLUMNS[register];
    return csvDocument(
      columns,
      rows.map((row) => columns.map((c) => cellText(valueAt(row, c)))),
    );
  }

  async xlsx(register: ExportRegister, rows: Row[]): Promise<Buffer> {
    const workbook = new Workbook();
    this.addSheet(workbook, register, rows);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async combinedXlsx(data: CombinedExport): Promise<Buffer> {
    const workbook = new Workbook();
    workbook.created = new Date(data.generatedAt);
    const cover = workbook.addWorksheet('Record');
    cover.columns = [
      { header: 'item', key: 'item', width: 28 },
      { header: 'value', key: 'value', width: 80 },
    ];
    cover.addRow({
      item: 'Document',
      value: 'Record of processing activities and registers (GDPR Art. 30; PIPA Art. 26, 17, 28-8)',
    });
    cover.addRow({ item: 'Generated at', value: data.generatedAt });
    cover.addRow({ item: 'As of', value: data.asOf ?? data.generatedAt });
    cover.addRow({ item: 'Sheets', value: data.includes.map((r) => SHEET_NAMES[r]).join(', ') });
    for (const policy of data.registers.policies ?? []) {
      cover.addRow({
        item: `Policy ${cellText(policy.code)}`,
        value: formulaSafe(cellText(valueAt(policy, 'name.en'))),
      });
    }
    for (const register of data.includes) this.addSheet(workbook, register, data.registers[register] ?? []);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  /** The GDPR Art. 30(1) record per policy, with every register as a table, in one language. */
  combinedMarkdown(data: CombinedExport, lang: Lang): string {
    const t = (ko: string, en: string) => (lang === 'ko' ? ko : en);
    const lt = (row: Row, field: string) => {
      const value = valueAt(row, field) as { ko: string; en: string } | undefined;
      return value === undefined ? '' : pick(value, lang);
    };
    const ret = (row: Row) => {
      const value = valueAt(row, 'retention') as Parameters<typeof retentionDisplay>[0] | undefined;
      return value === undefined ? '' : retentionDisplay(value)[lang];
    };
    const table = (headers: string[], rows: string[][]) =>
      [
        `| ${headers.map(escapeMarkdown).join(' | ')} |`,
        `| ${headers.map(() => '---').join(' | ')} |`,
        ...rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`),
        '',
      ].join('\n');
    const out: string[] = [
      `# ${t('개인정보 처리 활동 기록 및 대장', 'Record of processing activities and registers')}`,
      '',
      `${t('작성 시각', 'Generated at')}: ${data.generatedAt}  `,
      `${t('기준 시점', 'As of')}: ${data.asOf ?? data.generatedAt}`,
      '',
    ];
    const policies = data.registers.policies ?? [];
    for (const policy of policies) {
      const ofPolicy = (register: ExportRegister) =>
        (data.registers[register] ?? []).filter((r) => r.policyId === policy.id);
      const processors = ofPolicy('processors');
      const provisions = ofPolicy('provisions');
      const transfers = ofPolicy('transfers');
      const names = (ids: unknown, rows: Row[]) =>
        ((ids as string[]) ?? [])
          .map((id) => rows.find((r) => r.id === id))
          .filter((r): r is Row => r !== undefined)
          .map((r) => lt(r, 'recipient'))
          .join(', ');
      out.push(`## ${lt(policy, 'name')} (${cellText(policy.code)})`, '');
      out.push(`### ${t('처리 활동 (GDPR 제30조 제1항)', 'Processing activities (GDPR Art. 30(1))')}`, '');
      out.push(
        table(
          [
            t('처리 활동', 'Activity'),
            t('목적', 'Purpose'),
            t('법적 근거', 'Legal basis'),
            t('제9조 요건', 'Art. 9 condition'),
            t('정보주체 범주', 'Subject categories'),
            t('개인정보 범주', 'Data categories'),
            t('수령인', 'Recipients'),
            t('국외 이전', 'Transfers'),
            t('보유기간', 'Retention'),
            t('안전성 확보조치', 'Security measures'),
            t('컨트롤러 연락처', 'Controller contact'),
            t('DPO 연락처', 'DPO contact'),
            t('상태', 'Status'),
          ],
          ofPolicy('activities').map((a) => [
            lt(a, 'name'),
            lt(a, 'purpose'),
            cellText(a.legalBasis),
            cellText(a.art9Condition),
            cellText(a.subjectCategories),
            cellText(a.dataCategories),
            [names(a.processorIds, processors), names(a.provisionIds, provisions)].filter(Boolean).join('; '),
            ((a.transferIds as string[]) ?? [])
              .map((id) => transfers.find((r) => r.id === id))
              .filter((r): r is Row => r !== undefined)
              .map((r) => `${lt(r, 'recipient')} (${cellText(r.country)}, ${cellText(r.gdprMechanism ?? '—')})`)
              .join(', '),
            ret(a),
            lt(a, 'securityMeasures'),
            cellText(a.controllerContact),
            cellText(a.dpoContact),
            cellText(a.status),
          ]),
        ),
      );
      out.push(`### ${t('수탁자 및 재수탁자', 'Processors and sub-processors')}`, '');
      out.push(
        table(
          [
            t('수탁자', 'Processor'),
            t('상위 수탁자', 'Sub-processor of'),
            t('위탁업무', 'Task'),
            t('항목', 'Items'),
            t('국가', 'Country'),
            t('보유기간', 'Retention'),
            t('누락된 계약 조항', 'Missing contract terms'),
            t('DPA 체결/만료', 'DPA signed / expires'),
            t('점검 최근/다음', 'Inspection last / next'),
            t('상태', 'Status'),
          ],
          processors.map((p) => [
            lt(p, 'recipient'),
            names(p.parentId === null ? [] : [p.parentId], processors),
            lt(p, 'task'),
            lt(p, 'items'),
            p.country ? countryName(p.country as string)[lang] : '',
            ret(p),
            cellText(p.missingTerms),
            `${cellText(p.dpaSignedOn)} / ${cellText(p.dpaExpiresOn)}`,
            `${cellText(p.lastInspectionOn)} / ${cellText(p.nextInspectionDue)}`,
            cellText(p.status),
          ]),
        ),
      );
      out.push(`### ${t('제3자 제공', 'Third-party provisions')}`, '');
      out.push(
        table(
          [
            t('제공받는 자', 'Recipient'),
            t('목적', 'Purpose'),
            t('항목', 'Items'),
            t('보유기간', 'Retention'),
            t('근거', 'Basis'),
            t('거부권 및 불이익', 'Right to refuse'),
            t('상태', 'Status'),
          ],
          provisions.map((p) => [
            lt(p, 'recipient'),
            lt(p, 'purpose'),
            lt(p, 'items'),
            ret(p),
            cellText(p.legalBasis),
            lt(p, 'refusal'),
            cellText(p.status),
          ]),
        ),
      );
      out.push(`### ${t('국외 이전', 'International transfers')}`, '');
      out.push(
        table(
          [
            t('이전받는 자', 'Recipient'),
            t('연락처', 'Contact'),
            t('국가', 'Country'),
            t('항목', 'Items'),
            t('목적', 'Purpose'),
            t('보유기간', 'Retention'),
            t('일시 및 방법', 'Timing and method'),
            t('PIPA 근거', 'PIPA basis'),
            t('GDPR 이전 수단', 'GDPR mechanism'),
            t('정지', 'Suspended'),
            t('이용 중', 'In use'),
          ],
          transfers.map((r) => [
            lt(r, 'recipient'),
            cellText(r.contact),
            countryName(cellText(r.country))[lang],
            lt(r, 'items'),
            lt(r, 'purpose'),
            ret(r),
            lt(r, 'timingMethod'),
            cellText(r.pipaBasis),
            [cellText(r.gdprMechanism), cellText(r.derogation)].filter(Boolean).join(': '),
            cellText(r.suspended),
            cellText(r.inUse),
          ]),
        ),
      );
    }
    const rules = (data.registers['retention-rules'] ?? []) as unknown as RetentionRuleRow[];
    out.push(`## ${t('보존 규칙', 'Retention rules')}`, '');
    out.push(
      table(
        [t('코드', 'Code'), t('이름', 'Name'), t('보유기간', 'Retention'), t('근거', 'Source')],
        rules.map((r) => [r.code, pick(r.name, lang), retentionDisplay(r.retention)[lang], r.source]),
      ),
    );
    if (data.includes.includes('disclosures')) {
      out.push(`## ${t('법령에 따른 제공 기록', 'Legal disclosures')}`, '');
      out.push(
        table(
          [
            t('제공일', 'Date'),
            t('기관', 'Authority'),
            t('근거 유형', 'Basis type'),
            t('법적 근거', 'Legal basis'),
            t('항목', 'Items'),
            t('정보주체', 'Subject'),
            t('승인자', 'Approved by'),
          ],
          (data.registers.disclosures ?? []).map((d) => [
            cellText(d.disclosedOn),
            cellText(d.authority),
            cellText(d.basisType),
            cellText(d.legalBasis),
            cellText(d.items),
            cellText(d.subjectId),
            cellText(d.approvedBy),
          ]),
        ),
      );
    }
    return out.join('\n');
  }

  private addSheet(workbook: Workbook, register: ExportRegister, rows: Row[]): void {
    const sheet = workbook.addWorksheet(SHEET_NAMES[register]);
    const columns = EXPORT_COLUMNS[register];
    sheet.columns = columns.map((c) => ({ header: c, key: c, width: Math.min(40, Math.max(12, c.length + 2)) }));
    for (const row of rows) {
      sheet.addRow(Object.fromEntries(columns.map((c) => [c, formulaSafe(cellText(valueAt(row, c)))])));
    }
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
}
