import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, DeliveryResult, Language, MessageStatus, RecipientKind } from './outbox-types';

/**
 * One outgoing message. The address and the rendered content are sealed, and removed after
 * sending where the template says so; everything else is metadata kept as the record.
 */
@Entity('outbox_messages')
export class OutboxMessageEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) channel!: Channel;
  @Column({ name: 'recipient_kind', type: 'text' }) recipientKind!: RecipientKind;
  @Column({ name: 'recipient_id', type: 'text' }) recipientId!: string;
  @Column({ name: 'recipient_address_sealed', type: 'bytea', nullable: true, select: false })
  recipientAddressSealed!: Buffer | null;
  @Column({ name: 'recipient_masked', type: 'text' }) recipientMasked!: string;
  @Column({ name: 'template_id', type: 'uuid' }) templateId!: string;
  @Column({ name: 'template_key', type: 'text' }) templateKey!: string;
  @Column({ name: 'template_version', type: 'integer' }) templateVersion!: number;
  @Column({ type: 'text' }) language!: Language;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Column({ type: 'text' }) status!: MessageStatus;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ name: 'max_attempts', type: 'integer' }) maxAttempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ name: 'content_sealed', type: 'bytea', nullable: true, select: false }) contentSealed!: Buffer | null;
  @Column({ name: 'content_sha256', type: 'text' }) contentSha256!: string;
  @Column({ name: 'content_deleted_at', type: 'timestamptz', nullable: true }) contentDeletedAt!: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sending_at', type: 'timestamptz', nullable: true }) sendingAt!: Date | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true }) failedAt!: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) delivery!: DeliveryResult | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
}
