import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Layout, LocalizedText } from './register-types';

/** A published privacy policy whose tables the register rows feed. */
@Entity('register_policies')
export class RegisterPolicyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'jsonb' }) name!: LocalizedText;
  @Column({ type: 'text' }) layout!: Layout;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
