import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, TemplateKind } from './outbox-types';

/** A letter, notice or message in Korean and English, with merge fields. `version` is its current version. */
@Entity('message_templates')
export class MessageTemplateEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'template_key', type: 'text' }) key!: string;
  @Column({ type: 'text' }) kind!: TemplateKind;
  @Column({ type: 'text' }) channel!: Channel;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'description_ko', type: 'text' }) descriptionKo!: string;
  @Column({ name: 'delete_content_after_send', type: 'boolean' }) deleteContentAfterSend!: boolean;
  @Column({ name: 'subject_ko', type: 'text' }) subjectKo!: string;
  @Column({ name: 'subject_en', type: 'text' }) subjectEn!: string;
  @Column({ name: 'body_ko', type: 'text' }) bodyKo!: string;
  @Column({ name: 'body_en', type: 'text' }) bodyEn!: string;
  @Column({ name: 'sample_data', type: 'jsonb' }) sampleData!: Record<string, unknown>;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
