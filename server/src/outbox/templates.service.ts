import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { Clock } from '../calendar/clock';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import { historyOf } from '../common/version-diff';
import { DocumentRenderer } from './document-renderer';
import type { PreviewTemplateDto, RenderDocumentDto, UpdateTemplateDto } from './dto/template.dto';
import type { TemplateOperation } from './message-template-version.entity';
import type { MessageTemplateEntity } from './message-template.entity';
import { OutboxErrorCode, OutboxFieldCode } from './outbox.errors';
import { OutboxRepository, type TemplateFilter, type TemplateSortField } from './outbox.repository';
import { OutboxService, templateNotFound } from './outbox.service';
import type { Channel, Language, RenderedMessage, TemplateContent, TemplateKind } from './outbox-types';
import { TemplateRenderer } from './template-renderer';

export interface TemplateView extends TemplateContent {
  id: string;
  key: string;
  kind: TemplateKind;
  channel: Channel;
  version: number;
  /** The merge fields the template uses. */
  fields: string[];
  createdAt: string;
  updatedAt: string;
}

export interface TemplateHistoryEntry {
  version: number;
  operation: TemplateOperation;
  changedAt: string;
  author: { id: string | null; displayName: string };
  reason: string;
  changed: string[];
  snapshot: TemplateContent;
}

export interface PreviewView extends RenderedMessage {
  language: Language;
  version: number;
  /** Fields the template uses that the data lacks: they render empty. */
  missing: string[];
}

const CONTENT_FIELDS = [
  'description',
  'descriptionKo',
  'subjectKo',
  'subjectEn',
  'bodyKo',
  'bodyEn',
  'deleteContentAfterSend',
  'sampleData',
] as const;

const contentOf = (t: TemplateContent): TemplateContent => ({
  description: t.description,
  descriptionKo: t.descriptionKo,
  subjectKo: t.subjectKo,
  subjectEn: t.subjectEn,
  bodyKo: t.bodyKo,
  bodyEn: t.bodyEn,
  deleteContentAfterSend: t.deleteContentAfterSend,
  sampleData: t.sampleData,
});

/**
 * Templates: read and edited by the DPO, every save a new version with a reason (409 when
 * someone saved first), previewed with sample data as e-mail (HTML) or PDF.
 */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly repo: OutboxRepository,
    private readonly renderer: TemplateRenderer,
    private readonly documents: DocumentRenderer,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    ctx: StaffContext,
    params: ListParams<TemplateSortField, TemplateFilter>,
  ): Promise<{ rows: TemplateView[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'MessageTemplate');
    const { rows, total } = await this.repo.listTemplates(
      params.filter,
      { field: params.sortField, order: params.sortOrder },
      { offset: params.offset, limit: params.limit },
    );
    return { rows: rows.map((t) => this.view(t)), total };
  }

  async get(ctx: StaffContext, id: string): Promise<TemplateView> {
    return this.view(await this.load(ctx, id, 'read'));
  }

  async history(ctx: StaffContext, id: string): Promise<TemplateHistoryEntry[]> {
    await this.load(ctx, id, 'read');
    return historyOf(await this.repo.templateHistory(id), CONTENT_FIELDS).map(({ diff, ...entry }) => ({
      ...entry,
      changed: diff.map((change) => change.field),
    }));
  }

  async update(ctx: StaffContext, id: string, input: UpdateTemplateDto): Promise<TemplateView> {
    const { reason, version, ...content } = input;
    const errors = this.renderer.check(content);
    if (errors.length > 0) {
      throw Problem.validation(
        errors.map((e) => ({ field: e.field, code: OutboxFieldCode.TemplateSyntax, message: e.message })),
        'The template has errors',
      );
    }
    return this.repo.transaction(async (manager) => {
      const current = await this.repo.findTemplate(id, manager, true);
      if (current === null) throw templateNotFound();
      throwUnlessCan(ctx.ability, 'update', asSubject('MessageTemplate', { ...current }));
      if (current.version !== version) {
        throw Problem.of(OutboxErrorCode.VersionConflict, 'Someone saved this template after you opened it', [
          {
            field: 'version',
            code: OutboxFieldCode.StaleVersion,
            message: `You edited version ${version}; it is now at version ${current.version}. Reload and edit again.`,
          },
        ]);
      }
      const now = this.clock.now();
      const next: MessageTemplateEntity = {
        ...current,
        ...contentOf(content),
        version: current.version + 1,
        updatedAt: now,
      };
      await this.repo.updateTemplate(next, manager);
      await this.repo.addTemplateVersion(
        {
          templateId: id,
          version: next.version,
          operation: 'update',
          authorId: ctx.id,
          authorName: ctx.displayName,
          reason,
          changedAt: now,
          snapshot: contentOf(next),
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'edit',
          resource: 'message-template',
          outcome: 'success',
          purpose: reason,
          detail: { id, key: current.key, version: next.version },
        },
        ctx.origin,
        manager,
      );
      return this.view(next);
    });
  }

  /** Renders the saved template, or the text being edited, with sample (or given) data. */
  async preview(ctx: StaffContext, id: string, input: PreviewTemplateDto): Promise<PreviewView> {
    const template = await this.load(ctx, id, 'read');
    const content = {
      subjectKo: input.subjectKo ?? template.subjectKo,
      subjectEn: input.subjectEn ?? template.subjectEn,
      bodyKo: input.bodyKo ?? template.bodyKo,
      bodyEn: input.bodyEn ?? template.bodyEn,
    };
    const errors = this.renderer.check(content);
    if (errors.length > 0) {
      throw Problem.validation(
        errors.map((e) => ({ field: e.field, code: OutboxFieldCode.TemplateSyntax, message: e.message })),
        'The template has errors',
      );
    }
    const data = input.data ?? template.sampleData;
    const rendered = this.renderer.render(content, input.language, data);
    const missing = this.renderer.fields(content).filter((f) => !(f in data));
    return { ...rendered, language: input.language, version: template.version, missing };
  }

  async previewPdf(ctx: StaffContext, id: string, input: PreviewTemplateDto): Promise<Buffer> {
    const template = await this.load(ctx, id, 'read');
    const preview = await this.preview(ctx, id, input);
    return this.documents.renderPdf({
      title: preview.subject,
      body: preview.text,
      language: input.language,
      footer: `${template.key} v${template.version} · preview`,
    });
  }

  /**
   * A document from a template with real merge data: personal data goes in, so the access log
   * records who made which document, why, and about whom (the data's `subjectId`, if given).
   */
  async renderDocument(ctx: StaffContext, input: RenderDocumentDto): Promise<{ pdf: Buffer; fileName: string }> {
    const template = await this.repo.findTemplateByKey(input.templateKey);
    if (template === null) throw templateNotFound();
    throwUnlessCan(ctx.ability, 'read', asSubject('MessageTemplate', { ...template }));
    const rendered = this.renderer.render(template, input.language, input.data);
    const pdf = await this.documents.renderPdf({
      title: rendered.subject,
      body: rendered.text,
      language: input.language,
      footer: `${template.key} v${template.version}`,
    });
    const subjectId = typeof input.data.subjectId === 'string' ? input.data.subjectId : null;
    await this.audit.record(
      {
        action: 'print',
        resource: 'document',
        outcome: 'success',
        subjectId,
        purpose: input.purpose,
        fields: Object.keys(input.data).sort(),
        detail: { templateKey: template.key, version: template.version, language: input.language, bytes: pdf.length },
      },
      ctx.origin,
    );
    return { pdf, fileName: `${template.key}-v${template.version}-${input.language}.pdf` };
  }

  /**
   * A template's current version rendered with merge data, for a feature that makes its own
   * letters (rights requests). That feature checks its permission on the record the letter is
   * about and logs the access; writing a letter does not need the DPO's template permission.
   */
  async renderByKey(
    templateKey: string,
    language: Language,
    data: Record<string, unknown>,
  ): Promise<RenderedMessage & { templateKey: string; version: number; fields: string[] }> {
    const template = await this.repo.findTemplateByKey(templateKey);
    if (template === null) throw templateNotFound();
    return {
      ...this.renderer.render(template, language, data),
      templateKey: template.key,
      version: template.version,
      fields: this.renderer.fields(template),
    };
  }

  /**
   * One saved version of a template rendered with merge data: a feature that recorded which
   * version its text was drafted on (a breach notice) renders exactly that text again.
   */
  async renderVersion(
    templateKey: string,
    version: number,
    language: Language,
    data: Record<string, unknown>,
  ): Promise<RenderedMessage> {
    const content = await this.repo.templateVersionContent(templateKey, version);
    if (content === null) throw templateNotFound();
    return this.renderer.render(content, language, data);
  }

  /** Queues the template, with its sample data, to the signed-in staff member (e-mail or letter). */
  async testSend(ctx: StaffContext, id: string, language: Language): Promise<{ messageId: string }> {
    const template = await this.load(ctx, id, 'update');
    if (template.channel !== 'email' && template.channel !== 'letter') {
      throw Problem.of(OutboxErrorCode.NoTestSend, 'Test sends go by e-mail or letter only');
    }
    return this.repo.transaction(async (manager) => {
      const messageId = await this.outbox.enqueue(
        {
          templateKey: template.key,
          language,
          recipient: {
            kind: 'staff',
            id: ctx.id,
            address: template.channel === 'email' ? ctx.email : ctx.displayName,
          },
          data: template.sampleData,
          reference: `template-test:${template.id}`,
          createdBy: ctx.id,
          maxAttempts: 1,
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'create',
          resource: 'outbox-message',
          outcome: 'success',
          subjectId: `staff:${ctx.id}`,
          detail: { messageId, templateKey: template.key, version: template.version, test: true },
        },
        ctx.origin,
        manager,
      );
      return { messageId };
    });
  }

  private async load(ctx: StaffContext, id: string, action: 'read' | 'update'): Promise<MessageTemplateEntity> {
    const row = await this.repo.findTemplate(id);
    if (row === null) throw templateNotFound();
    throwUnlessCan(ctx.ability, action, asSubject('MessageTemplate', { ...row }));
    return row;
  }

  private view(t: MessageTemplateEntity): TemplateView {
    return {
      id: t.id,
      key: t.key,
      kind: t.kind,
      channel: t.channel,
      version: t.version,
      ...contentOf(t),
      fields: this.renderer.fields(t),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  }
}
