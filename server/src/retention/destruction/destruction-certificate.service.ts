import { Injectable } from '@nestjs/common';
import { AuditService } from '../../access-log/audit.service';
import { CalendarService } from '../../calendar/calendar.service';
import { localDateOf } from '../../calendar/local-date';
import type { StaffContext } from '../../context/staff-context';
import { Transactions } from '../../database/transactions';
import { DocumentRenderer, type DocumentBlock } from '../../outbox/document-renderer';
import type { Language } from '../../outbox/outbox-types';
import { TemplatesService } from '../../outbox/templates.service';
import { DestructionService } from './destruction.service';
import type { CertificateRow } from './destruction.repository';

export const CERTIFICATE_TEMPLATE = 'retention.destruction-certificate';

const SEEDED = { ko: '정책에 따라 초기 설정', en: 'seeded from the policies' };

/**
 * A run's destruction certificate as a PDF: the text from the DPO's template (F6, ko and en), the
 * lines as a table. It names rules, counts and who approved each rule; no one whose data went.
 */
@Injectable()
export class DestructionCertificateService {
  constructor(
    private readonly destruction: DestructionService,
    private readonly templates: TemplatesService,
    private readonly documents: DocumentRenderer,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async pdf(ctx: StaffContext, id: string, locale: Language): Promise<{ body: Buffer; filename: string }> {
    const certificate = await this.tx.run(async () => {
      const found = await this.destruction.getCertificate(ctx, id);
      await this.audit.record(
        {
          action: 'download',
          resource: 'destruction-certificate',
          outcome: 'success',
          detail: { certificateId: found.id, reference: found.reference, locale },
        },
        ctx.origin,
      );
      return found;
    });
    const rendered = await this.templates.renderByKey(
      CERTIFICATE_TEMPLATE,
      locale,
      this.mergeData(certificate, locale),
    );
    const body = await this.documents.renderPdf({
      title: rendered.subject,
      body: rendered.text,
      language: locale,
      footer: `${certificate.reference} · ${rendered.templateKey} v${rendered.version}`,
      blocks: linesTable(certificate, locale),
    });
    return { body, filename: `${certificate.reference}-${locale}.pdf` };
  }

  /**
   * F6's certificate template (seeded with it) asks for one file's fields; a run fills them with
   * its totals, and the per-rule lines follow as a table.
   */
  private mergeData(c: CertificateRow, lang: Language): Record<string, unknown> {
    const t = (ko: string, en: string) => (lang === 'ko' ? ko : en);
    const zone = this.calendar.timeZone;
    const issuedOn = localDateOf(new Date(c.issuedAt), zone);
    const approvers = [...new Set(c.lines.map((l) => (l.approvedBy === null ? SEEDED[lang] : l.approvedBy.name)))];
    return {
      fileName: t(
        `보유기간 경과 개인정보 (파기 확인서 ${c.reference})`,
        `Personal data past retention (certificate ${c.reference})`,
      ),
      items: c.lines.map((l) => `${l.name[lang]} (${l.category})`),
      count: c.records,
      reason: t(
        `보유기간 경과 (${c.throughOn}까지, 규칙 ${c.lines.length}개, 정보주체 ${c.people}명, 법적 보존으로 보류 ${c.held}건)`,
        `Retention period over (through ${c.throughOn}; ${c.lines.length} rules, ${c.people} people, ${c.held} held by a legal hold)`,
      ),
      destroyedAt: `${issuedOn} (${zone})`,
      method: t(
        '데이터베이스 행 삭제, 암호화된 정보는 정보주체의 데이터 키 폐기(crypto-shredding)',
        "Database rows deleted; for encrypted data the person's data key destroyed (crypto-shredding)",
      ),
      issuedOn,
      operator: t('자동 파기 작업 (retention-destruction)', 'Automatic destruction run (retention-destruction)'),
      dpo: approvers.join(', ') || '—',
    };
  }
}

function linesTable(c: CertificateRow, lang: Language): DocumentBlock[] {
  const t = (ko: string, en: string) => (lang === 'ko' ? ko : en);
  return [
    { kind: 'heading', text: t('규칙별 파기 내역', 'Destruction by rule') },
    {
      kind: 'table',
      columns: [
        t('규칙(버전)', 'Rule (version)'),
        t('범주', 'Category'),
        t('처리', 'Action'),
        t('기간·기산', 'Period, from'),
        t('근거', 'Legal basis'),
        t('승인', 'Approved by'),
        t('인원', 'People'),
        t('건수', 'Records'),
        t('보류', 'Held'),
      ],
      widths: [2, 1.3, 1, 1.2, 2, 1.5, 0.7, 0.7, 0.7],
      rows: c.lines.map((l) => [
        `${l.name[lang]} (${l.ruleCode} v${l.ruleVersion})`,
        l.category,
        l.action,
        `${l.period ?? '—'} · ${l.trigger}`,
        l.legalBasis,
        l.approvedBy === null
          ? SEEDED[lang]
          : `${l.approvedBy.name}${l.approvedAt ? ` (${l.approvedAt.slice(0, 10)})` : ''}`,
        String(l.people),
        String(l.records),
        String(l.held),
      ]),
    },
  ];
}
