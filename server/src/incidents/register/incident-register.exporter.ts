import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { csvDocument, formulaSafe } from '../../common/csv';
import type { RegisterObligation, RegisterRow } from './incident-register.repository';
import {
  bilingual,
  EU_RISK_LABELS,
  OBLIGATION_STATUS_LABELS,
  REGISTER_OBLIGATIONS,
  RISK_LABELS,
  STATUS_LABELS,
  VECTOR_LABELS,
  type Bilingual,
} from './register-labels';

interface Column {
  header: Bilingual;
  width: number;
  value: (row: RegisterRow) => string;
}

const both = (labels: Record<string, Bilingual>, code: string) => (labels[code] ? bilingual(labels[code]) : code);
const yesNo = (value: boolean) => (value ? '예 / yes' : '아니오 / no');
const list = (values: readonly string[]) => values.join('; ');
const text = (value: string | number | null) => (value === null ? '' : String(value));
const of = (row: RegisterRow, code: string) => row.obligations.find((o) => o.code === code);

/** Why an obligation was late or not required, whichever applies. */
const reasonOf = (o: RegisterObligation | undefined) =>
  o === undefined
    ? ''
    : [o.lateReason, o.status === 'not_required' ? o.decisionReasons : null].filter(Boolean).join('; ');

/** Whether any notification was made: GDPR Art. 33(5) lists every breach, reported or not. */
const reported = (row: RegisterRow) => {
  const done = row.obligations.filter((o) => o.status === 'done').length;
  return done === 0 ? '아니오 / no' : `예 / yes (${done})`;
};

const KNOWN = new Set(REGISTER_OBLIGATIONS.map((o) => o.code));

/** The register's columns, in the order a regulator reads them; times are in `timeZone`. */
export function registerColumns(timeZone: string): Column[] {
  const at = (label: Bilingual): Bilingual => ({ ko: `${label.ko} (${timeZone})`, en: `${label.en} (${timeZone})` });
  const obligationColumns = REGISTER_OBLIGATIONS.flatMap(({ code, label }): Column[] => [
    {
      header: { ko: `${label.ko} 상태`, en: `${label.en}: status` },
      width: 18,
      value: (r) => {
        const o = of(r, code);
        return o === undefined ? '' : both(OBLIGATION_STATUS_LABELS, o.status) + (o.late ? ' (지연 / late)' : '');
      },
    },
    {
      header: at({ ko: `${label.ko} 기한`, en: `${label.en}: due` }),
      width: 18,
      value: (r) => text(of(r, code)?.dueAt ?? null),
    },
    {
      header: at({ ko: `${label.ko} 완료`, en: `${label.en}: done` }),
      width: 18,
      value: (r) => text(of(r, code)?.doneAt ?? null),
    },
    {
      header: { ko: `${label.ko} 지연·불필요 사유`, en: `${label.en}: reason (late or not required)` },
      width: 30,
      value: (r) => reasonOf(of(r, code)),
    },
  ]);
  return [
    { header: { ko: '참조번호', en: 'Reference' }, width: 16, value: (r) => r.reference },
    { header: { ko: '제목', en: 'Title' }, width: 30, value: (r) => r.title },
    { header: { ko: '상태', en: 'Status' }, width: 16, value: (r) => both(STATUS_LABELS, r.status) },
    { header: at({ ko: '탐지 일시', en: 'Detected at' }), width: 18, value: (r) => r.detectedAt },
    { header: at({ ko: '인지 일시', en: 'Became aware at' }), width: 18, value: (r) => r.awareAt },
    { header: { ko: '유출 경위', en: 'Vector' }, width: 20, value: (r) => both(VECTOR_LABELS, r.vector) },
    { header: { ko: '관련 시스템', en: 'Systems' }, width: 24, value: (r) => list(r.systems) },
    { header: { ko: '유출 항목', en: 'Data categories' }, width: 24, value: (r) => list(r.dataCategories) },
    { header: { ko: '적용 법령', en: 'Regimes' }, width: 18, value: (r) => list(r.regimes) },
    {
      header: { ko: '정보주체 수(추정)', en: 'People affected (estimated)' },
      width: 14,
      value: (r) => text(r.affectedEstimated),
    },
    {
      header: { ko: '정보주체 수(확인)', en: 'People affected (confirmed)' },
      width: 14,
      value: (r) => text(r.affectedConfirmed),
    },
    { header: { ko: '민감정보', en: 'Sensitive data' }, width: 12, value: (r) => yesNo(r.sensitiveData) },
    { header: { ko: '고유식별정보', en: 'Unique identifiers' }, width: 12, value: (r) => yesNo(r.uniqueIdentifiers) },
    { header: { ko: '암호화 여부', en: 'Data encrypted' }, width: 12, value: (r) => yesNo(r.dataEncrypted) },
    { header: { ko: '위험도', en: 'Risk level' }, width: 14, value: (r) => both(RISK_LABELS, r.riskLevel) },
    {
      header: { ko: 'EU 위험 평가', en: 'EU risk assessment' },
      width: 20,
      value: (r) => both(EU_RISK_LABELS, r.euRisk),
    },
    {
      header: { ko: 'EU 위험 평가 사유', en: 'EU risk assessment reasons' },
      width: 30,
      value: (r) => text(r.euRiskReasons),
    },
    { header: { ko: '신고·통지 여부', en: 'Reported or notified' }, width: 14, value: reported },
    ...obligationColumns,
    {
      header: { ko: '기타 통지', en: 'Other notifications' },
      width: 30,
      value: (r) =>
        r.obligations
          .filter((o) => !KNOWN.has(o.code))
          .map((o) => `${o.code}: ${o.status}${o.dueAt === null ? '' : ` (${o.dueAt})`}`)
          .join('; '),
    },
    { header: { ko: '사실관계', en: 'Facts (GDPR Art. 33(5))' }, width: 40, value: (r) => text(r.registerFacts) },
    { header: { ko: '영향', en: 'Effects (GDPR Art. 33(5))' }, width: 40, value: (r) => text(r.registerEffects) },
    {
      header: { ko: '조치 사항', en: 'Remedial action (GDPR Art. 33(5))' },
      width: 40,
      value: (r) => text(r.registerRemedialAction),
    },
    { header: { ko: '사후 검토(교훈)', en: 'Lessons learned' }, width: 40, value: (r) => text(r.lessonsLearned) },
    { header: at({ ko: '종결 일시', en: 'Closed at' }), width: 18, value: (r) => text(r.closedAt) },
  ];
}

/** The breach register (GDPR Art. 33(5); PIPA Art. 34) as CSV and XLSX, one line per incident. */
@Injectable()
export class IncidentRegisterExporter {
  csv(rows: RegisterRow[], timeZone: string): string {
    const columns = registerColumns(timeZone);
    return csvDocument(
      columns.map((c) => bilingual(c.header)),
      rows.map((row) => columns.map((c) => c.value(row))),
    );
  }

  async xlsx(rows: RegisterRow[], meta: { timeZone: string; generatedAt: Date; range: string }): Promise<Buffer> {
    const columns = registerColumns(meta.timeZone);
    const workbook = new Workbook();
    workbook.created = meta.generatedAt;
    const sheet = workbook.addWorksheet('Breach register');
    sheet.columns = columns.map((c, i) => ({ header: bilingual(c.header), key: `c${i}`, width: c.width }));
    for (const row of rows) {
      sheet.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, formulaSafe(c.value(row))])));
    }
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
    sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
    const about = workbook.addWorksheet('About');
    about.columns = [
      { header: '항목 / Item', key: 'item', width: 28 },
      { header: '값 / Value', key: 'value', width: 80 },
    ];
    about.addRow({
      item: '문서 / Document',
      value: '개인정보 유출 등 사고 대장 / Personal data breach register (GDPR Art. 33(5); PIPA Art. 34)',
    });
    about.addRow({ item: '작성 시각 / Generated at', value: meta.generatedAt.toISOString() });
    about.addRow({ item: '기간(인지 일시) / Period (aware at)', value: meta.range });
    about.addRow({ item: '시간대 / Time zone', value: meta.timeZone });
    about.addRow({ item: '건수 / Incidents', value: rows.length });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
