import { Inject, Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { Clock } from '../calendar/clock';
import type { ListParams } from '../common/list-query';
import { APP_LOGGER } from '../common/logger';
import { MasterKey } from '../common/master-key';
import { Problem } from '../common/problem';
import { SecretBox } from '../common/secret-box';
import type { OutboxMessageEntity } from './outbox-message.entity';
import { OutboxErrorCode } from './outbox.errors';
import { OutboxRepository, type MessageFilter, type MessageSortField } from './outbox.repository';
import { OutboxSenders } from './outbox-senders';
import type { Channel, DeliveryResult, Language, MessageStatus, RecipientKind, RenderedMessage } from './outbox-types';
import { maskAddress } from './recipient-mask';
import { TemplateRenderer } from './template-renderer';

/** What a feature asks the outbox to send. */
export interface MessageRequest {
  templateKey: string;
  language: Language;
  recipient: {
    kind: RecipientKind;
    id: string;
    /** The address for the template's channel, resolved by the caller now: sealed at once. */
    address: string;
  };
  /** Merge data: rendered now, so the message says what was true when it was queued. */
  data: Record<string, unknown>;
  /** What caused it, for example `rights-request:<id>`. */
  reference?: string;
  createdBy?: string | null;
  maxAttempts?: number;
}

/** A message as the API shows it: metadata only, never the address or content. */
export interface MessageView {
  id: string;
  channel: Channel;
  recipientKind: RecipientKind;
  recipientId: string;
  recipientMasked: string;
  templateKey: string;
  templateVersion: number;
  language: Language;
  reference: string | null;
  status: MessageStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
  failedAt: string | null;
  cancelledAt: string | null;
  contentDeletedAt: string | null;
  contentSha256: string;
  delivery: DeliveryResult | null;
  lastError: string | null;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  requeued: number;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const toView = (m: OutboxMessageEntity): MessageView => ({
  id: m.id,
  channel: m.channel,
  recipientKind: m.recipientKind,
  recipientId: m.recipientId,
  recipientMasked: m.recipientMasked,
  templateKey: m.templateKey,
  templateVersion: m.templateVersion,
  language: m.language,
  reference: m.reference,
  status: m.status,
  attempts: m.attempts,
  maxAttempts: m.maxAttempts,
  nextAttemptAt: m.status === 'queued' ? m.nextAttemptAt.toISOString() : null,
  createdAt: m.createdAt.toISOString(),
  sentAt: iso(m.sentAt),
  failedAt: iso(m.failedAt),
  cancelledAt: iso(m.cancelledAt),
  contentDeletedAt: iso(m.contentDeletedAt),
  contentSha256: m.contentSha256,
  delivery: m.delivery,
  lastError: m.lastError,
});

/** The access-log subject of a message's recipient (people and staff are people). */
const auditSubjectOf = (m: Pick<OutboxMessageEntity, 'recipientKind' | 'recipientId'>) =>
  m.recipientKind === 'subject' ? m.recipientId : m.recipientKind === 'staff' ? `staff:${m.recipientId}` : null;

/**
 * The outbox. A feature queues a message inside its own transaction (pass its manager): if that
 * transaction rolls back, nothing is sent. The outbox-dispatch job (jobs/dispatch-outbox.job.ts)
 * sends what is due after the commit, on any instance, each message once.
 */
@Injectable()
export class OutboxService {
  private readonly box: SecretBox;

  constructor(
    private readonly repo: OutboxRepository,
    private readonly renderer: TemplateRenderer,
    private readonly senders: OutboxSenders,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    masterKey: MasterKey,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {
    this.box = new SecretBox(masterKey.key, 'outbox');
  }

  /** Queues one message rendered from the template's current version. Returns its id. */
  async enqueue(request: MessageRequest, manager?: EntityManager): Promise<string> {
    const template = await this.repo.findTemplateByKey(request.templateKey, manager);
    if (template === null) throw templateNotFound();
    if (template.kind !== 'message' && template.channel !== 'letter') {
      throw Problem.of(OutboxErrorCode.WrongTemplateKind, 'This template is not sent');
    }
    const rendered = this.renderer.render(template, request.language, request.data);
    const id = randomUUID();
    const now = this.clock.now();
    const content = JSON.stringify(rendered);
    await this.repo.insertMessage(
      {
        id,
        channel: template.channel,
        recipientKind: request.recipient.kind,
        recipientId: request.recipient.id,
        recipientAddressSealed: this.box.seal(request.recipient.address, `address:${id}`),
        recipientMasked: maskAddress(template.channel, request.recipient.address),
        templateId: template.id,
        templateKey: template.key,
        templateVersion: template.version,
        language: request.language,
        reference: request.reference ?? null,
        status: 'queued',
        attempts: 0,
        maxAttempts: request.maxAttempts ?? 5,
        nextAttemptAt: now,
        contentSealed: this.box.seal(content, `content:${id}`),
        contentSha256: createHash('sha256').update(content).digest('hex'),
        contentDeletedAt: null,
        createdBy: request.createdBy ?? null,
        createdAt: now,
        sendingAt: null,
        sentAt: null,
        failedAt: null,
        cancelledAt: null,
        delivery: null,
        lastError: null,
      },
      manager,
    );
    return id;
  }

  /**
   * The channel and current version a template's messages are sent with (null: no such
   * template), so a feature can pick the address for that channel and record the version.
   */
  async templateOf(key: string): Promise<{ channel: Channel; version: number; kind: string } | null> {
    const template = await this.repo.findTemplateByKey(key);
    return template === null ? null : { channel: template.channel, version: template.version, kind: template.kind };
  }

  /** Where these messages stand (metadata only), for the feature that queued them; it records the read. */
  async statuses(
    ids: string[],
  ): Promise<{ id: string; channel: Channel; status: MessageStatus; sentAt: Date | null; templateVersion: number }[]> {
    return (await this.repo.messageStatuses(ids)).map((m) => ({
      id: m.id,
      channel: m.channel,
      status: m.status,
      sentAt: m.sentAt,
      templateVersion: m.templateVersion,
    }));
  }

  /**
   * Sends what is due: claims a batch (SKIP LOCKED, committed as `sending`), sends each outside
   * any transaction, and records the result. Safe to run on several instances at once.
   */
  async dispatchDue(limit = 20): Promise<DispatchResult> {
    const now = this.clock.now();
    const requeued = await this.repo.requeueStale(now);
    const claimed = await this.repo.claimDue(now, limit);
    const result: DispatchResult = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0, requeued };
    for (const message of claimed) {
      const template = await this.repo.findTemplate(message.templateId);
      const deleteContent = template?.deleteContentAfterSend ?? true;
      try {
        const rendered = JSON.parse(this.box.open(message.contentSealed, `content:${message.id}`)) as RenderedMessage;
        const delivery = await this.senders.for(message.channel).send({
          id: message.id,
          channel: message.channel,
          to: this.box.open(message.recipientAddressSealed, `address:${message.id}`),
          language: message.language,
          templateKey: message.templateKey,
          templateVersion: message.templateVersion,
          ...rendered,
        });
        await this.repo.markSent(message.id, delivery, deleteContent, this.clock.now());
        result.sent += 1;
      } catch (error) {
        // The transport's own words (an SMTP code and text); never the address or the content.
        const reason = describe(error);
        const status = await this.repo.markFailed(message.id, reason, this.clock.now());
        if (status === 'failed') result.failed += 1;
        else result.retrying += 1;
        this.log.warn({ messageId: message.id, channel: message.channel, reason }, 'outbox message not sent');
      }
    }
    return result;
  }

  /**
   * A person erased (F7): their messages keep only metadata and the content's hash; the address and
   * content go, and what was still queued for them is cancelled. The files the file sender wrote for
   * them go with the next outbox-files-prune run (their content now counts as deleted).
   */
  forgetRecipient(kind: RecipientKind, id: string): Promise<number> {
    return this.repo.forgetRecipient(kind, id, this.clock.now());
  }

  /**
   * The file sender is a development stand-in for a delivery vendor, and the Shelby policy (Art. 8)
   * promises that the vendor destroys a message once sent: the file of a message whose template
   * deletes content after sending is removed OUTBOX_FILE_RETENTION_HOURS after it was written,
   * long enough to open what was "sent" while developing, and the delivery result says when.
   */
  async removeSentFiles(hours: number, batch = 200): Promise<{ removed: number; missing: number }> {
    const counts = { removed: 0, missing: 0 };
    for (;;) {
      const now = this.clock.now();
      const due = await this.repo.sentFilesToRemove(now, hours, batch);
      for (const { id, file } of due) {
        if (await this.senders.removeSentFile(file)) counts.removed += 1;
        else counts.missing += 1;
        await this.repo.markFileRemoved(id, now);
      }
      if (due.length < batch) return counts;
    }
  }

  async list(
    ctx: StaffContext,
    params: ListParams<MessageSortField, MessageFilter>,
  ): Promise<{ rows: MessageView[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'OutboxMessage');
    const { rows, total } = await this.repo.listMessages(
      params.filter,
      { field: params.sortField, order: params.sortOrder },
      { offset: params.offset, limit: params.limit },
    );
    await this.audit.record(
      {
        action: 'view',
        resource: 'outbox-message',
        outcome: 'success',
        fields: ['recipientMasked', 'status'],
        detail: { count: rows.length, filter: { ...params.filter } },
      },
      ctx.origin,
    );
    return { rows: rows.map(toView), total };
  }

  async get(ctx: StaffContext, id: string): Promise<MessageView> {
    const row = await this.repo.findMessage(id);
    if (row === null) throw Problem.of(OutboxErrorCode.MessageNotFound, 'No message has this id');
    throwUnlessCan(ctx.ability, 'read', asSubject('OutboxMessage', { ...row }));
    await this.audit.record(
      {
        action: 'view',
        resource: 'outbox-message',
        outcome: 'success',
        subjectId: auditSubjectOf(row),
        fields: ['recipientMasked', 'status', 'delivery'],
        detail: { id: row.id, templateKey: row.templateKey },
      },
      ctx.origin,
    );
    return toView(row);
  }
}

export function templateNotFound(): Problem {
  return Problem.of(OutboxErrorCode.TemplateNotFound, 'No template has this id or key');
}

function describe(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const text =
    e.responseCode !== undefined
      ? `${e.responseCode} ${e.response ?? ''}`.trim()
      : [e.code, e.message].filter((s) => s !== undefined).join(': ') || 'unknown error';
  // Servers quote the rejected address back ("550 <someone@example.com>: unknown user").
  return text.replace(/[^\s<>"']+@[^\s<>"']+/g, (address) => maskAddress('email', address));
}
