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
    const rendered = await this.templates.renderByKey(CERTIFICATE_TEMPLATE, locale, this.mergeData(certificate));
    const body = await this.documents.renderPdf({
      title: rendered.subject,
      body: rendered.text,
      language: locale,
      footer: `${certificate.reference} · ${rendered.templateKey} v${rendered.version}`,
      blocks: linesTable(certificate, locale),
    });
    return { body, filename: `${certificate.reference}-${locale}.pdf` };
  }

  private mergeData(c: CertificateRow): Record<string, unknown> {
    const zone = this.calendar.timeZone;
    return {
      reference: c.reference,
      issuedOn: localDateOf(new Date(c.issuedAt), zone),
      issuedAt: new Date(c.issuedAt).toISOString(),
      throughOn: c.throughOn,
      timeZone: zone,
      people: c.people,
      records: c.records,
      held: c.held,
      rules: c.lines.length,
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
