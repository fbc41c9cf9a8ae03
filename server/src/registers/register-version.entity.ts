import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RegisterName } from './register-types';

export type VersionOperation = 'create' | 'update' | 'import';

/** One saved version of a register row: who, when, why, and the row as saved. Append-only. */
@Entity('register_versions')
export class RegisterVersionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) register!: RegisterName;
  @Column({ name: 'row_id', type: 'uuid' }) rowId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) operation!: VersionOperation;
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt!: Date;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
}
