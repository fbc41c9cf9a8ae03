import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Transactions } from '../database/transactions';
import { MessageTemplateVersionEntity, type TemplateOperation } from './message-template-version.entity';
import { MessageTemplateEntity } from './message-template.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import type {
  Channel,
  DeliveryResult,
  MessageStatus,
  RecipientKind as RecipientKindOf,
  TemplateContent,
  TemplateKind,
} from './outbox-types';

export interface TemplateFilter {
  kind?: TemplateKind;
  channel?: Channel;
  q?: string;
  id?: string[];
}
export type TemplateSortField = 'key' | 'channel' | 'kind' | 'updatedAt';

export interface MessageFilter {
  status?: MessageStatus;
  channel?: Channel;
  templateKey?: string;
  reference?: string;
  id?: string[];
}
export type MessageSortField = 'createdAt' | 'status' | 'channel' | 'templateKey' | 'sentAt';

/** A claimed message, with its sealed address and content (selected only here). */
export type ClaimedMessage = OutboxMessageEntity & { recipientAddressSealed: Buffer; contentSealed: Buffer };

const TEMPLATE_COLUMN: Record<TemplateSortField, string> = {
  key: 't.template_key',
  channel: 't.channel',
  kind: 't.kind',
  updatedAt: 't.updated_at',
};
const MESSAGE_COLUMN: Record<MessageSortField, string> = {
  createdAt: 'm.created_at',
  status: 'm.status',
  channel: 'm.channel',
  templateKey: 'm.template_key',
  sentAt: 'm.sent_at',
};

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** All I/O of the outbox: templates with their history, and the messages. */
@Injectable()
export class OutboxRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  private templates(manager?: EntityManager) {
    return this.tx.use(manager).getRepository(MessageTemplateEntity);
  }

  private messages(manager?: EntityManager) {
    return this.tx.use(manager).getRepository(OutboxMessageEntity);
  }

  async listTemplates(
    filter: TemplateFilter,
    sort: { field: TemplateSortField; order: 'ASC' | 'DESC' },
    page: { offset: number; limit: number },
  ): Promise<{ rows: MessageTemplateEntity[]; total: number }> {
    const query = this.templates().createQueryBuilder('t');
    if (filter.kind !== undefined) query.andWhere('t.kind = :kind', filter);
    if (filter.channel !== undefined) query.andWhere('t.channel = :channel', filter);
    if (filter.id !== undefined) query.andWhere('t.id IN (:...id)', { id: filter.id.length > 0 ? filter.id : [null] });
    if (filter.q !== undefined && filter.q !== '') {
      const like = likeOf(filter.q);
      query.andWhere(
        new Brackets((or) =>
          or
            .where('t.template_key ILIKE :like', { like })
            .orWhere('t.description ILIKE :like', { like })
            .orWhere('t.description_ko ILIKE :like', { like })
            .orWhere('t.subject_ko ILIKE :like', { like })
            .orWhere('t.subject_en ILIKE :like', { like }),
        ),
      );
    }
    query
      .orderBy(TEMPLATE_COLUMN[sort.field], sort.order)
      .addOrderBy('t.template_key', 'ASC')
      .skip(page.offset)
      .take(page.limit);
    const [rows, total] = await query.getManyAndCount();
    return { rows, total };
  }

  findTemplate(id: string, manager?: EntityManager, forUpdate = false): Promise<MessageTemplateEntity | null> {
    return this.templates(manager).findOne({
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  findTemplateByKey(key: string, manager?: EntityManager): Promise<MessageTemplateEntity | null> {
    return this.templates(manager).findOne({ where: { key } });
  }

  async updateTemplate(row: MessageTemplateEntity, manager: EntityManager): Promise<void> {
    const { id, ...changes } = row;
    // jsonb columns (sample data) are whole values, not partial entities.
    await this.templates(manager).update({ id }, changes as QueryDeepPartialEntity<MessageTemplateEntity>);
  }

  async addTemplateVersion(
    input: {
      templateId: string;
      version: number;
      operation: TemplateOperation;
      authorId: string | null;
      authorName: string;
      reason: string;
      changedAt: Date;
      snapshot: TemplateContent;
    },
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .getRepository(MessageTemplateVersionEntity)
      .insert(input as QueryDeepPartialEntity<MessageTemplateVersionEntity>);
  }

  templateHistory(templateId: string): Promise<MessageTemplateVersionEntity[]> {
    return this.tx.manager
      .getRepository(MessageTemplateVersionEntity)
      .find({ where: { templateId }, order: { version: 'ASC' } });
  }

  /** The content of one saved version of a template, by its key. */
  async templateVersionContent(templateKey: string, version: number): Promise<TemplateContent | null> {
    const template = await this.findTemplateByKey(templateKey);
    if (template === null) return null;
    const row = await this.tx.manager
      .getRepository(MessageTemplateVersionEntity)
      .findOne({ where: { templateId: template.id, version } });
    return row?.snapshot ?? null;
  }

  /** Status and times of these messages, for features that track what they queued. */
  messageStatuses(ids: string[]): Promise<OutboxMessageEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.messages().createQueryBuilder('m').where('m.id IN (:...ids)', { ids }).getMany();
  }

  async insertMessage(row: OutboxMessageEntity, manager?: EntityManager): Promise<void> {
    await this.messages(manager).insert(row);
  }

  async listMessages(
    filter: MessageFilter,
    sort: { field: MessageSortField; order: 'ASC' | 'DESC' },
    page: { offset: number; limit: number },
  ): Promise<{ rows: OutboxMessageEntity[]; total: number }> {
    const query = this.messages().createQueryBuilder('m');
    if (filter.status !== undefined) query.andWhere('m.status = :status', filter);
    if (filter.channel !== undefined) query.andWhere('m.channel = :channel', filter);
    if (filter.templateKey !== undefined) query.andWhere('m.template_key = :templateKey', filter);
    if (filter.reference !== undefined) query.andWhere('m.reference = :reference', filter);
    if (filter.id !== undefined) query.andWhere('m.id IN (:...id)', { id: filter.id.length > 0 ? filter.id : [null] });
    query
      .orderBy(MESSAGE_COLUMN[sort.field], sort.order, 'NULLS LAST')
      .addOrderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'ASC')
      .skip(page.offset)
      .take(page.limit);
    const [rows, total] = await query.getManyAndCount();
    return { rows, total };
  }

  findMessage(id: string): Promise<OutboxMessageEntity | null> {
    return this.messages().findOne({ where: { id } });
  }

  /** Whether the message still holds its content (the column is never selected otherwise). */
  async hasContent(id: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      'SELECT 1 FROM outbox_messages WHERE id = $1 AND content_sealed IS NOT NULL',
      [id],
    );
    return rows.length > 0;
  }

  /**
   * Puts messages left in `sending` by an instance that stopped mid-send back in the queue. The
   * SMTP server may have taken one before the stop: such a message can go out twice, which is
   * better than never for a notice the law requires. Ten minutes: far longer than any send takes.
   */
  async requeueStale(now: Date): Promise<number> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'queued', next_attempt_at = $1
        WHERE status = 'sending' AND sending_at < $1::timestamptz - interval '10 minutes' RETURNING id`,
      [now],
    );
    return rows.length;
  }

  /**
   * Takes up to `limit` due messages for this instance: locked with SKIP LOCKED so that two
   * instances never take the same one, and marked `sending` in a transaction that commits before
   * anything is sent: a transaction of its own, never the caller's, and so are the results below.
   */
  async claimDue(now: Date, limit: number): Promise<ClaimedMessage[]> {
    return this.tx.runSeparately(async (manager) => {
      const ids: { id: string }[] = await manager.query(
        `SELECT id FROM outbox_messages WHERE status = 'queued' AND next_attempt_at <= $1
          ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, limit],
      );
      if (ids.length === 0) return [];
      await manager.query(
        `UPDATE outbox_messages SET status = 'sending', attempts = attempts + 1, sending_at = $2
          WHERE id = ANY($1::uuid[])`,
        [ids.map((r) => r.id), now],
      );
      return (await this.messages(manager)
        .createQueryBuilder('m')
        .addSelect(['m.recipientAddressSealed', 'm.contentSealed'])
        .where('m.id IN (:...ids)', { ids: ids.map((r) => r.id) })
        .orderBy('m.next_attempt_at')
        .addOrderBy('m.created_at')
        .getMany()) as ClaimedMessage[];
    });
  }

  /**
   * A person erased: every message to them loses its address and content (only metadata and the
   * content's hash stay), and what is still queued for them is cancelled. In the caller's transaction.
   */
  async forgetRecipient(kind: RecipientKindOf, id: string, now: Date): Promise<number> {
    const [, affected] = (await this.tx.manager.query(
      `UPDATE outbox_messages
          SET recipient_address_sealed = NULL, content_sealed = NULL,
              content_deleted_at = coalesce(content_deleted_at, $3), recipient_masked = '(erased)',
              status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
              cancelled_at = CASE WHEN status = 'queued' THEN $3 ELSE cancelled_at END
        WHERE recipient_kind = $1 AND recipient_id = $2 AND status <> 'sending'`,
      [kind, id, now],
    )) as [unknown, number];
    return affected;
  }

  /** Sent: the result kept; the address and content removed where the template says so. */
  async markSent(id: string, delivery: DeliveryResult, deleteContent: boolean, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = $2, delivery = $3, last_error = NULL,
              content_sealed = CASE WHEN $4 THEN NULL ELSE content_sealed END,
              recipient_address_sealed = CASE WHEN $4 THEN NULL ELSE recipient_address_sealed END,
              content_deleted_at = CASE WHEN $4 THEN $2 ELSE content_deleted_at END
        WHERE id = $1 AND status = 'sending'`,
      [id, now, JSON.stringify(delivery), deleteContent],
    );
  }

  /**
   * Messages whose content was deleted when sent but whose file the file sender wrote is still on
   * disk, sent at least `hours` before `now` (elapsed hours, so no calendar days), oldest first.
   */
  async sentFilesToRemove(now: Date, hours: number, limit: number): Promise<{ id: string; file: string }[]> {
    return this.dataSource.query(
      `SELECT id, delivery ->> 'file' AS file FROM outbox_messages
        WHERE content_deleted_at IS NOT NULL AND delivery ->> 'transport' = 'file' AND NOT (delivery ? 'fileRemovedAt')
          AND sent_at <= $1::timestamptz - make_interval(hours => $2)
        ORDER BY sent_at LIMIT $3`,
      [now, hours, limit],
    );
  }

  async markFileRemoved(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox_messages SET delivery = delivery || jsonb_build_object('fileRemovedAt', $2::text) WHERE id = $1`,
      [id, now.toISOString()],
    );
  }

  /**
   * Not accepted: failed for good once its attempts are used up, else queued again after a wait
   * that doubles with each attempt (1, 2, 4 … minutes; elapsed time, so no calendar days).
   */
  async markFailed(id: string, error: string, now: Date): Promise<MessageStatus | undefined> {
    const rows: [{ status: MessageStatus }[], number] = await this.dataSource.query(
      `UPDATE outbox_messages
          SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
              failed_at = CASE WHEN attempts >= max_attempts THEN $3 ELSE failed_at END,
              next_attempt_at = $3::timestamptz + make_interval(mins => power(2, attempts - 1)::int),
              last_error = $2
        WHERE id = $1 AND status = 'sending' RETURNING status`,
      [id, error.slice(0, 1000), now],
    );
    return rows[0][0]?.status;
  }
}
