import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TemplateContent } from './outbox-types';

export type TemplateOperation = 'seed' | 'update';

/** One saved version of a template: who, when, why, and its content as saved. Append-only. */
@Entity('message_template_versions')
export class MessageTemplateVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'template_id', type: 'uuid' }) templateId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) operation!: TemplateOperation;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt!: Date;
  @Column({ type: 'jsonb' }) snapshot!: TemplateContent;
}
